using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.DpCtgan;
using Microsoft.ML.Synthetic.Synthesizers.Ctgan;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// CTGAN (Xu et al. 2019, "Modeling Tabular Data using Conditional GAN"): a Wasserstein GAN with gradient penalty
/// whose generator is conditioned on a category of one column (the conditional vector), trained by sampling so that
/// rare categories are learned, with a PacGAN critic. Create it with <c>mlContext.Synthetic().Synthesizers.Ctgan(...)</c>.
/// </summary>
public sealed class CtganEstimator : SynthesizerEstimatorBase<CtganModel>
{
    internal CtganEstimator(SyntheticCatalog catalog, CtganOptions options)
        : base(catalog, options?.DataOptions, options?.Seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public CtganOptions Options { get; }

    /// <summary>False under differential privacy: the encoding is built from the declared public bounds and categories of the declared columns, so constraints are then kept by rejection alone.</summary>
    private protected override bool TransformsConstraints => !Options.IsDifferentiallyPrivate;

    /// <inheritdoc/>
    private protected override bool IsDifferentiallyPrivate => Options.IsDifferentiallyPrivate;

    /// <inheritdoc/>
    /// <remarks>
    /// Plain and differentially private training share the setup and the loop (<see cref="TrainingLoop"/>); what
    /// differs is the encoding (fitted to the data, or built from declared public metadata), the conditional vector
    /// (none under DP), the seed of training's draws (the options' or the context's, or a secret one: see
    /// <see cref="DifferentialPrivacyOptions.NonPrivateReproducibleSeed"/>) and the plugged step.
    /// </remarks>
    /// <inheritdoc/>
    private protected override bool StreamsTraining => Options.Streaming is not null;

    /// <inheritdoc/>
    /// <remarks>
    /// Streamed training (<see cref="DeepSynthesizerOptions.Streaming"/>): the encoding and the exact category counts
    /// from the first pass (<see cref="StreamedInput"/>); the model's conditional vector draws by the whole table's
    /// counts, and training-by-sampling draws each buffer's real rows among that buffer's (see
    /// <see cref="ConditionalVectorSampler.ForBuffer"/>). When the whole table fits in one buffer, the in-memory step over it.
    /// </remarks>
    private protected override CtganModel FitStream(IDataView input)
    {
        var o = Options;
        int seed = NextSeed();
        using var monitor = new TrainingMonitor(Context, "CTGAN", o);
        var streamed = StreamedInput.Prepare(input, DataOptions, o, seed, monitor);
        var data = streamed.Input;
        using var stream = streamed.Stream;
        var counts = StreamedSlotCounts.Of(data.Encoder, streamed.Summary);
        var sampler = streamed.Stream.Resident
            ? ConditionalVectorSampler.Create(data.Encoder, data.Data, data.Rows.RowCount, o.LogFrequency)
            : ConditionalVectorSampler.FromCounts(data.Encoder, counts, o.LogFrequency);
        using var flush = DenormalFlush.Enter();

        using var training = new CtganTraining(data.Encoder, data.Data, data.Rows.RowCount, sampler, o, data.Seed, data.Random, data.Device);
        using TrainingStep step = streamed.Stream.Resident
            ? new CtganWganStep(training, monitor)
            : new CtganWganStep(training, monitor, streamed.Stream, rows =>
            {
                training.Data = rows.Data;
                training.RowCount = rows.RowCount;
                training.Sampler = ConditionalVectorSampler.ForBuffer(data.Encoder, rows.Data, rows.RowCount, o.LogFrequency, counts);
            });
        TrainingLoop.Run(monitor, o.Epochs, step);
        training.Network.eval();
        return new CtganModel(data.Rows.Schema, data.Encoder, training.Network, training.Spans, sampler, o.EmbeddingDim, o.GeneratorDims.ToArray(), monitor.History);
    }

    private protected override CtganModel FitTable(TabularData table)
    {
        var o = Options;
        int seed = NextSeed();
        var privacy = o.DifferentialPrivacy;
        using var monitor = new TrainingMonitor(Context, privacy is null ? "CTGAN" : "DP-CTGAN", o);
        var input = TrainingInput.Prepare(table, o, seed, monitor, "DP-CTGAN");
        var sampler = privacy is null ? ConditionalVectorSampler.Create(input.Encoder, input.Data, input.Rows.RowCount, o.LogFrequency) : ConditionalVectorSampler.None;
        using var flush = DenormalFlush.Enter();   // see DenormalFlush: confident softmaxes reach denormal floats

        using var training = new CtganTraining(input.Encoder, input.Data, input.Rows.RowCount, sampler, o, input.Seed, input.Random, input.Device);
        using TrainingStep step = privacy is null ? new CtganWganStep(training, monitor) : DpCtganStep.Create(training, privacy, monitor);
        TrainingLoop.Run(monitor, o.Epochs, step);
        var ledger = step.Finish();
        training.Network.eval();
        return new CtganModel(input.Rows.Schema, input.Encoder, training.Network, training.Spans, sampler, o.EmbeddingDim, o.GeneratorDims.ToArray(), monitor.History)
        {
            PrivacyLedgerEntries = ledger,
        };
    }
}
