using Spectre.Console;

namespace Microsoft.ML.Synthetic.Cli.Output;

/// <summary>
/// Shows a deep synthesizer's training: a Spectre.Console progress bar (epoch, losses) on a terminal, or one line per
/// tenth of the epochs when standard error is redirected (logs, tests).
/// </summary>
internal static class TrainingProgress
{
    /// <summary>Runs <paramref name="fit"/>, giving it the progress sink to set on the synthesizer's options.</summary>
    public static async Task<T> RunAsync<T>(string title, int epochs, Func<IProgress<DeepTrainingProgress>, T> fit)
    {
        if (!Terminal.Interactive)
        {
            Terminal.Note($"Training {title}: {epochs} epochs…");
            int every = Math.Max(1, epochs / 10);
            return await Task.Run(() => fit(new Sink(p =>
            {
                if (p.Epoch == 1 || p.Epoch % every == 0 || p.Epoch == p.EpochCount)
                {
                    Terminal.Note(p.ToString());
                }
            }))).ConfigureAwait(false);
        }

        return await Terminal.Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: epochs);
                return await Task.Run(() => fit(new Sink(p =>
                {
                    task.Value = p.Epoch;
                    task.Description = Markup.Escape($"{title} {p.Epoch}/{p.EpochCount}: " + string.Join(", ", p.Losses.Select(l => FormattableString.Invariant($"{l.Key} {l.Value:G4}"))));
                }))).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>Reports synchronously on the training thread (Progress&lt;T&gt; would post out of order to the thread pool).</summary>
    private sealed class Sink(Action<DeepTrainingProgress> report) : IProgress<DeepTrainingProgress>
    {
        public void Report(DeepTrainingProgress value) => report(value);
    }
}
