using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// A batch-norm module's forward pass as TorchSharp 0.107's <c>BatchNorm.forward</c> computes it (same running
/// statistics, same functional call), except that the batch counter is incremented through held Scalars
/// (<see cref="HeldScalars"/>): the module itself increments it with an implicitly converted temporary.
/// </summary>
internal static class BatchNormForward
{
    public static Tensor Apply(BatchNorm norm, Tensor input)
    {
        double momentum = norm.momentum ?? 0.0;
        if (norm.training && norm.track_running_stats && norm.num_batches_tracked is { } tracked)
        {
            tracked.add_(HeldScalars.One, HeldScalars.One);
            momentum = norm.momentum ?? (1.0 / tracked.item<long>());
        }

        bool useBatchStatistics = norm.training || (norm.running_mean is null && norm.running_var is null);
        bool useRunning = !norm.training || norm.track_running_stats;
        return nn.functional.batch_norm(input, useRunning ? norm.running_mean : null, useRunning ? norm.running_var : null,
            norm.weight, norm.bias, useBatchStatistics, momentum, norm.eps);
    }
}
