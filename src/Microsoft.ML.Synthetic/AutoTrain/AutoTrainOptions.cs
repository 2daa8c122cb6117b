namespace Microsoft.ML.Synthetic;

/// <summary>Settings of an AutoTrain search (<c>mlContext.Synthetic().AutoTrain</c>).</summary>
public sealed class AutoTrainOptions
{
    /// <summary>
    /// Wall-clock budget in seconds for the search: the trials. Refitting the prefix once in every fold (shared by all
    /// trials; with a deep generator in the prefix, that is its training per fold) and the final refit on all data come
    /// on top, reported as <see cref="AutoTrainModel.FoldPreparationSeconds"/> and <see cref="AutoTrainModel.FinalFitSeconds"/>
    /// (unless <see cref="MaxSecondsCoversEverything"/>).
    /// When neither this nor <see cref="MaxTrials"/> is set, 60 seconds.
    /// </summary>
    public double? MaxSeconds { get; set; }

    /// <summary>
    /// Budget in completed trials (one trial = one trainer configuration scored on every fold). A search bounded by
    /// trials only is reproducible: the same seed gives the same leaderboard.
    /// </summary>
    public int? MaxTrials { get; set; }

    /// <summary>Number of cross-validation folds (at least 2), or 1 for a single holdout split of <see cref="HoldoutFraction"/>.</summary>
    public int Folds { get; set; } = 5;

    /// <summary>With <see cref="Folds"/> = 1: the share of rows held out for validation.</summary>
    public double HoldoutFraction { get; set; } = 0.2;

    /// <summary>The metric to optimize; it must belong to the task (default: AUC for binary, micro accuracy for multiclass, R² for regression).</summary>
    public AutoTrainMetric? Metric { get; set; }

    /// <summary>Seed of the fold split, the search and the trainers; default: drawn from the <see cref="MLContext"/>.</summary>
    public int? Seed { get; set; }

    /// <summary>Names of the trainers to search (as ML.NET's catalog spells them); null searches all of the task's trainers.</summary>
    public IReadOnlyList<string>? Trainers { get; set; }

    /// <summary>The name of the feature column the prefix produces.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>
    /// Threads the tree trainers may use (null: one for LightGbm, whose OpenMP threads spin and slow down badly on a
    /// busy machine; FastTree's and FastForest's own default). Linear trainers always use one, for reproducibility.
    /// </summary>
    public int? TrainerThreads { get; set; }

    /// <summary>
    /// After the search, also score the best configuration with the prefix's train-only stages left out
    /// (<see cref="AutoTrainModel.RealOnlyTrial"/>: TRTR next to the leaderboard's TSTR when a stage replaces rows).
    /// </summary>
    public bool ReportRealOnlyScore { get; set; }

    /// <summary>
    /// Allow a prefix with a differentially private step (a noise step, or <c>Oversample</c>/<c>Augment</c>/<c>Replace</c>
    /// with a DP-trained generator). AutoTrain refits the prefix in every fold and once more on all rows, so each DP step
    /// releases k + 1 noisy views of overlapping rows and spends its budget k + 1 times (once for a holdout split plus
    /// the final fit: 2). Off by default: such a prefix throws at <c>Fit</c>, naming the step. With it on, the search
    /// runs and <see cref="AutoTrainModel.PrivacyLedgerEntries"/> (and <c>Privacy.Ledger(autoTrainModel)</c>) reports
    /// every release — each fold's and the final fit's — composed sequentially (fold training sets overlap).
    /// <see cref="AutoTrainModel.Model"/>'s own ledger covers the final fit only.
    /// </summary>
    public bool SpendPrivacyBudgetInEveryFold { get; set; }

    /// <summary>
    /// Make <see cref="MaxSeconds"/> cover the whole <c>Fit</c>: refitting the prefix in every fold, the search and the
    /// final refit on all rows. After the first fold the prefix's total cost is estimated (that fold's time × the
    /// folds, plus the final refit); if it leaves no time for a trial, <c>Fit</c> stops there with an error that gives
    /// the estimate, instead of running far past the budget. Off by default (the budget covers the search only).
    /// </summary>
    public bool MaxSecondsCoversEverything { get; set; }

    /// <summary>
    /// Receives a report after each fold's prefix refit (stage <c>"fold"</c>, with the estimated prefix cost), after
    /// the folds are prepared and after every trial. The same news goes to the ML.NET context's log channel.
    /// </summary>
    public IProgress<AutoTrainProgress>? Progress { get; set; }
}
