using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>Adds the TabDDPM-class diffusion synthesizer to <c>mlContext.Synthetic().Synthesizers</c>.</summary>
public static class DiffusionCatalog
{
    /// <summary>
    /// A TabDDPM-class diffusion model (Kotelnikov et al., ICML 2023): Gaussian diffusion on quantile-normalised
    /// continuous columns and multinomial diffusion on categorical ones, learned by one MLP denoiser; with a label
    /// column, a class-conditional model that samples any class on request (so <c>Oversample</c> can use it). Seeded
    /// and reproducible on CPU. <see cref="DiffusionOptions.Paper"/> gives the paper's (much slower) settings.
    /// </summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="labelColumn">The categorical column to condition on; null for an unconditional model.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="steps">Diffusion steps T (the paper: 1000).</param>
    /// <param name="batchSize">Rows per training step.</param>
    /// <param name="seed">The training and default sampling seed; null draws one from the ML.NET context.</param>
    /// <param name="dataOptions">How the training data is read (missing tokens, column kinds); null for the defaults.</param>
    public static DiffusionEstimator Diffusion(this SynthesizerCatalog catalog, string? labelColumn = null, int epochs = DiffusionOptions.Defaults.Epochs,
        int steps = DiffusionOptions.Defaults.Steps, int batchSize = DiffusionOptions.Defaults.BatchSize, int? seed = null, TabularDataOptions? dataOptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new DiffusionEstimator(catalog.Owner, new DiffusionOptions
        {
            LabelColumn = labelColumn, Epochs = epochs, Steps = steps, BatchSize = batchSize, Seed = seed, DataOptions = dataOptions,
        });
    }

    /// <summary>The diffusion synthesizer with every setting (network, schedule, optimizer, threads, progress, cancellation).</summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="options">The settings.</param>
    public static DiffusionEstimator Diffusion(this SynthesizerCatalog catalog, DiffusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new DiffusionEstimator(catalog.Owner, options);
    }
}
