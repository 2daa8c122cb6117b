using Microsoft.ML.Synthetic.Synthesizers.Deep;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// The training loop of every deep synthesizer, private or not: epochs of steps, cancellation between steps, one
/// dispose scope per step, and each epoch's figures to the progress callback, the log and the model's history. What
/// a step does is the plugged <see cref="TrainingStep"/>'s business.
/// </summary>
internal static class TrainingLoop
{
    /// <summary>Runs up to <paramref name="epochs"/> epochs of <paramref name="step"/>, stopping early when it can step no more.</summary>
    public static void Run(TrainingMonitor monitor, int epochs, TrainingStep step)
    {
        for (int epoch = 1; epoch <= epochs && step.CanStep; epoch++)
        {
            step.BeginEpoch();
            int steps = 0;
            for (; steps < step.StepsPerEpoch && step.CanStep; steps++)
            {
                monitor.ThrowIfCancelled();
                using var scope = NewDisposeScope();
                step.Run(steps);
            }

            if (steps > 0)
            {
                monitor.EpochDone(epoch, step.EndEpoch(steps), step.Note, step.Keep);
            }
        }
    }
}
