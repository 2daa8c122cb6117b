using System.Globalization;

namespace Microsoft.ML.Synthetic;

/// <summary>One completed trial: a trainer configuration scored on every fold.</summary>
public sealed class AutoTrainTrial
{
    internal AutoTrainTrial(int index, string trainer, IReadOnlyDictionary<string, double> hyperparameters,
        AutoTrainMetric metric, IReadOnlyList<double> foldMetrics, double seconds, double trainerSeconds, int seed)
    {
        Index = index;
        Trainer = trainer;
        Hyperparameters = hyperparameters;
        Metric = metric;
        FoldMetrics = foldMetrics;
        MetricMean = foldMetrics.Average();
        MetricStandardDeviation = foldMetrics.Count < 2 ? 0
            : Math.Sqrt(foldMetrics.Sum(m => (m - MetricMean) * (m - MetricMean)) / (foldMetrics.Count - 1));
        Seconds = seconds;
        TrainerSeconds = trainerSeconds;
        Seed = seed;
    }

    /// <summary>The trial's position in the order trials ran (0-based).</summary>
    public int Index { get; }

    /// <summary>The trainer (LightGbm, FastTree, …).</summary>
    public string Trainer { get; }

    /// <summary>The trainer's hyperparameters in this trial, by option name.</summary>
    public IReadOnlyDictionary<string, double> Hyperparameters { get; }

    /// <summary>The metric scored.</summary>
    public AutoTrainMetric Metric { get; }

    /// <summary>The metric on the real held-out rows of each fold.</summary>
    public IReadOnlyList<double> FoldMetrics { get; }

    /// <summary>Mean of <see cref="FoldMetrics"/>.</summary>
    public double MetricMean { get; }

    /// <summary>Sample standard deviation of <see cref="FoldMetrics"/> (0 with one fold).</summary>
    public double MetricStandardDeviation { get; }

    /// <summary>Wall-clock seconds of the trial (fitting and scoring every fold).</summary>
    public double Seconds { get; }

    /// <summary>Seconds spent inside the trainers' <c>Fit</c> calls; the rest of <see cref="Seconds"/> is scoring and overhead.</summary>
    public double TrainerSeconds { get; }

    /// <summary>The seed the trainers were created with.</summary>
    public int Seed { get; }

    /// <summary>The hyperparameters as <c>Name=value</c> pairs.</summary>
    public string HyperparametersText =>
        string.Join(", ", Hyperparameters.Select(kv => kv.Key + "=" + kv.Value.ToString("G4", CultureInfo.InvariantCulture)));

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"#{Index} {Trainer} {Metric} {MetricMean:F4} ± {MetricStandardDeviation:F4} ({Seconds:F1} s) {HyperparametersText}");
}
