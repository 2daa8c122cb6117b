using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Oversampling;
using Microsoft.ML.Synthetic.Augmentation;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Generator-based train-only stages of <c>mlContext.Synthetic().Resampling</c>: <c>Oversample</c> with any synthesizer,
/// <c>Augment</c> (add synthetic rows) and <c>Replace</c> (train on synthetic rows only).
/// </summary>
public static class AugmentationCatalog
{
    /// <summary>
    /// Balances the classes of <paramref name="labelColumnName"/> with rows sampled from a synthesizer that is
    /// fitted on the training rows (only) and sampled conditionally on each class.
    /// </summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="labelColumnName">The class column; the synthesizer must read it as categorical.</param>
    /// <param name="generator">Any synthesizer estimator (for example <c>synthetic.Synthesizers.GaussianCopula()</c>).</param>
    /// <param name="strategy">Which classes grow and how far; default <see cref="SamplingStrategy.NotMajority"/>.</param>
    /// <param name="seed">The sampling seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator Oversample(this ResamplingCatalog catalog, string labelColumnName,
        IEstimator<ISynthesizerModel> generator, SamplingStrategy? strategy = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return catalog.Oversample(labelColumnName, new SynthesizerRowGenerator(generator), strategy, seed);
    }

    /// <summary>
    /// Adds synthetic rows to the training data (real rows first, unaltered). With a label column the new rows keep
    /// the class shares, or follow <see cref="AugmentOptions.RowsPerClass"/>.
    /// </summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="generator">An oversampler or a <see cref="SynthesizerRowGenerator"/>.</param>
    /// <param name="options">How many rows to add.</param>
    /// <param name="labelColumnName">The class column, or null to treat all rows as one class.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    /// <param name="dataOptions">How the rows are read.</param>
    public static SyntheticRowsEstimator Augment(this ResamplingCatalog catalog, SyntheticRowGenerator generator, AugmentOptions options,
        string? labelColumnName = null, int? seed = null, TabularDataOptions? dataOptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        AugmentOptions.Validate(options, labelColumnName);
        return new SyntheticRowsEstimator(catalog.Owner, "Augment", labelColumnName, generator, new AugmentPlan(options), seed, dataOptions);
    }

    /// <summary>Adds synthetic rows sampled from a synthesizer fitted on the training rows.</summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="generator">Any synthesizer estimator.</param>
    /// <param name="options">How many rows to add.</param>
    /// <param name="labelColumnName">The class column, or null.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator Augment(this ResamplingCatalog catalog, IEstimator<ISynthesizerModel> generator, AugmentOptions options,
        string? labelColumnName = null, int? seed = null) =>
        catalog.Augment(new SynthesizerRowGenerator(generator), options, labelColumnName, seed);

    /// <summary>
    /// Trains the next estimators on synthetic rows only (train on synthetic; with a real holdout, TSTR): as many
    /// rows as the training data has (or <paramref name="rowCount"/>), class shares kept when a label is given.
    /// </summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="generator">An oversampler or a <see cref="SynthesizerRowGenerator"/>.</param>
    /// <param name="labelColumnName">The class column, or null.</param>
    /// <param name="rowCount">Synthetic rows to train on; null for as many as the real training rows.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    /// <param name="dataOptions">How the rows are read.</param>
    public static SyntheticRowsEstimator Replace(this ResamplingCatalog catalog, SyntheticRowGenerator generator,
        string? labelColumnName = null, long? rowCount = null, int? seed = null, TabularDataOptions? dataOptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (rowCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, "The number of synthetic rows cannot be negative.");
        }

        return new SyntheticRowsEstimator(catalog.Owner, "Replace", labelColumnName, generator, new ReplacePlan(rowCount), seed, dataOptions);
    }

    /// <summary>Trains the next estimators on rows sampled from a synthesizer fitted on the training rows.</summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="generator">Any synthesizer estimator.</param>
    /// <param name="labelColumnName">The class column, or null.</param>
    /// <param name="rowCount">Synthetic rows to train on; null for as many as the real training rows.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator Replace(this ResamplingCatalog catalog, IEstimator<ISynthesizerModel> generator,
        string? labelColumnName = null, long? rowCount = null, int? seed = null) =>
        catalog.Replace(new SynthesizerRowGenerator(generator), labelColumnName, rowCount, seed);
}
