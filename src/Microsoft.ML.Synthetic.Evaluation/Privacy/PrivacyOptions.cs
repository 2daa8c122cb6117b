namespace Microsoft.ML.Synthetic.Evaluation.Privacy;

/// <summary>Distance-based privacy metrics.</summary>
public sealed class PrivacyOptions
{
    /// <summary>Compute the privacy metrics. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rows of uniformly random data for DCR baseline protection (seeded). Default 5000.</summary>
    public int BaselineRows { get; set; } = 5000;

    /// <summary>Training rows and holdout rows (each, seeded sample) for the membership-inference attack. Default 5000.</summary>
    public int MembershipRows { get; set; } = 5000;

    /// <summary>NewRowSynthesis: two numbers match when they differ by at most this fraction of the real column's range. Default 0.01 (SDMetrics).</summary>
    public double NumericalMatchTolerance { get; set; } = 0.01;

    /// <summary>
    /// DCR overfitting protection compares each synthetic row's distance to the training rows with its distance to
    /// the holdout rows. When the training table is larger, even rows from the real distribution lie closer to it
    /// more often: a share of about <c>n_train / (n_train + n_holdout)</c> is what a generator that does not copy
    /// gets. True (default): protection = <c>min(1, (1 − share) / (1 − that expected share))</c>, which is
    /// SDMetrics' <c>min(1, 2 (1 − share))</c> when both tables have the same size. False: SDMetrics' formula as is
    /// (it warns when the holdout is under half the training size).
    /// </summary>
    public bool AdjustOverfittingForTableSizes { get; set; } = true;

    internal void Validate()
    {
        if (BaselineRows < 10) throw new ArgumentOutOfRangeException(nameof(BaselineRows), BaselineRows, "At least 10 baseline rows are needed.");
        if (MembershipRows < 10) throw new ArgumentOutOfRangeException(nameof(MembershipRows), MembershipRows, "At least 10 rows are needed.");
        if (!(NumericalMatchTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(NumericalMatchTolerance), NumericalMatchTolerance, "The tolerance must be zero or more.");
    }
}
