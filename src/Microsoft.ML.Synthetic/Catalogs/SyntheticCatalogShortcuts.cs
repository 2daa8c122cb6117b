using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The verbs of the user story kept on <c>mlContext.Synthetic()</c> itself: each is a one-line shortcut for the
/// same call on a sub-catalog (<see cref="SyntheticCatalog.Resampling"/>, <see cref="SyntheticCatalog.Onnx"/>), with
/// the same parameters and result. <c>Evaluate</c> is added the same way by Microsoft.ML.Synthetic.Evaluation.
/// </summary>
public static class SyntheticCatalogShortcuts
{
    /// <summary>Shortcut for <c>synthetic.Resampling.Oversample(labelColumnName, generator, …)</c>
    /// (<see cref="OversamplingCatalog.Oversample(ResamplingCatalog, string, SyntheticRowGenerator?, SamplingStrategy?, int?, TabularDataOptions?)"/>).</summary>
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="labelColumnName">The class column.</param>
    /// <param name="generator">The oversampler; null for SMOTE with k = 5.</param>
    /// <param name="strategy">Which classes grow and how far; default <see cref="SamplingStrategy.NotMajority"/>.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    /// <param name="dataOptions">How the rows are read.</param>
    public static SyntheticRowsEstimator Oversample(this SyntheticCatalog catalog, string labelColumnName,
        SyntheticRowGenerator? generator = null, SamplingStrategy? strategy = null, int? seed = null, TabularDataOptions? dataOptions = null) =>
        Checked(catalog).Resampling.Oversample(labelColumnName, generator, strategy, seed, dataOptions);

    /// <summary>Shortcut for <c>synthetic.Resampling.Oversample(labelColumnName, generator: synthesizer, …)</c>
    /// (<see cref="AugmentationCatalog.Oversample(ResamplingCatalog, string, IEstimator{ISynthesizerModel}, SamplingStrategy?, int?)"/>).</summary>
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="labelColumnName">The class column; the synthesizer must read it as categorical.</param>
    /// <param name="generator">Any synthesizer estimator (for example <c>synthetic.Synthesizers.Ctgan()</c>).</param>
    /// <param name="strategy">Which classes grow and how far; default <see cref="SamplingStrategy.NotMajority"/>.</param>
    /// <param name="seed">The sampling seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator Oversample(this SyntheticCatalog catalog, string labelColumnName,
        IEstimator<ISynthesizerModel> generator, SamplingStrategy? strategy = null, int? seed = null) =>
        Checked(catalog).Resampling.Oversample(labelColumnName, generator, strategy, seed);

    /// <summary>Shortcut for <c>synthetic.Resampling.Oversample(options)</c>
    /// (<see cref="OversamplingCatalog.Oversample(ResamplingCatalog, OversampleOptions)"/>).</summary>
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="options">The label, generator, strategy, seed and reading options.</param>
    public static SyntheticRowsEstimator Oversample(this SyntheticCatalog catalog, OversampleOptions options) =>
        Checked(catalog).Resampling.Oversample(options);

    /// <summary>Shortcut for <c>synthetic.Resampling.Replace(generator, …)</c>
    /// (<see cref="AugmentationCatalog.Replace(ResamplingCatalog, SyntheticRowGenerator, string?, long?, int?, TabularDataOptions?)"/>).</summary>
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="generator">An oversampler or a <see cref="SynthesizerRowGenerator"/>.</param>
    /// <param name="labelColumnName">The class column, or null.</param>
    /// <param name="rowCount">Synthetic rows to train on; null for as many as the real training rows.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    /// <param name="dataOptions">How the rows are read.</param>
    public static SyntheticRowsEstimator Replace(this SyntheticCatalog catalog, SyntheticRowGenerator generator,
        string? labelColumnName = null, long? rowCount = null, int? seed = null, TabularDataOptions? dataOptions = null) =>
        Checked(catalog).Resampling.Replace(generator, labelColumnName, rowCount, seed, dataOptions);

    /// <summary>Shortcut for <c>synthetic.Resampling.Replace(generator: synthesizer, …)</c>
    /// (<see cref="AugmentationCatalog.Replace(ResamplingCatalog, IEstimator{ISynthesizerModel}, string?, long?, int?)"/>).</summary>
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="generator">Any synthesizer estimator.</param>
    /// <param name="labelColumnName">The class column, or null.</param>
    /// <param name="rowCount">Synthetic rows to train on; null for as many as the real training rows.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator Replace(this SyntheticCatalog catalog, IEstimator<ISynthesizerModel> generator,
        string? labelColumnName = null, long? rowCount = null, int? seed = null) =>
        Checked(catalog).Resampling.Replace(generator, labelColumnName, rowCount, seed);

    /// <summary>Shortcut for <c>synthetic.Onnx.ConvertToOnnx(model, inputData, stream)</c>
    /// (<see cref="OnnxExportCatalog.ConvertToOnnx(OnnxCatalog, ITransformer, IDataView, Stream)"/>).</summary>
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="model">The fitted chain.</param>
    /// <param name="inputData">Data with the chain's input schema (only its schema is read).</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    /// <exception cref="NotSupportedException">A stage, model or setting has no ONNX converter; the message names its type and columns.</exception>
    public static void ConvertToOnnx(this SyntheticCatalog catalog, ITransformer model, IDataView inputData, Stream stream) =>
        Checked(catalog).Onnx.ConvertToOnnx(model, inputData, stream);

    /// <summary>Shortcut for <c>synthetic.Onnx.ConvertToOnnx(model, inputData, stream, options)</c>
    /// (<see cref="OnnxExportCatalog.ConvertToOnnx(OnnxCatalog, ITransformer, IDataView, Stream, OnnxExportOptions)"/>).</summary>
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="model">The fitted chain.</param>
    /// <param name="inputData">Data with the chain's input schema (only its schema is read).</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    /// <param name="options">Export options.</param>
    /// <exception cref="NotSupportedException">A stage, model or setting has no ONNX converter; the message names its type and columns.</exception>
    public static void ConvertToOnnx(this SyntheticCatalog catalog, ITransformer model, IDataView inputData, Stream stream, OnnxExportOptions options) =>
        Checked(catalog).Onnx.ConvertToOnnx(model, inputData, stream, options);

    /// <summary>Shortcut for <c>synthetic.Onnx.ConvertToOnnx(copulaModel, stream)</c>
    /// (<see cref="SynthesizerOnnxCatalog.ConvertToOnnx(OnnxCatalog, GaussianCopulaModel, Stream)"/>).</summary>
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="model">The fitted Gaussian copula.</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    public static void ConvertToOnnx(this SyntheticCatalog catalog, GaussianCopulaModel model, Stream stream) =>
        Checked(catalog).Onnx.ConvertToOnnx(model, stream);

    /// <summary>Shortcut for <c>synthetic.Onnx.ConvertToOnnx(tvaeModel, stream)</c>
    /// (<see cref="SynthesizerOnnxCatalog.ConvertToOnnx(OnnxCatalog, TvaeModel, Stream)"/>).</summary>
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="model">The fitted TVAE.</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    public static void ConvertToOnnx(this SyntheticCatalog catalog, TvaeModel model, Stream stream) =>
        Checked(catalog).Onnx.ConvertToOnnx(model, stream);

    /// <summary>Shortcut for <c>synthetic.Onnx.ConvertToOnnx(ctganModel, stream)</c>
    /// (<see cref="SynthesizerOnnxCatalog.ConvertToOnnx(OnnxCatalog, CtganModel, Stream)"/>).</summary>
    /// <param name="catalog">The SyntheticML catalog.</param>
    /// <param name="model">The fitted CTGAN.</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    public static void ConvertToOnnx(this SyntheticCatalog catalog, CtganModel model, Stream stream) =>
        Checked(catalog).Onnx.ConvertToOnnx(model, stream);

    private static SyntheticCatalog Checked(SyntheticCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog;
    }
}
