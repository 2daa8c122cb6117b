using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.DpTvae;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;
using Microsoft.ML.Synthetic.Synthesizers.Tvae;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// TVAE (Xu et al. 2019, "Modeling Tabular Data using Conditional GAN", §5): a variational autoencoder on rows
/// encoded with mode-specific normalization, trained on the evidence lower bound with a learned σ per continuous
/// output. Create it with <c>mlContext.Synthetic().Synthesizers.Tvae(...)</c>.
/// </summary>
public sealed class TvaeEstimator : SynthesizerEstimatorBase<TvaeModel>
{
    internal TvaeEstimator(SyntheticCatalog catalog, TvaeOptions options)
        : base(catalog, options?.DataOptions, options?.Seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public TvaeOptions Options { get; }

    /// <summary>False under differential privacy: the encoding is built from the declared public bounds and categories of the declared columns, so constraints are then kept by rejection alone.</summary>
    private protected override bool TransformsConstraints => !Options.IsDifferentiallyPrivate;

    /// <inheritdoc/>
    private protected override bool IsDifferentiallyPrivate => Options.IsDifferentiallyPrivate;

    /// <inheritdoc/>
    /// <remarks>
    /// Plain and differentially private training share the setup and the loop (<see cref="TrainingLoop"/>); what
    /// differs is the encoding (fitted to the data, or built from declared public metadata), the seed of training's
    /// draws (the options' or the context's, or a secret one: see
    /// <see cref="DifferentialPrivacyOptions.NonPrivateReproducibleSeed"/>) and the plugged step.
    /// </remarks>
    private protected override TvaeModel FitTable(TabularData table)
    {
        int seed = NextSeed();
        var privacy = Options.DifferentialPrivacy;
        using var monitor = new TrainingMonitor(Context, privacy is null ? "TVAE" : "DP-TVAE", Options);
        var input = TrainingInput.Prepare(table, Options, seed, monitor, "differentially private TVAE");
        using var flush = DenormalFlush.Enter();   // see DenormalFlush: confident softmaxes reach denormal floats

        using var training = new TvaeTraining(input.Encoder, input.Data, input.Rows.RowCount, Options, input.Seed, input.Device);
        using TrainingStep step = privacy is null ? new TvaeAdamStep(training, input.Random) : DpTvaeStep.Create(training, privacy, monitor);
        TrainingLoop.Run(monitor, Options.Epochs, step);
        var ledger = step.Finish();
        training.Network.eval();
        return new TvaeModel(input.Rows.Schema, input.Encoder, training.Network, Options, monitor.History) { PrivacyLedgerEntries = ledger };
    }
}
