using Microsoft.ML.OnnxRuntime;

namespace Microsoft.ML.Synthetic.Onnx.Execution;

/// <summary>
/// Opens an ONNX Runtime session on the execution provider asked for, falling back from CUDA to the CPU with a
/// message that says what is missing: the CUDA provider in the loaded ONNX Runtime (a CPU-only package), or the
/// CUDA/cuDNN libraries or a GPU when the provider cannot start.
/// </summary>
internal static class OnnxSessions
{
    /// <summary>ONNX Runtime's name of the CUDA execution provider.</summary>
    public const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>What to install for CUDA, named in every fallback message.</summary>
    public const string CudaRequirements =
        "reference the package Microsoft.ML.OnnxRuntime.Gpu 1.32.0 in place of Microsoft.ML.OnnxRuntime, and install an NVIDIA driver, "
        + "the CUDA 12 runtime and cuDNN 9 that it loads (ONNX Runtime's CUDA execution provider requirements list the exact versions)";

    /// <summary>
    /// Opens a session with <paramref name="open"/>; for CUDA, appends the CUDA provider and falls back to the CPU
    /// (after <paramref name="warn"/>) or throws when it cannot run. <paramref name="providers"/> overrides ONNX
    /// Runtime's list of available providers (tests).
    /// </summary>
    public static InferenceSession Open(Func<SessionOptions, InferenceSession> open, OnnxRuntimeOptions options, Action<string> warn, IReadOnlyCollection<string>? providers = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads, nameof(options.IntraOpThreads));
        ArgumentOutOfRangeException.ThrowIfNegative(options.CudaDeviceId, nameof(options.CudaDeviceId));
        if (options.Execution == OnnxExecution.Cuda)
        {
            string? reason = CudaUnavailable(providers ?? OrtEnv.Instance().GetAvailableProviders());
            if (reason is null)
            {
                try
                {
                    return OpenWith(open, options, cuda: true);
                }
                catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
                {
                    reason = $"ONNX Runtime could not start its CUDA execution provider on device {options.CudaDeviceId} ({FirstLine(e.Message)})";
                }
            }

            string message = $"ONNX execution on CUDA was asked for, but {reason}. To run on the GPU, {CudaRequirements}.";
            if (!options.FallBackToCpu)
            {
                throw new InvalidOperationException(message);
            }

            warn(message + " Running on the CPU instead.");
        }

        return OpenWith(open, options, cuda: false);
    }

    private static string? CudaUnavailable(IReadOnlyCollection<string> providers) => providers.Contains(CudaProvider)
        ? null
        : $"the ONNX Runtime loaded has no CUDA execution provider (it offers {string.Join(", ", providers)}; the Microsoft.ML.OnnxRuntime package is CPU-only)";

    private static InferenceSession OpenWith(Func<SessionOptions, InferenceSession> open, OnnxRuntimeOptions options, bool cuda)
    {
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = options.IntraOpThreads };
        if (cuda)
        {
            sessionOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
        }

        return open(sessionOptions);
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
