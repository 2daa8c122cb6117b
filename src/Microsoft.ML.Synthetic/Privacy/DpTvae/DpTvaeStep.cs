using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using Microsoft.ML.Synthetic.Synthesizers.Tvae;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Privacy.DpTvae;

/// <summary>
/// DP-TVAE's step: TVAE (Xu et al. 2019) trained with DP-SGD (Abadi et al. 2016, "Deep Learning with Differential
/// Privacy"): a Poisson-sampled batch, each row's gradient of its own loss (reconstruction + KL, the TVAE loss per
/// row) clipped per layer (each of the K parameter tensors to C/√K, McMahan et al. 2018, so the whole row gradient
/// to C; see the Privacy README, "Why per-layer clipping"), Gaussian noise N(0, σ²C²) on the sum, the RDP
/// accountant, then Adam. The output σ is held fixed (<see cref="TvaeTraining"/>) and the encoding comes from
/// declared public metadata (<see cref="PublicMetadataEncoder"/>).
/// </summary>
internal sealed class DpTvaeStep : DpSgdTrainingStep
{
    private readonly TvaeTraining _training;
    private readonly Tensor _rows;
    private readonly int _stepsPerEpoch;
    private bool _linearPath;
    private double _lossSum, _reconstructionSum, _klSum, _normMedianSum, _clippedSum;

    private DpTvaeStep(TvaeTraining training, int batchSize, int stepsPerEpoch, DifferentialPrivacyOptions privacy, TrainingMonitor monitor)
        : base(training.Network, training.RowCount, batchSize, (long)training.Options.Epochs * stepsPerEpoch, privacy, DpSgdClipping.PerLayer, "Tvae (DP-SGD)", monitor)
    {
        _training = training;
        _stepsPerEpoch = stepsPerEpoch;
        _rows = tensor(training.Data, [training.RowCount, training.Encoder.Width]).DetachFromDisposeScope();
    }

    /// <summary>The step for <paramref name="training"/>: expected batch min(B, N), ⌊N/B⌋ steps per epoch.</summary>
    public static DpTvaeStep Create(TvaeTraining training, DifferentialPrivacyOptions privacy, TrainingMonitor monitor)
    {
        int batchSize = Math.Min(training.Options.BatchSize, training.RowCount);
        return new DpTvaeStep(training, batchSize, Math.Max(1, training.RowCount / batchSize), privacy, monitor);
    }

    public override int StepsPerEpoch => _stepsPerEpoch;

    protected override PrivacyLedgerEntry EncodingEntry =>
        new("Tvae encoding", "built from declared public bounds and categories only; no private data read", 0, 0, 0);

    public override void Run(int index)
    {
        double batchLoss = 0, batchReconstruction = 0, batchKl = 0;
        Engine.ComputeGradients(Engine.SampleBatch(), indices =>
        {
            var (reconstruction, kl) = _training.PerRow(_rows.index_select(0, indices).On(_training.Device));
            var perRow = reconstruction.Plus(kl);
            batchLoss = perRow.numel() == 0 ? 0 : perRow.mean().item<float>();
            batchReconstruction = perRow.numel() == 0 ? 0 : reconstruction.mean().item<float>();
            batchKl = perRow.numel() == 0 ? 0 : kl.mean().item<float>();
            return perRow;
        });
        _linearPath = Engine.LastStepUsedLinearPath;
        _training.Optimizer.step();

        _lossSum += batchLoss;
        _reconstructionSum += batchReconstruction;
        _klSum += batchKl;
        var norms = Engine.LastGradientNorms.Order().ToArray();
        if (norms.Length > 0)
        {
            _normMedianSum += norms[norms.Length / 2];
            _clippedSum += norms.Count(v => v > Engine.Options.MaxGradNorm) / (double)norms.Length;
        }
    }

    public override IReadOnlyDictionary<string, double> EndEpoch(int steps)
    {
        var figures = new Dictionary<string, double>
        {
            ["loss"] = _lossSum / steps,
            ["reconstruction"] = _reconstructionSum / steps,
            ["kl"] = _klSum / steps,
            ["grad_norm_median"] = _normMedianSum / steps,
            ["clipped_fraction"] = _clippedSum / steps,
            ["epsilon"] = Engine.Epsilon(),
        };
        _lossSum = _reconstructionSum = _klSum = _normMedianSum = _clippedSum = 0;
        return figures;
    }

    public override IReadOnlyList<PrivacyLedgerEntry> Finish()
    {
        Monitor.Info(_linearPath ? "DP-SGD clipped per-row gradients with one backward pass per batch (Linear path)." : "DP-SGD clipped per-row gradients with one backward pass per row.");
        return base.Finish();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rows.Dispose();
        }

        base.Dispose(disposing);
    }
}
