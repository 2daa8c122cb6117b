using Microsoft.ML.Synthetic.Synthesizers.Deep;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Tvae;

/// <summary>
/// TVAE's plain step (Xu et al. 2019): the rows shuffled once per epoch and taken in consecutive batches, Adam on the
/// batch's mean loss, the learned σ kept in [0.01, 1].
/// </summary>
internal sealed class TvaeAdamStep : TrainingStep
{
    private readonly TvaeTraining _training;
    private readonly Random _random;
    private readonly int[] _order;
    private readonly int _batchSize;
    private double _reconstructionSum, _klSum;

    public TvaeAdamStep(TvaeTraining training, Random random)
    {
        _training = training;
        _random = random;
        _order = Enumerable.Range(0, training.RowCount).ToArray();
        _batchSize = Math.Min(training.Options.BatchSize, training.RowCount);
    }

    public override int StepsPerEpoch => (_order.Length + _batchSize - 1) / _batchSize;

    public override void BeginEpoch() => _random.Shuffle(_order);

    public override void Run(int index)
    {
        int start = index * _batchSize;
        int rows = Math.Min(_batchSize, _order.Length - start);
        var x = TorchHelpers.Gather(_training.Data, _training.Encoder.Width, _order.AsSpan(start, rows)).On(_training.Device);
        var (reconstruction, kl) = _training.PerRow(x);
        var reconstructionMean = reconstruction.mean();
        var klMean = kl.mean();
        _training.Optimizer.zero_grad();
        reconstructionMean.Plus(klMean).backward();
        _training.Optimizer.step();
        using (no_grad())
        {
            _training.Network.Sigma.clamp_(TorchHelpers.Constant(0.01), TorchHelpers.Constant(1.0));
        }

        _reconstructionSum += reconstructionMean.item<float>();
        _klSum += klMean.item<float>();
    }

    public override IReadOnlyDictionary<string, double> EndEpoch(int steps)
    {
        var figures = new Dictionary<string, double>
        {
            ["reconstruction"] = _reconstructionSum / steps,
            ["kl"] = _klSum / steps,
        };
        _reconstructionSum = _klSum = 0;
        return figures;
    }
}
