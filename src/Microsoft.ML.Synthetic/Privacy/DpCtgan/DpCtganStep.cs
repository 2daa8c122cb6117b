using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using Microsoft.ML.Synthetic.Synthesizers.Ctgan;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Privacy.DpCtgan;

/// <summary>
/// DP-CTGAN's step (Fang, Dhami &amp; Kersting 2022; smartnoise-sdk's DPCTGAN): CTGAN's generator and critic
/// networks with the critic trained by DP-SGD (Abadi et al. 2016). Each critic step draws a Poisson batch of real
/// rows; each real row's gradient of its loss −log D(x) is clipped to C and Gaussian noise N(0, σ²C²) is added to their
/// sum (<see cref="DpSgdEngine"/>, RDP accountant). The generated rows' part of the critic loss, −log(1 − D(G(z))), is
/// clipped per row too (to keep both parts on one scale) but needs no noise: it depends only on the networks, which
/// depend on the data only through earlier noisy steps. The generator is trained through the critic alone
/// (−log D(G(z))), which is post-processing of the private critic. The encoding comes from public metadata and the
/// generator is unconditional (see <see cref="CtganOptions"/>).
/// </summary>
internal sealed class DpCtganStep : DpSgdTrainingStep
{
    private readonly CtganTraining _t;
    private readonly Tensor _rows;
    private readonly int _batch;
    private readonly int _stepsPerEpoch;
    private double _criticSum, _generatorSum, _normSum;
    private long _criticSteps;

    private DpCtganStep(CtganTraining training, int batch, int stepsPerEpoch, DifferentialPrivacyOptions privacy, TrainingMonitor monitor)
        : base(training.Critic, training.RowCount, batch, (long)training.Options.Epochs * stepsPerEpoch * training.Options.DiscriminatorSteps, privacy, DpSgdClipping.Flat, "Ctgan critic (DP-SGD)", monitor)
    {
        _t = training;
        _batch = batch;
        _stepsPerEpoch = stepsPerEpoch;
        _rows = tensor(training.Data, [training.RowCount, training.Encoder.Width]).DetachFromDisposeScope();
    }

    /// <summary>The step for <paramref name="training"/>: expected batch min(B, N), ⌊N/B⌋ generator steps per epoch.</summary>
    public static DpCtganStep Create(CtganTraining training, DifferentialPrivacyOptions privacy, TrainingMonitor monitor)
    {
        int batch = Math.Min(training.Options.BatchSize, training.RowCount);
        return new DpCtganStep(training, batch, Math.Max(training.RowCount / batch, 1), privacy, monitor);
    }

    public override int StepsPerEpoch => _stepsPerEpoch;

    protected override PrivacyLedgerEntry EncodingEntry =>
        new("Ctgan encoding", "built from declared public bounds and categories only; unconditional generator (no category frequencies read)", 0, 0);

    public override void Run(int index)
    {
        var o = _t.Options;
        var critic = _t.Critic;
        for (int d = 0; d < o.DiscriminatorSteps && CanStep; d++)
        {
            Monitor.ThrowIfCancelled();
            using var scope = NewDisposeScope();
            double realLoss = 0;
            Engine.ComputeGradients(Engine.SampleBatch(), indices =>
            {
                var perRow = HeldScalars.Softplus(-critic.call(_rows.index_select(0, indices).On(_t.Device))).reshape(-1);   // −log D(x)
                realLoss = perRow.numel() == 0 ? 0 : perRow.mean().item<float>();
                return perRow;
            });
            var realNorms = Engine.LastGradientNorms;
            _normSum += realNorms.Count == 0 ? 0 : realNorms.Order().ElementAt(realNorms.Count / 2);

            Tensor fake;
            using (no_grad())
            {
                fake = _t.Generate(randn([_batch, o.EmbeddingDim], generator: _t.Generator).On(_t.Device));
            }

            var fakeSums = _t.CriticParameters.Select(p => zeros_like(p).detach()).ToArray();
            double fakeLoss = 0;
            Engine.ClipAndAccumulate(() =>
            {
                var perRow = HeldScalars.Softplus(critic.call(fake)).reshape(-1);   // −log(1 − D(G(z)))
                fakeLoss = perRow.mean().item<float>();
                return perRow;
            }, fakeSums, Engine.Options.MaxGradNorm);
            using (no_grad())
            {
                for (int k = 0; k < _t.CriticParameters.Length; k++)
                {
                    _t.CriticParameters[k].grad!.PlusInPlace(fakeSums[k].div(HeldScalars.Of(_batch)));
                }
            }

            _t.OptimizerD.step();
            _criticSum += realLoss + fakeLoss;
            _criticSteps++;
        }

        {
            Monitor.ThrowIfCancelled();
            using var scope = NewDisposeScope();
            using var frozen = FrozenParameters.Freeze(_t.CriticParameters);   // the generator step must not touch the critic

            var fake = _t.Generate(randn([_batch, o.EmbeddingDim], generator: _t.Generator).On(_t.Device));
            var lossG = HeldScalars.Softplus(-critic.call(fake)).mean();   // −log D(G(z)), the non-saturating loss
            _t.OptimizerG.zero_grad();
            lossG.backward();
            _t.OptimizerG.step();
            _generatorSum += lossG.item<float>();
        }
    }

    public override IReadOnlyDictionary<string, double> EndEpoch(int steps)
    {
        var figures = new Dictionary<string, double>
        {
            ["generator"] = _generatorSum / steps,
            ["discriminator"] = _criticSum / Math.Max(1, _criticSteps),
            ["grad_norm_median"] = _normSum / Math.Max(1, _criticSteps),
            ["epsilon"] = Engine.Epsilon(),
        };
        _generatorSum = _criticSum = _normSum = 0;
        _criticSteps = 0;
        return figures;
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
