namespace Microsoft.ML.Synthetic;

/// <summary>Checks a <see cref="QualityReport"/> against thresholds.</summary>
public static class QualityGate
{
    /// <summary>Every figure that misses its threshold (empty when the report passes). A figure the report lacks fails.</summary>
    public static IReadOnlyList<QualityGateFailure> Check(QualityReport report, QualityGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        var scores = report.Scores;
        var failures = new List<QualityGateFailure>();
        foreach (var (metric, minimum) in options.Minimums)
        {
            double value = scores.TryGetValue(metric, out var v) ? v : double.NaN;
            if (!(value >= minimum)) failures.Add(new QualityGateFailure(metric, value, minimum, IsMinimum: true));
        }

        foreach (var (metric, maximum) in options.Maximums)
        {
            double value = scores.TryGetValue(metric, out var v) ? v : double.NaN;
            if (!(value <= maximum)) failures.Add(new QualityGateFailure(metric, value, maximum, IsMinimum: false));
        }

        return failures;
    }

    /// <summary>Throws a <see cref="QualityGateException"/> listing every figure that misses its threshold.</summary>
    public static void Enforce(QualityReport report, QualityGateOptions options)
    {
        var failures = Check(report, options);
        if (failures.Count > 0) throw new QualityGateException(failures, report);
    }
}
