namespace Microsoft.ML.Synthetic;

/// <summary>Distance-based privacy figures (distances are SDMetrics' row distance, in [0, 1]).</summary>
public sealed class PrivacyResult
{
    /// <summary>Median DCR of the synthetic rows to the real (training) rows.</summary>
    public double MedianDcrToReal { get; internal set; }

    /// <summary>5th percentile of the synthetic rows' DCR to the real rows (small = some rows sit on real ones).</summary>
    public double FifthPercentileDcrToReal { get; internal set; }

    /// <summary>Share of synthetic rows at distance 0 from a real row (exact copies, after the range scaling).</summary>
    public double ExactCopyRate { get; internal set; }

    /// <summary>Median DCR of uniformly random rows (each column drawn independently over the real range or categories) to the real rows.</summary>
    public double MedianDcrRandomToReal { get; internal set; }

    /// <summary>DCR baseline protection (SDMetrics): <c>min(1, median DCR synthetic / median DCR random)</c>; 1 = as far from real rows as random data.</summary>
    public double DcrBaselineProtection { get; internal set; }

    /// <summary>Share of synthetic rows strictly closer to a training row than to any holdout row (NaN without holdout).</summary>
    public double CloserToTrainingShare { get; internal set; } = double.NaN;

    /// <summary>
    /// The closer-to-training share a generator that does not copy would get: ½ under SDMetrics' definition,
    /// <c>n_train / (n_train + n_holdout)</c> when <see cref="PrivacyOptions.AdjustOverfittingForTableSizes"/> is on.
    /// </summary>
    public double ExpectedCloserToTrainingShare { get; internal set; } = double.NaN;

    /// <summary>
    /// DCR overfitting protection: <c>min(1, (1 − closer-to-training share) / (1 − expected share))</c>, SDMetrics'
    /// <c>min(1, 2 (1 − share))</c> when the expected share is ½; 0 when every synthetic row sits nearer a training
    /// row; NaN without holdout.
    /// </summary>
    public double DcrOverfittingProtection { get; internal set; } = double.NaN;

    /// <summary>NewRowSynthesis (SDMetrics): share of synthetic rows that match no real row (categories equal, numbers within the tolerance).</summary>
    public double NewRowSynthesis { get; internal set; }

    /// <summary>
    /// ROC AUC of a distance-based membership-inference attack: training rows (members) and holdout rows
    /// (non-members) scored by closeness to the synthetic data. 0.5 = no membership signal; NaN without holdout.
    /// </summary>
    public double MembershipInferenceAuc { get; internal set; } = double.NaN;
}
