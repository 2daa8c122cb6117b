namespace Microsoft.ML.Synthetic;

/// <summary>The metric a search optimizes. Each task accepts only its own metrics.</summary>
public enum AutoTrainMetric
{
    /// <summary>Binary: area under the ROC curve (from the score; ties count one half). Higher is better.</summary>
    AreaUnderRocCurve,

    /// <summary>Binary: area under the precision–recall curve, as average precision. Higher is better.</summary>
    AreaUnderPrecisionRecallCurve,

    /// <summary>Binary: share of correct predicted labels. Higher is better.</summary>
    Accuracy,

    /// <summary>Binary: F1 score of the positive class. Higher is better.</summary>
    F1Score,

    /// <summary>Multiclass: mean over rows of correct predictions. Higher is better.</summary>
    MicroAccuracy,

    /// <summary>Multiclass: mean over classes of per-class accuracy. Higher is better.</summary>
    MacroAccuracy,

    /// <summary>Regression: coefficient of determination. Higher is better.</summary>
    RSquared,

    /// <summary>Regression: root mean squared error. Lower is better.</summary>
    RootMeanSquaredError,

    /// <summary>Regression: mean absolute error. Lower is better.</summary>
    MeanAbsoluteError,
}
