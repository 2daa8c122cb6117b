namespace Microsoft.ML.Synthetic;

/// <summary>Adds TVAE to <c>mlContext.Synthetic().Synthesizers</c>.</summary>
public static class TvaeCatalog
{
    /// <summary>
    /// TVAE (Xu et al. 2019): a variational autoencoder for tables with continuous (mode-specific normalization) and
    /// categorical columns, missing values included. Seeded and reproducible on CPU.
    /// </summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="epochs">Passes over the training data (the paper: 300).</param>
    /// <param name="batchSize">Rows per training step.</param>
    /// <param name="seed">The training and default sampling seed; null draws one from the ML.NET context.</param>
    public static TvaeEstimator Tvae(this SynthesizerCatalog catalog, int epochs = 300, int batchSize = 500, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TvaeEstimator(catalog.Owner, new TvaeOptions { Epochs = epochs, BatchSize = batchSize, Seed = seed });
    }

    /// <summary>TVAE with every setting (network sizes, loss factor, optimizer, threads, device, progress, cancellation, differential privacy).</summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="options">The settings.</param>
    public static TvaeEstimator Tvae(this SynthesizerCatalog catalog, TvaeOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TvaeEstimator(catalog.Owner, options);
    }
}
