using Microsoft.ML.Synthetic.Onnx;
using Microsoft.ML.Synthetic.Onnx.Synthesizers;

namespace Microsoft.ML.Synthetic;

/// <summary>ONNX export of fitted synthesizers as sampler graphs, reached with <c>mlContext.Synthetic().ConvertToOnnx(...)</c>.</summary>
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
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="model">The fitted Gaussian copula.</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    public static void ConvertToOnnx(this SyntheticCatalog catalog, GaussianCopulaModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        OnnxExporter.Write(GaussianCopulaOnnxExporter.Export(model, "GaussianCopulaSampler"), stream);
    }
}
