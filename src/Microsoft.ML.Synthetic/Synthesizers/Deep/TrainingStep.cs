
namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// What one deep synthesizer's training does per step, plugged into <see cref="TrainingLoop"/>: the plain step (a
/// batch of rows, the batch loss, Adam) or the differentially private one (a Poisson-sampled batch, per-row clipped
/// and noised gradients, the accountant). The step keeps the figures of the running epoch.
/// </summary>
internal abstract class TrainingStep : IDisposable
{
    /// <summary>The steps of one epoch.</summary>
    public abstract int StepsPerEpoch { get; }

    /// <summary>Whether another step may run (false once a privacy budget would be exceeded).</summary>
    public virtual bool CanStep => true;

    /// <summary>A caveat shown with each epoch's figures (progress and log); null for none.</summary>
    public virtual string? Note => null;

    /// <summary>Which epoch figures the model's history keeps; null keeps all.</summary>
    public virtual Func<string, bool>? Keep => null;

    /// <summary>Called before the first step of each epoch (e.g. to shuffle the rows).</summary>
    public virtual void BeginEpoch()
    {
    }

    /// <summary>Runs step <paramref name="index"/> (0-based within the epoch), inside a dispose scope.</summary>
    public abstract void Run(int index);

    /// <summary>The mean figures of the epoch's <paramref name="steps"/> steps; resets them for the next epoch.</summary>
    public abstract IReadOnlyDictionary<string, double> EndEpoch(int steps);

    /// <summary>After the last step: checks and reports what training spent; the model's privacy ledger entries (none for plain training).</summary>
    public virtual IReadOnlyList<PrivacyLedgerEntry> Finish() => [];

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the step's own tensors and hooks.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
