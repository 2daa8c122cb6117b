namespace Microsoft.ML.Synthetic;

/// <summary>
/// The rows a metric with a row cap used: quadratic or costly metrics take a seeded sample of at most
/// <paramref name="Cap"/> rows per table, and the report records what they took.
/// </summary>
/// <param name="Metric">The metric or group (<c>detection</c>, <c>kernel_metrics</c>, <c>privacy.dcr</c>, …).</param>
/// <param name="Cap">The option's cap on rows per table (the option is named in <paramref name="Option"/>); null when the option is off (every row).</param>
/// <param name="Option">The option that sets the cap (<c>DetectionOptions.MaxRowsPerTable</c>, …).</param>
/// <param name="RealRows">Real rows used.</param>
/// <param name="SyntheticRows">Synthetic rows used.</param>
/// <param name="HoldoutRows">Holdout rows used (0 when the metric does not use the holdout).</param>
public sealed record RowSample(string Metric, int? Cap, string Option, int RealRows, int SyntheticRows, int HoldoutRows)
{
    /// <summary>Whether the cap made the metric use fewer rows than a table holds.</summary>
    public bool Sampled { get; init; }
}
