using Microsoft.ML.Synthetic.Onnx;
using Microsoft.ML.Synthetic.Onnx.Synthesizers;

namespace Microsoft.ML.Synthetic;

/// <summary>ONNX export of fitted synthesizers as sampler graphs, reached with <c>mlContext.Synthetic().Onnx.ConvertToOnnx(...)</c>.</summary>
public static class SynthesizerOnnxCatalog
{
    /// <summary>
    /// Writes a fitted Gaussian copula as an ONNX sampler (opset 17, IR version 8) to <paramref name="stream"/>. The
    /// graph's input <c>noise</c> (<c>noise_</c> if a column already has that name; the model metadata
    /// <c>noise_input</c> holds it) is standard-normal noise of type double, shaped <c>[N, d]</c> with d the copula's
    /// latent dimension (<see cref="GaussianCopulaModel.LatentNames"/>; the model metadata <c>noise_dimension</c>
    /// holds it too); its outputs are the training columns, named as them and shaped <c>[N, 1]</c>: Single columns as
    /// float, other numeric columns as double (whole-number columns rounded as the copula rounds them, NaN where
    /// missing), categorical columns as strings (the column's missing text for a missing value). Given the same
    /// noise, the graph returns the rows the copula's own decoding returns: run it with fresh N(0, 1) noise in any
    /// ONNX runtime to sample. Conditional sampling is not exported.
    /// </summary>
    /// <param name="catalog">The ONNX catalog (<c>mlContext.Synthetic().Onnx</c>).</param>
    /// <param name="model">The fitted Gaussian copula.</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    public static void ConvertToOnnx(this OnnxCatalog catalog, GaussianCopulaModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        model.ThrowIfTableSteps("converted to ONNX");
        OnnxExporter.Write(GaussianCopulaOnnxExporter.Export(model, "GaussianCopulaSampler"), stream);
    }

    /// <summary>
    /// Writes a fitted TVAE as an ONNX sampler (opset 17, IR version 8) to <paramref name="stream"/>. The graph has two
    /// float inputs to fill with plain noise: <c>noise</c>, standard normals shaped <c>[N, latent + c]</c> (the latent
    /// z, then the noise on α of each of the c continuous columns), and <c>uniform</c>, U(0, 1) draws shaped
    /// <c>[N, s + g]</c> (one per one-hot slot of the encoded row, from which the graph makes the Gumbel noise that
    /// draws each one-hot part, then one per categorical column with a rare-category group). The model metadata holds
    /// the widths (<c>noise_dimension</c>, <c>uniform_dimension</c>, <c>latent_dimension</c>), the layouts
    /// (<c>noise_layout</c>, <c>uniform_layout</c>) and the input names (<c>noise_input</c>, <c>uniform_input</c>; an
    /// underscore is appended when a column already has the name). Its outputs are the training columns, named as
    /// them and shaped <c>[N, 1]</c>: Single columns as float, other numeric columns as double (whole-number columns
    /// rounded, NaN where missing), categorical columns as strings (the column's missing text for a missing value).
    /// Given the same draws, the graph returns the rows the model's own sampling decodes (within single-precision
    /// rounding of the network); the model's sampler draws its noise with TorchSharp's and .NET's generators, so
    /// the same seed does not give the same rows. Conditional sampling is not exported.
    /// </summary>
    /// <param name="catalog">The ONNX catalog (<c>mlContext.Synthetic().Onnx</c>).</param>
    /// <param name="model">The fitted TVAE.</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    public static void ConvertToOnnx(this OnnxCatalog catalog, TvaeModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        model.ThrowIfTableSteps("converted to ONNX");
        OnnxExporter.Write(DeepSamplerOnnxExporter.Export(model), stream);
    }

    /// <summary>
    /// Writes a fitted CTGAN as an ONNX sampler (opset 17, IR version 8) to <paramref name="stream"/>. The graph has two
    /// float inputs to fill with plain noise: <c>noise</c>, standard normals shaped <c>[N, latent]</c>, and
    /// <c>uniform</c>, U(0, 1) draws shaped <c>[N, s + g + 2]</c>: one per one-hot slot of the encoded row (the Gumbel
    /// noise that draws each one-hot part), one per categorical column with a rare-category group, and two that draw
    /// the conditional vector as unconditional sampling does (a categorical column uniformly, then its category by
    /// training frequency; these two are absent when the table has no categorical column). The generator runs in
    /// evaluation mode (batch normalization with its running statistics). Metadata, outputs and parity are as for
    /// <see cref="ConvertToOnnx(OnnxCatalog, TvaeModel, Stream)"/>. Conditional sampling is not exported.
    /// </summary>
    /// <param name="catalog">The ONNX catalog (<c>mlContext.Synthetic().Onnx</c>).</param>
    /// <param name="model">The fitted CTGAN.</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    public static void ConvertToOnnx(this OnnxCatalog catalog, CtganModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        model.ThrowIfTableSteps("converted to ONNX");
        OnnxExporter.Write(DeepSamplerOnnxExporter.Export(model), stream);
    }
}
