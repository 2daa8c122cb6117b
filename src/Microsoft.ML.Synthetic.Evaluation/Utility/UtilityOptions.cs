namespace Microsoft.ML.Synthetic;

/// <summary>What a model trained on the data is asked to predict.</summary>
public enum UtilityTask
{
    /// <summary>Binary for a categorical label with two real categories, multiclass for more, regression for a continuous label.</summary>
    Auto,

    /// <summary>Two classes: AUC, F1 of the positive class, accuracy.</summary>
    BinaryClassification,

    /// <summary>Several classes: macro-F1, accuracy.</summary>
    MulticlassClassification,

    /// <summary>A number: R², RMSE.</summary>
    Regression,
}

/// <summary>
/// Machine-learning utility: train on synthetic, test on real (TSTR), against train on real, test on real (TRTR)
/// and train on real, test on synthetic (TRTS), always scored on rows the synthesizer never saw (the holdout).
/// </summary>
public sealed class UtilityOptions
{
    /// <summary>The column to predict. Utility is computed when this is set and a holdout is given.</summary>
    public string? LabelColumn { get; set; }

    /// <summary>The task; <see cref="UtilityTask.Auto"/> infers it from the label column.</summary>
    public UtilityTask Task { get; set; } = UtilityTask.Auto;

    /// <summary>For a binary task: the category that counts as positive. Default: the second real category in ordinal order.</summary>
    public string? PositiveClass { get; set; }

    /// <summary>
    /// The trainer, fitted anew for each training set: an ML.NET trainer estimator that reads label column
    /// <c>"Label"</c> (Boolean for binary, key for multiclass, Single for regression) and features
    /// <c>"Features"</c> (continuous columns min–max scaled, categories one-hot). Null: LightGBM with 100 iterations.
    /// </summary>
    public Func<MLContext, IEstimator<ITransformer>>? Trainer { get; set; }

    /// <summary>A name for <see cref="Trainer"/> in the report. Default: the estimator's type name.</summary>
    public string? TrainerName { get; set; }
}
