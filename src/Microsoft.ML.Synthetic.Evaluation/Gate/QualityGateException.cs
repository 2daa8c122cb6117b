using System.Globalization;

namespace Microsoft.ML.Synthetic;

/// <summary>A figure that missed its threshold.</summary>
/// <param name="Metric">The figure's name in <see cref="QualityReport.Scores"/>.</param>
/// <param name="Value">Its value (NaN when the evaluation did not produce it).</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="IsMinimum">True when the figure had to be at least the threshold, false when at most.</param>
public sealed record QualityGateFailure(string Metric, double Value, double Threshold, bool IsMinimum)
{
    /// <inheritdoc/>
    public override string ToString() => double.IsNaN(Value)
        ? string.Create(CultureInfo.InvariantCulture, $"{Metric}: not computed (threshold {(IsMinimum ? "≥" : "≤")} {Threshold:0.####})")
        : string.Create(CultureInfo.InvariantCulture, $"{Metric} = {Value:0.####} {(IsMinimum ? "<" : ">")} {(IsMinimum ? "minimum" : "maximum")} {Threshold:0.####}");
}

/// <summary>Thrown by a quality gate's <c>Fit</c> when synthetic data misses thresholds: every failing figure, with its value.</summary>
public sealed class QualityGateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QualityGateException(IReadOnlyList<QualityGateFailure> failures, QualityReport report)
        : base(Describe(failures))
    {
        Failures = failures;
        Report = report;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public QualityGateException()
        : this("The synthetic data failed the quality gate.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public QualityGateException(string message)
        : base(message)
    {
        Failures = [];
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public QualityGateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    /// <summary>Every figure that missed its threshold.</summary>
    public IReadOnlyList<QualityGateFailure> Failures { get; }

    /// <summary>The full report, for a closer look.</summary>
    public QualityReport? Report { get; }

    private static string Describe(IReadOnlyList<QualityGateFailure> failures) =>
        $"The synthetic data failed the quality gate on {failures.Count} figure(s): {string.Join("; ", failures.Select(f => f.ToString()))}.";
}
