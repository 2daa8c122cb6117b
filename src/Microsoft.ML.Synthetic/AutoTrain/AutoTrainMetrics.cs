namespace Microsoft.ML.Synthetic.AutoTrain;

/// <summary>Which metrics belong to which task, and their direction.</summary>
internal static class AutoTrainMetrics
{
    public static bool HigherIsBetter(AutoTrainMetric metric) =>
        metric is not (AutoTrainMetric.RootMeanSquaredError or AutoTrainMetric.MeanAbsoluteError);

    /// <summary>The loss the search minimizes: the metric, negated when higher is better.</summary>
    public static double ToLoss(AutoTrainMetric metric, double value) => HigherIsBetter(metric) ? -value : value;
}
