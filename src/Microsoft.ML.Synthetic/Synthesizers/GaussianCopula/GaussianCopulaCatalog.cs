using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>Adds the Gaussian copula synthesizer to <c>mlContext.Synthetic().Synthesizers</c>.</summary>
public static class GaussianCopulaCatalog
{
    /// <summary>
    /// A Gaussian copula synthesizer: each continuous column gets a marginal chosen by goodness of fit, each categorical
    /// column the SDV interval encoding, and the columns are joined by the correlation of their latent normal scores.
    /// It fits in one pass, samples any number of rows as a stream, and samples conditionally without rejection.
    /// Takes number (continuous), text, key and Boolean (categorical) columns, with missing values.
    /// </summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="seed">The fitted model's default sampling seed; null draws one from the ML.NET context.</param>
    /// <param name="marginal">The marginal family of continuous columns; <see cref="MarginalKind.Auto"/> chooses per column.</param>
    /// <param name="dataOptions">How the training data is read (missing tokens, column kinds); null for the defaults.</param>
    public static GaussianCopulaEstimator GaussianCopula(this SynthesizerCatalog catalog, int? seed = null,
        MarginalKind marginal = GaussianCopulaOptions.Defaults.Marginal, TabularDataOptions? dataOptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GaussianCopulaEstimator(catalog.Owner, new GaussianCopulaOptions { Seed = seed, Marginal = marginal, DataOptions = dataOptions });
    }

    /// <summary>A Gaussian copula synthesizer with all its options.</summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="options">The options.</param>
    public static GaussianCopulaEstimator GaussianCopula(this SynthesizerCatalog catalog, GaussianCopulaOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new GaussianCopulaEstimator(catalog.Owner, options);
    }
}
