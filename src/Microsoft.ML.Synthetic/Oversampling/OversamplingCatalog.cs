using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The oversampling stages of <c>mlContext.Synthetic().Resampling</c>: train-only pipeline stages that grow the smaller classes
/// of the training data before the next estimator is fitted, and are the identity at scoring time.
/// </summary>
public static class OversamplingCatalog
{
    /// <summary>
    /// Balances the classes of <paramref name="labelColumnName"/> with an interpolation oversampler (SMOTE by
    /// default) before the next estimator is fitted. Train-only: scoring, cross-validation test folds and saved
    /// models see the identity.
    /// </summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="labelColumnName">The class column (text, Boolean, key or number).</param>
    /// <param name="generator">The oversampler (<see cref="Oversampler.Smote(int)"/>, <see cref="Oversampler.Random"/>,
    /// <see cref="SmoteNc"/>, <see cref="Smoten"/>, <see cref="BorderlineSmote"/>, <see cref="Adasyn"/>), or a
    /// synthesizer wrapped in <see cref="SynthesizerRowGenerator"/>; null for SMOTE with k = 5.</param>
    /// <param name="strategy">Which classes grow and how far; default <see cref="SamplingStrategy.NotMajority"/>.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    /// <param name="dataOptions">How the rows are read (missing-value tokens, column kinds).</param>
    public static SyntheticRowsEstimator Oversample(this ResamplingCatalog catalog, string labelColumnName,
        SyntheticRowGenerator? generator = null, SamplingStrategy? strategy = null, int? seed = null, TabularDataOptions? dataOptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        return new SyntheticRowsEstimator(catalog.Owner, "Oversample", labelColumnName, generator ?? Oversampler.Smote(),
            new OversamplePlan(strategy ?? SamplingStrategy.NotMajority), seed, dataOptions);
    }

    /// <summary>Balances classes with every setting given in <paramref name="options"/>.</summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="options">The label, generator, strategy, seed and reading options.</param>
    public static SyntheticRowsEstimator Oversample(this ResamplingCatalog catalog, OversampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Strategy, nameof(options));
        return catalog.Oversample(options.LabelColumnName, options.Generator, options.Strategy, options.Seed, options.DataOptions);
    }

    /// <summary>Random oversampling: duplicates randomly drawn rows of each growing class (any column types).</summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="labelColumnName">The class column.</param>
    /// <param name="strategy">Which classes grow and how far; default <see cref="SamplingStrategy.NotMajority"/>.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator RandomOverSample(this ResamplingCatalog catalog, string labelColumnName,
        SamplingStrategy? strategy = null, int? seed = null) =>
        catalog.Oversample(labelColumnName, Oversampler.Random(), strategy, seed);

    /// <summary>SMOTE (Chawla et al. 2002) on the continuous columns.</summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="labelColumnName">The class column.</param>
    /// <param name="kNeighbors">Same-class neighbours to interpolate towards.</param>
    /// <param name="strategy">Which classes grow and how far; default <see cref="SamplingStrategy.NotMajority"/>.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator Smote(this ResamplingCatalog catalog, string labelColumnName, int kNeighbors = 5,
        SamplingStrategy? strategy = null, int? seed = null) =>
        catalog.Oversample(labelColumnName, Oversampler.Smote(kNeighbors), strategy, seed);

    /// <summary>SMOTE-NC (Chawla et al. 2002): continuous columns interpolated, categorical ones voted by the neighbours.</summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="labelColumnName">The class column.</param>
    /// <param name="kNeighbors">Same-class neighbours.</param>
    /// <param name="strategy">Which classes grow and how far; default <see cref="SamplingStrategy.NotMajority"/>.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator SmoteNc(this ResamplingCatalog catalog, string labelColumnName, int kNeighbors = 5,
        SamplingStrategy? strategy = null, int? seed = null) =>
        catalog.Oversample(labelColumnName, Oversampler.SmoteNc(kNeighbors), strategy, seed);

    /// <summary>SMOTEN (Chawla et al. 2002): categorical columns under the value difference metric.</summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="labelColumnName">The class column.</param>
    /// <param name="kNeighbors">Same-class neighbours.</param>
    /// <param name="strategy">Which classes grow and how far; default <see cref="SamplingStrategy.NotMajority"/>.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator Smoten(this ResamplingCatalog catalog, string labelColumnName, int kNeighbors = 5,
        SamplingStrategy? strategy = null, int? seed = null) =>
        catalog.Oversample(labelColumnName, Oversampler.Smoten(kNeighbors), strategy, seed);

    /// <summary>Borderline-SMOTE 1 or 2 (Han et al. 2005): only rows in DANGER are grown from.</summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="labelColumnName">The class column.</param>
    /// <param name="kind">Borderline-SMOTE1 or 2.</param>
    /// <param name="kNeighbors">Same-class neighbours to interpolate towards.</param>
    /// <param name="mNeighbors">Neighbours among all rows that decide DANGER.</param>
    /// <param name="strategy">Which classes grow and how far; default <see cref="SamplingStrategy.NotMajority"/>.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator BorderlineSmote(this ResamplingCatalog catalog, string labelColumnName,
        BorderlineSmoteKind kind = BorderlineSmoteKind.Borderline1, int kNeighbors = 5, int mNeighbors = 10,
        SamplingStrategy? strategy = null, int? seed = null) =>
        catalog.Oversample(labelColumnName, Oversampler.BorderlineSmote(kind, kNeighbors, mNeighbors), strategy, seed);

    /// <summary>ADASYN (He et al. 2008): more new rows where a class is harder to learn.</summary>
    /// <param name="catalog">The resampling catalog (<c>mlContext.Synthetic().Resampling</c>).</param>
    /// <param name="labelColumnName">The class column.</param>
    /// <param name="nNeighbors">Neighbours for the weights and for interpolation.</param>
    /// <param name="strategy">Which classes grow and how far; default <see cref="SamplingStrategy.NotMajority"/>.</param>
    /// <param name="seed">The seed; null draws one from the ML.NET context at every fit.</param>
    public static SyntheticRowsEstimator Adasyn(this ResamplingCatalog catalog, string labelColumnName, int nNeighbors = 5,
        SamplingStrategy? strategy = null, int? seed = null) =>
        catalog.Oversample(labelColumnName, Oversampler.Adasyn(nNeighbors), strategy, seed);
}
