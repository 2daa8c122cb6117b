using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.DpTvae;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;
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
    /// <inheritdoc/>
    private protected override bool StreamsTraining => Options.Streaming is not null;

    /// <inheritdoc/>
    /// <remarks>
    /// Streamed training (<see cref="DeepSynthesizerOptions.Streaming"/>): the encoding from the first pass
    /// (<see cref="StreamedInput"/>), then the plain step over shuffle buffers; when the whole table fits in one
    /// buffer, the in-memory step over it.
    /// </remarks>
    private protected override TvaeModel FitStream(IDataView input)
    {
        int seed = NextSeed();
        using var monitor = new TrainingMonitor(Context, "TVAE", Options);
        var streamed = StreamedInput.Prepare(input, DataOptions, Options, seed, monitor);
        var data = streamed.Input;
        using var stream = streamed.Stream;
        using var flush = DenormalFlush.Enter();

        using var training = new TvaeTraining(data.Encoder, data.Data, data.Rows.RowCount, Options, data.Seed, data.Device);
        using TrainingStep step = streamed.Stream.Resident ? new TvaeAdamStep(training, data.Random) : new TvaeAdamStep(training, data.Random, streamed.Stream);
        TrainingLoop.Run(monitor, Options.Epochs, step);
        training.Network.eval();
        return new TvaeModel(data.Rows.Schema, data.Encoder, training.Network, Options, monitor.History);
    }

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
