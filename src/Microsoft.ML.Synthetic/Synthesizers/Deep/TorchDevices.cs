using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>Resolves <see cref="DeepSynthesizerOptions.Device"/> to the LibTorch device a fit runs on.</summary>
internal static class TorchDevices
{
    /// <summary>The warning when CUDA was asked for but LibTorch cannot use it.</summary>
    internal const string CudaUnavailable =
        "Device = Cuda was asked for, but LibTorch reports no usable CUDA device, so this fit trains and samples on the CPU. " +
        "To train on a GPU, reference the libtorch-cuda build of TorchSharp (the TorchSharp-cuda-linux or TorchSharp-cuda-windows package) " +
        "instead of TorchSharp-cpu, on a machine with an NVIDIA GPU and its driver; set Device = Cpu to silence this warning.";

    /// <summary>
    /// The CPU for <see cref="DeepDevice.Cpu"/>; for <see cref="DeepDevice.Cuda"/> the first CUDA device when
    /// <paramref name="cudaAvailable"/> (by default LibTorch's <c>torch.cuda.is_available()</c>) says so, else the CPU
    /// after <paramref name="warn"/> is told why and what to install.
    /// </summary>
    public static Device Resolve(DeepDevice requested, Action<string> warn, Func<bool>? cudaAvailable = null)
    {
        if (requested != DeepDevice.Cuda)
        {
            return CPU;
        }

        bool available;
        try
        {
            available = (cudaAvailable ?? cuda.is_available)();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException or NotSupportedException)
        {
            available = false;   // no CUDA runtime to load: the same answer as "no device"
        }

        if (available)
        {
            return new Device(DeviceType.CUDA, 0);   // LibTorch initialises CUDA when the first tensor moves there
        }

        warn(CudaUnavailable);
        return CPU;
    }
}
