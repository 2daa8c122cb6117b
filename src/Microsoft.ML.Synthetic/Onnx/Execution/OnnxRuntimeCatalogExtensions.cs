using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Runtime;
using Microsoft.ML.Synthetic.Onnx.Execution;

namespace Microsoft.ML.Synthetic;

/// <summary>Running exported graphs in ONNX Runtime, reached with <c>mlContext.Synthetic().Onnx</c>.</summary>
public static class OnnxRuntimeCatalogExtensions
{
    /// <summary>
    /// Opens <paramref name="model"/> (an exported sampler or chain) in ONNX Runtime with the execution provider of
    /// <paramref name="options"/>. The library references only ONNX Runtime's managed API: the application references
    /// <c>Microsoft.ML.OnnxRuntime</c> (CPU) or, for <see cref="OnnxExecution.Cuda"/>, <c>Microsoft.ML.OnnxRuntime.Gpu</c>
    /// (not both). When CUDA is asked for but cannot run, the session runs on the CPU and a warning naming what to
    /// install goes to <c>MLContext.Log</c> (or, with <see cref="OnnxRuntimeOptions.FallBackToCpu"/> false, this throws).
    /// </summary>
    /// <param name="catalog">The ONNX catalog.</param>
    /// <param name="model">The ONNX model's bytes.</param>
    /// <param name="options">Execution provider and threads; null: CPU, ONNX Runtime's default threads.</param>
    /// <returns>The session; the caller disposes it.</returns>
    /// <exception cref="InvalidOperationException">CUDA was asked for with <see cref="OnnxRuntimeOptions.FallBackToCpu"/> false and cannot run.</exception>
    public static InferenceSession CreateInferenceSession(this OnnxCatalog catalog, byte[] model, OnnxRuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        return OnnxSessions.Open(sessionOptions => new InferenceSession(model, sessionOptions), options ?? new OnnxRuntimeOptions(), Warner(catalog));
    }

    /// <summary>Opens the ONNX model at <paramref name="modelPath"/>; otherwise as the overload taking bytes.</summary>
    /// <param name="catalog">The ONNX catalog.</param>
    /// <param name="modelPath">Path of the <c>.onnx</c> file.</param>
    /// <param name="options">Execution provider and threads; null: CPU, ONNX Runtime's default threads.</param>
    /// <returns>The session; the caller disposes it.</returns>
    /// <exception cref="FileNotFoundException">No file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidOperationException">CUDA was asked for with <see cref="OnnxRuntimeOptions.FallBackToCpu"/> false and cannot run.</exception>
    public static InferenceSession CreateInferenceSession(this OnnxCatalog catalog, string modelPath, OnnxRuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"No ONNX model at '{modelPath}': export one with ConvertToOnnx first.", modelPath);
        }

        return OnnxSessions.Open(sessionOptions => new InferenceSession(modelPath, sessionOptions), options ?? new OnnxRuntimeOptions(), Warner(catalog));
    }

    private static Action<string> Warner(OnnxCatalog catalog) => message =>
    {
        using var channel = ((IHostEnvironment)catalog.Owner.Context).Start(nameof(OnnxRuntimeCatalogExtensions));
        channel.Warning(MessageSensitivity.None, message);
    };
}
