namespace Microsoft.ML.Synthetic;

/// <summary>Where ONNX Runtime runs an exported graph (<see cref="OnnxRuntimeOptions.Execution"/>).</summary>
public enum OnnxExecution
{
    /// <summary>ONNX Runtime's CPU execution provider (any ONNX Runtime package).</summary>
    Cpu,

    /// <summary>
    /// ONNX Runtime's CUDA execution provider on an NVIDIA GPU: needs the <c>Microsoft.ML.OnnxRuntime.Gpu</c> package
    /// in place of <c>Microsoft.ML.OnnxRuntime</c>, and the CUDA and cuDNN libraries it loads. Without them the
    /// session runs on the CPU after a warning (or throws, with <see cref="OnnxRuntimeOptions.FallBackToCpu"/> false).
    /// </summary>
    Cuda,
}
