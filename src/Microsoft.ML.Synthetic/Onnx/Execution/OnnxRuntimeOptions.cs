namespace Microsoft.ML.Synthetic;

/// <summary>
/// How <see cref="OnnxRuntimeCatalogExtensions.CreateInferenceSession(OnnxCatalog, byte[], OnnxRuntimeOptions?)"/>
/// sets up ONNX Runtime for an exported graph (a sampler or a scoring chain).
/// </summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>The execution provider asked for (default <see cref="OnnxExecution.Cpu"/>).</summary>
    public OnnxExecution Execution { get; set; } = OnnxExecution.Cpu;

    /// <summary>The CUDA device ordinal used with <see cref="OnnxExecution.Cuda"/> (default 0, the first GPU).</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>ONNX Runtime's intra-op threads on the CPU; 0 (the default) lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// With <see cref="OnnxExecution.Cuda"/> and no usable CUDA (a CPU-only ONNX Runtime package, missing CUDA or cuDNN
    /// libraries, no GPU): true (the default) runs on the CPU and writes a warning naming what to install to the
    /// context's log (<c>MLContext.Log</c>); false throws <see cref="InvalidOperationException"/> with that message.
    /// </summary>
    public bool FallBackToCpu { get; set; } = true;
}
