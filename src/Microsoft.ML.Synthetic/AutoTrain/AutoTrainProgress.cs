namespace Microsoft.ML.Synthetic;

/// <summary>A progress report of a running search.</summary>
/// <param name="Stage">What just finished: <c>"fold"</c> (the prefix was refitted on one fold), <c>"folds"</c> (on every fold) or <c>"trial"</c>.</param>
/// <param name="TrialsCompleted">Trials completed so far.</param>
/// <param name="LastTrial">The trial that just finished (null for <c>"folds"</c>).</param>
/// <param name="BestTrial">The best trial so far (null before the first).</param>
/// <param name="Elapsed">Time since <c>Fit</c> started.</param>
public sealed record AutoTrainProgress(string Stage, int TrialsCompleted, AutoTrainTrial? LastTrial, AutoTrainTrial? BestTrial, TimeSpan Elapsed)
{
    /// <summary>Folds whose prefix refit is done.</summary>
    public int FoldsPrepared { get; init; }

    /// <summary>
    /// Estimated seconds of every prefix refit of the run — one per fold and the final one on all rows — from the
    /// folds done so far (null before the first). With a deep generator in the prefix this is mostly its training.
    /// </summary>
    public double? EstimatedPrefixSeconds { get; init; }
}
