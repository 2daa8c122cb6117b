namespace Microsoft.ML.Synthetic;

/// <summary>Metrics of one model on one test set (undefined ones are NaN).</summary>
/// <param name="Accuracy">Share of correct predictions (classification).</param>
/// <param name="F1">F1 of the positive class (binary) or macro-F1 over the real classes (multiclass).</param>
/// <param name="Auc">ROC AUC (binary).</param>
/// <param name="R2">Coefficient of determination (regression).</param>
/// <param name="Rmse">Root mean squared error (regression).</param>
public sealed record UtilityScores(double Accuracy, double F1, double Auc, double R2, double Rmse)
{
    /// <summary>The headline metric of a task: AUC (binary), macro-F1 (multiclass), R² (regression).</summary>
    public double Primary(UtilityTask task) => task switch
    {
        UtilityTask.BinaryClassification => Auc,
        UtilityTask.MulticlassClassification => F1,
        _ => R2,
    };
}

/// <summary>Train-synthetic-test-real and its references.</summary>
public sealed class UtilityResult
{
    internal UtilityResult(string label, UtilityTask task, string trainer, UtilityScores tstr, UtilityScores trtr, UtilityScores trts)
    {
        LabelColumn = label;
        Task = task;
        Trainer = trainer;
        Tstr = tstr;
        Trtr = trtr;
        Trts = trts;
        double real = trtr.Primary(task), synthetic = tstr.Primary(task);
        TstrTrtrRatio = real != 0 ? synthetic / real : double.NaN;
    }

    /// <summary>The predicted column.</summary>
    public string LabelColumn { get; }

    /// <summary>The task (inferred or given).</summary>
    public UtilityTask Task { get; }

    /// <summary>The trainer used.</summary>
    public string Trainer { get; }

    /// <summary>The name of the headline metric: <c>Auc</c>, <c>MacroF1</c> or <c>R2</c>.</summary>
    public string PrimaryMetric => Task switch
    {
        UtilityTask.BinaryClassification => "Auc",
        UtilityTask.MulticlassClassification => "MacroF1",
        _ => "R2",
    };

    /// <summary>Trained on synthetic rows, tested on the real holdout.</summary>
    public UtilityScores Tstr { get; }

    /// <summary>Trained on the real rows, tested on the real holdout: the reference.</summary>
    public UtilityScores Trtr { get; }

    /// <summary>Trained on the real rows, tested on the synthetic rows.</summary>
    public UtilityScores Trts { get; }

    /// <summary>TSTR / TRTR of the headline metric (1 = the synthetic data trains as good a model as the real data).</summary>
    public double TstrTrtrRatio { get; }

    /// <summary>The TSTR model's predictions on the holdout rows (for fairness), in holdout row order; not serialized.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal double[]? TstrHoldoutPredictions { get; init; }

    /// <summary>The holdout rows <see cref="TstrHoldoutPredictions"/> belong to (rows with an observed label).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal int[]? TstrHoldoutRows { get; init; }
}
