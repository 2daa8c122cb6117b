using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>Adds the adversarial random forest synthesizer to <c>mlContext.Synthetic().Synthesizers</c>.</summary>
public static class ArfCatalog
{
    /// <summary>
    /// An adversarial random forest (Watson et al., AISTATS 2023): random forests are trained in rounds to tell real rows
    /// from rows drawn from the current leaves until they can no longer; each leaf then holds a truncated normal per
    /// continuous column and frequencies per categorical or whole-number column, and rows are sampled by drawing a
    /// tree, a leaf by coverage, then every column from the leaf. Fits in seconds on a CPU, samples as a stream, and
    /// samples conditionally on categories and ranges exactly. Takes number, text, key and Boolean columns, with missing values.
    /// </summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="trees">Trees per forest.</param>
    /// <param name="maxIterations">The most adversarial rounds after the first forest.</param>
    /// <param name="seed">The training and default sampling seed; null draws one from the ML.NET context.</param>
    /// <param name="dataOptions">How the training data is read (missing tokens, column kinds); null for the defaults.</param>
    public static ArfEstimator Arf(this SynthesizerCatalog catalog, int trees = ArfOptions.Defaults.Trees,
        int maxIterations = ArfOptions.Defaults.MaxIterations, int? seed = null, TabularDataOptions? dataOptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ArfEstimator(catalog.Owner, new ArfOptions { Trees = trees, MaxIterations = maxIterations, Seed = seed, DataOptions = dataOptions });
    }

    /// <summary>An adversarial random forest synthesizer with all its options.</summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="options">The options.</param>
    public static ArfEstimator Arf(this SynthesizerCatalog catalog, ArfOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new ArfEstimator(catalog.Owner, options);
    }
}
