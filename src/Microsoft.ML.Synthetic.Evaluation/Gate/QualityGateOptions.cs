namespace Microsoft.ML.Synthetic;

/// <summary>The thresholds a quality gate enforces, by the names of <see cref="QualityReport.Scores"/>.</summary>
public sealed class QualityGateOptions
{
    /// <summary>
    /// Figures that must be at least the given value, e.g. <c>["fidelity.overall"] = 0.8</c>,
    /// <c>["detection.score"] = 0.5</c>, <c>["privacy.dcr_overfitting_protection"] = 0.9</c>.
    /// </summary>
    public IDictionary<string, double> Minimums { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Figures that must be at most the given value, e.g. <c>["privacy.membership_inference_auc"] = 0.6</c>.</summary>
    public IDictionary<string, double> Maximums { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>How the evaluation is run (which sections, seed, label column, …). Sections a threshold names must be enabled.</summary>
    public EvaluationOptions Evaluation { get; init; } = new();
}
