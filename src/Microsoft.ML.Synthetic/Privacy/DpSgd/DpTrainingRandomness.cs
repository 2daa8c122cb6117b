using Microsoft.ML.Synthetic.Privacy.Mechanisms;

namespace Microsoft.ML.Synthetic.Privacy.DpSgd;

/// <summary>
/// What the DP synthesizers (DP-TVAE, DP-CTGAN) share about their randomness and their training figures: the seed of
/// every draw outside DP-SGD is secret unless the user asked for a reproducible, not private, run, and the un-noised
/// training figures are labelled and kept out of the model.
/// </summary>
internal static class DpTrainingRandomness
{
    /// <summary>The caveat shown with each epoch's figures (progress callback and log).</summary>
    public const string DiagnosticsNote = "losses and gradient figures are computed on the private rows without noise and are not covered by the DP guarantee; epsilon is";

    /// <summary>Whether an epoch figure is covered by the guarantee and may be kept in the model's history: only ε (a function of σ, q and the step count).</summary>
    public static bool IsCovered(string figure) => figure == "epsilon";

    /// <summary>
    /// The seed of training's draws outside DP-SGD (initial weights, latent draws, dropout, generated rows):
    /// <paramref name="nonPrivateSeed"/> when the user set one, else a fresh secret one from the secure source. The
    /// context's and the options' ordinary seeds never reach DP training, so a saved model's seed replays nothing.
    /// </summary>
    public static int TrainingSeed(int? nonPrivateSeed) => nonPrivateSeed ?? (int)(NoiseSource.Secure.NextUInt64() & int.MaxValue);
}
