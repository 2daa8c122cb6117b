namespace Microsoft.ML.Synthetic;

/// <summary>Where a deep synthesizer's LibTorch computations run (<see cref="DeepSynthesizerOptions.Device"/>).</summary>
public enum DeepDevice
{
    /// <summary>The CPU (the default): always available, and the only device on which the same seed gives the same output.</summary>
    Cpu,

    /// <summary>
    /// The first CUDA GPU, when LibTorch can use one (the libtorch-cuda package instead of TorchSharp-cpu, an NVIDIA
    /// driver and a device); otherwise training falls back to the CPU with a warning that says what is missing.
    /// </summary>
    Cuda,
}
