namespace Microsoft.ML.Synthetic;

/// <summary>Where a deep synthesizer's training stands after an epoch.</summary>
/// <param name="Model">The synthesizer ("CTGAN", "TVAE").</param>
/// <param name="Epoch">The epoch just finished (1-based).</param>
/// <param name="EpochCount">The number of epochs of the run.</param>
/// <param name="Losses">The mean loss of each kind over the epoch's steps (e.g. "generator", "discriminator"; "reconstruction", "kl").</param>
public sealed record DeepTrainingProgress(string Model, int Epoch, int EpochCount, IReadOnlyDictionary<string, double> Losses)
{
    /// <summary>
    /// A caveat on the figures, shown after them; null when there is none. Differentially private training says here
    /// that its losses and gradient norms are computed on the private rows without noise and are not covered by the
    /// DP guarantee.
    /// </summary>
    public string? Note { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Model} epoch {Epoch}/{EpochCount}: " + string.Join(", ", Losses.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Key} {p.Value:G5}")))
        + (Note is null ? "" : $" ({Note})");
}
