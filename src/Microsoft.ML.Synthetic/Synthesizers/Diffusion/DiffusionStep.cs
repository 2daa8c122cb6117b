using Microsoft.ML.Synthetic.Synthesizers.Deep;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Diffusion;

/// <summary>
/// One TabDDPM training step (Kotelnikov et al. 2023, §3–4): a batch of rows (shuffled once per epoch), a step t
/// drawn uniformly from 0 … T − 1 per row, the Gaussian and multinomial losses at t, Adam on their sum, then the weights' moving average.
/// </summary>
internal sealed class DiffusionStep : TrainingStep
{
    private readonly DiffusionTraining _training;
    private readonly Random _random;
    private readonly int[] _order;
    private readonly int _batchSize;
    private double _gaussianSum, _multinomialSum;

    public DiffusionStep(DiffusionTraining training, Random random)
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
        var batch = _order.AsSpan(start, rows);
        var steps = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            steps[i] = _random.Next(_training.Diffusion.Schedule.Steps);
        }

        var (numeric, codes, classes) = _training.Batch(batch);
        var (gaussian, multinomial) = _training.Diffusion.Loss(_training.Network, numeric, codes, tensor(steps).On(_training.Device), classes, _training.Generator);
        var gaussianMean = gaussian.mean();
        var multinomialMean = multinomial.mean();
        _training.Optimizer.zero_grad();
        gaussianMean.Plus(multinomialMean).backward();
        _training.Optimizer.step();
        _training.Average.Update();
        _gaussianSum += gaussianMean.item<float>();
        _multinomialSum += multinomialMean.item<float>();
    }

    public override IReadOnlyDictionary<string, double> EndEpoch(int steps)
    {
        var figures = new Dictionary<string, double>
        {
            ["gaussian"] = _gaussianSum / steps,
            ["multinomial"] = _multinomialSum / steps,
        };
        _gaussianSum = _multinomialSum = 0;
        return figures;
    }
}
