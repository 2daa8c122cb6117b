using Microsoft.ML.Synthetic.Onnx;

namespace Microsoft.ML.Synthetic;

/// <summary>ONNX export of fitted chains, reached with <c>mlContext.Synthetic().Onnx.ConvertToOnnx(...)</c>.</summary>
public static class OnnxExportCatalog
{
    /// <summary>
    /// Writes <paramref name="model"/> as an ONNX model (opset 17, <c>ai.onnx.ml</c> opset 3) to
    /// <paramref name="stream"/>, in the shape of ML.NET's <c>mlContext.Model.ConvertToOnnx</c>. Train-only stages
    /// (oversampling, augmentation, DP noise) are left out: they are identity at scoring time. Graph inputs are
    /// the input columns the outputs need, named as the columns, shaped <c>[N, size]</c> (text as strings, keys as
    /// uint32); outputs are every column the chain creates or changes, named and typed as in ML.NET
    /// (<c>Score</c>, <c>Probability</c>, <c>PredictedLabel</c>, …).
    /// </summary>
    /// <param name="catalog">The ONNX catalog (<c>mlContext.Synthetic().Onnx</c>).</param>
    /// <param name="model">The fitted chain.</param>
    /// <param name="inputData">Data with the chain's input schema (only its schema is read).</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    /// <exception cref="NotSupportedException">A stage, model or setting has no ONNX converter; the message names its type and columns.</exception>
    public static void ConvertToOnnx(this OnnxCatalog catalog, ITransformer model, IDataView inputData, Stream stream) =>
        ConvertToOnnx(catalog, model, inputData, stream, new OnnxExportOptions());

    /// <summary>Writes <paramref name="model"/> as an ONNX model, with <paramref name="options"/> (which outputs, graph name).</summary>
    /// <param name="catalog">The ONNX catalog (<c>mlContext.Synthetic().Onnx</c>).</param>
    /// <param name="model">The fitted chain.</param>
    /// <param name="inputData">Data with the chain's input schema (only its schema is read).</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    /// <param name="options">Export options.</param>
    /// <exception cref="NotSupportedException">A stage, model or setting has no ONNX converter; the message names its type and columns.</exception>
    public static void ConvertToOnnx(this OnnxCatalog catalog, ITransformer model, IDataView inputData, Stream stream, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputData);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        OnnxExporter.Write(OnnxExporter.Export(model, inputData.Schema, options), stream);
    }
}
