using Microsoft.ML.Synthetic.Synthesizers.Deep;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Diffusion;

/// <summary>
/// One TabDDPM training step (Kotelnikov et al. 2023, §3–4): a batch of rows (shuffled once per epoch), a step t
/// drawn uniformly from 0 … T − 1 per row, the Gaussian and multinomial losses at t, Adam on their sum (its
/// learning rate annealed linearly to 0 when the options ask, as the reference does), then the weights' moving average.
/// </summary>
internal sealed class DiffusionStep : ShuffledBatchStep
{
    private readonly DiffusionTraining _training;
    private readonly long _totalSteps;
    private long _done;

    public DiffusionStep(DiffusionTraining training, Random random)
        : base(training.RowCount, training.Options.BatchSize, random)
    {
        _training = training;
        _totalSteps = (long)training.Options.Epochs * StepsPerEpoch;
    }

    protected override void RunBatch(ReadOnlySpan<int> batch)
    {
        int rows = batch.Length;
        var steps = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            steps[i] = Random.Next(_training.Diffusion.Schedule.Steps);
        }

        var (numeric, codes, classes) = _training.Batch(batch);
        var (gaussian, multinomial) = _training.Diffusion.Loss(_training.Network, numeric, codes, tensor(steps).On(_training.Device), classes, _training.Generator);
        var gaussianMean = gaussian.mean();
        var multinomialMean = multinomial.mean();
        if (_training.Options.AnnealLearningRate)
        {
            _training.Optimizer.LearningRate = _training.Options.LearningRate * (1 - ((double)_done / _totalSteps));
        }

        _done++;
        _training.Optimizer.zero_grad();
        gaussianMean.Plus(multinomialMean).backward();
        _training.Optimizer.step();
        _training.Average.Update();
        Add("gaussian", gaussianMean.item<float>());
        Add("multinomial", multinomialMean.item<float>());
    }
}
