namespace Microsoft.ML.Synthetic;

/// <summary>Adds CTGAN to <c>mlContext.Synthetic().Synthesizers</c>.</summary>
public static class CtganCatalog
{
    /// <summary>
    /// CTGAN (Xu et al. 2019): a conditional Wasserstein GAN for tables with continuous (mode-specific normalization)
    /// and categorical columns, missing values included; conditional sampling on any categorical value uses the
    /// conditional vector. Seeded and reproducible on CPU.
    /// </summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="epochs">Passes over the training data (the paper: 300).</param>
    /// <param name="batchSize">Rows per training step; a multiple of the pack size 10.</param>
    /// <param name="seed">The training and default sampling seed; null draws one from the ML.NET context.</param>
    public static CtganEstimator Ctgan(this SynthesizerCatalog catalog, int epochs = 300, int batchSize = 500, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CtganEstimator(catalog.Owner, new CtganOptions { Epochs = epochs, BatchSize = batchSize, Seed = seed });
    }

    /// <summary>CTGAN with every setting (network sizes, pack size, penalty, optimizers, threads, device, progress, cancellation, differential privacy).</summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="options">The settings.</param>
    public static CtganEstimator Ctgan(this SynthesizerCatalog catalog, CtganOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CtganEstimator(catalog.Owner, options);
    }
}
