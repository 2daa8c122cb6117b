using Microsoft.ML.Runtime;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// Reports a deep synthesizer's training: each epoch's losses to <see cref="DeepSynthesizerOptions.Progress"/> and
/// to the ML.NET log channel, warnings to the channel, and cancellation between steps.
/// </summary>
internal sealed class TrainingMonitor : IDisposable
{
    private readonly IChannel _channel;
    private readonly string _model;
    private readonly DeepSynthesizerOptions _options;

    public TrainingMonitor(MLContext context, string model, DeepSynthesizerOptions options)
    {
        _channel = ((IHostEnvironment)context).Start(model);
        _model = model;
        _options = options;
    }

    /// <summary>Losses of every epoch so far.</summary>
    public List<DeepTrainingProgress> History { get; } = [];

    public void Warn(string message) => _channel.Warning(MessageSensitivity.None, message);

    public void Info(string message) => _channel.Info(MessageSensitivity.None, message);

    public void ThrowIfCancelled() => _options.CancellationToken.ThrowIfCancellationRequested();

    /// <summary>
    /// Reports an epoch to the progress callback and the log, with <paramref name="note"/>; the history (which the
    /// model keeps) gets only the figures <paramref name="keep"/> accepts (all when null), without the note.
    /// </summary>
    public void EpochDone(int epoch, IReadOnlyDictionary<string, double> losses, string? note = null, Func<string, bool>? keep = null)
    {
        var progress = new DeepTrainingProgress(_model, epoch, _options.Epochs, losses) { Note = note };
        History.Add(keep is null && note is null ? progress
            : progress with { Losses = losses.Where(p => keep?.Invoke(p.Key) ?? true).ToDictionary(p => p.Key, p => p.Value), Note = null });
        _channel.Info(MessageSensitivity.None, progress.ToString());
        _options.Progress?.Report(progress);
    }

    public void Dispose() => _channel.Dispose();
}
