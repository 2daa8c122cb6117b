using Microsoft.ML.Synthetic.Synthesizers.Ctgan;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Ctgan;

/// <summary>
/// CTGAN's plain step (Xu et al. 2019): <see cref="CtganOptions.DiscriminatorSteps"/> critic updates of the
/// WGAN-GP loss (Gulrajani et al. 2017) on real rows drawn by training-by-sampling for a conditional vector, then one
/// generator update of −D(G(z, c)) plus the cross entropy of the conditioned column.
/// </summary>
internal sealed class CtganWganStep : TrainingStep
{
    private readonly CtganTraining _t;
    private readonly TrainingMonitor _monitor;
    private readonly SpanOperations _conditionSpans;
    private readonly int _batch;
    private readonly int _stepsPerEpoch;
    private readonly float[] _cond;
    private readonly int[] _columnOf, _slotOf, _realRows;
    private readonly long[] _flatIndex, _permutation;
    private readonly BufferSchedule? _schedule;
    private readonly Action<EncodedRows>? _onBuffer;
    private double _lossDSum, _lossGSum, _penaltySum, _conditionSum;

    /// <summary>
    /// The step over streamed rows: each shuffle buffer of n rows gets max(n / batch, 1) steps, and
    /// <paramref name="onBuffer"/> (which points the training's rows and sampler at the buffer) is told each buffer.
    /// </summary>
    public CtganWganStep(CtganTraining training, TrainingMonitor monitor, StreamedRows rows, Action<EncodedRows> onBuffer)
        : this(training, monitor)
    {
        _schedule = new BufferSchedule(rows, n => Math.Max(n / _batch, 1));
        _onBuffer = onBuffer;
    }

    public CtganWganStep(CtganTraining training, TrainingMonitor monitor)
    {
        _t = training;
        _monitor = monitor;
        _conditionSpans = new SpanOperations(training.Encoder.CategoricalColumns.Select(l => l.Spans[0]).ToArray(), training.Encoder.Width, training.Device);
        _batch = training.Options.BatchSize;
        _stepsPerEpoch = Math.Max(training.RowCount / _batch, 1);
        _cond = new float[_batch * training.Sampler.Width];
        _columnOf = new int[_batch];
        _slotOf = new int[_batch];
        _flatIndex = new long[_batch];
        _permutation = new long[_batch];
        _realRows = new int[_batch];
    }

    public override int StepsPerEpoch => _schedule?.StepsPerEpoch ?? _stepsPerEpoch;

    public override void BeginEpoch() => _schedule?.BeginEpoch();

    public override void Run(int index)
    {
        if (_schedule?.Locate(index).Started is { } started)
        {
            _onBuffer!(started);
        }

        var o = _t.Options;
        int condWidth = _t.Sampler.Width, width = _t.Encoder.Width;
        for (int d = 0; d < o.DiscriminatorSteps; d++)
        {
            _monitor.ThrowIfCancelled();
            using var scope = NewDisposeScope();
            var z = randn([_batch, o.EmbeddingDim], generator: _t.Generator).On(_t.Device);
            Tensor fakeInput = z, realCat, conditionOfFake;
            if (condWidth > 0)
            {
                conditionOfFake = Conditions(forCritic: true);
                fakeInput = cat([z, conditionOfFake], 1);
                var real = TorchHelpers.Gather(_t.Data, width, _realRows).On(_t.Device);
                realCat = cat([real, conditionOfFake.index_select(0, tensor(_permutation).On(_t.Device))], 1);
            }
            else
            {
                for (int i = 0; i < _batch; i++)
                {
                    _realRows[i] = _t.Random.Next(_t.RowCount);
                }

                conditionOfFake = empty(_batch, 0, device: _t.Device);
                realCat = TorchHelpers.Gather(_t.Data, width, _realRows).On(_t.Device);
            }

            Tensor fakeCat;
            using (no_grad())
            {
                var fake = _t.Generate(fakeInput);
                fakeCat = condWidth > 0 ? cat([fake, conditionOfFake], 1) : fake;
            }

            var yFake = _t.Critic.call(fakeCat);
            var yReal = _t.Critic.call(realCat);
            var penalty = GradientPenalty.Compute(_t.Critic.call, realCat, fakeCat, o.Pac, o.GradientPenaltyWeight, _t.Generator);
            var lossD = -(yReal.mean() - yFake.mean());
            _t.OptimizerD.zero_grad();
            penalty.Plus(lossD).backward();
            _t.OptimizerD.step();
            _lossDSum += lossD.item<float>();
            _penaltySum += penalty.item<float>();
        }

        {
            _monitor.ThrowIfCancelled();
            using var scope = NewDisposeScope();
            var z = randn([_batch, o.EmbeddingDim], generator: _t.Generator).On(_t.Device);
            Tensor input = z, condition = empty(_batch, 0, device: _t.Device);
            if (condWidth > 0)
            {
                condition = Conditions(forCritic: false);
                input = cat([z, condition], 1);
            }

            var raw = _t.Network.call(input);
            var fake = _t.Spans.Activate(raw, o.GumbelTau, _t.Generator);
            using var frozen = FrozenParameters.Freeze(_t.CriticParameters);   // the generator step must not touch the critic

            var yFake = _t.Critic.call(condWidth > 0 ? cat([fake, condition], 1) : fake);
            var conditionLoss = condWidth > 0
                ? -_conditionSpans.SelectedLogSoftmax(raw, tensor(_flatIndex).On(_t.Device)).mean()
                : zeros(1, device: _t.Device).sum();
            var lossG = (-yFake.mean()).Plus(conditionLoss);
            _t.OptimizerG.zero_grad();
            lossG.backward();
            _t.OptimizerG.step();

            _lossGSum += lossG.item<float>();
            _conditionSum += conditionLoss.item<float>();
        }
    }

    public override IReadOnlyDictionary<string, double> EndEpoch(int steps)
    {
        int dSteps = steps * _t.Options.DiscriminatorSteps;
        var figures = new Dictionary<string, double>
        {
            ["generator"] = _lossGSum / steps,
            ["discriminator"] = _lossDSum / dSteps,
            ["penalty"] = _penaltySum / dSteps,
            ["conditional"] = _conditionSum / steps,
        };
        _lossDSum = _lossGSum = _penaltySum = _conditionSum = 0;
        return figures;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _conditionSpans.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A batch of training conditional vectors; for the critic also the real rows, drawn for a shuffled copy of the conditions (as the reference implementation does).</summary>
    private Tensor Conditions(bool forCritic)
    {
        var sampler = _t.Sampler;
        sampler.SampleTraining(_batch, _t.Random, _cond, _columnOf, _slotOf);
        if (forCritic)
        {
            for (int i = 0; i < _batch; i++)
            {
                _permutation[i] = i;
            }

            _t.Random.Shuffle(_permutation);
            for (int i = 0; i < _batch; i++)
            {
                int p = (int)_permutation[i];
                _realRows[i] = sampler.SampleRow(_columnOf[p], _slotOf[p], _t.Random);
            }
        }

        for (int i = 0; i < _batch; i++)
        {
            _flatIndex[i] = ((long)_columnOf[i] * sampler.Widest) + _slotOf[i];
        }

        return tensor(_cond, [_batch, sampler.Width]).On(_t.Device);
    }
}
