namespace Microsoft.ML.Synthetic;

/// <summary>Distance-based privacy metrics.</summary>
public sealed class PrivacyOptions
{
    /// <summary>Compute the privacy metrics. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rows of uniformly random data for DCR baseline protection (seeded). Default 5000.</summary>
    public int BaselineRows { get; set; } = 5000;

    /// <summary>Training rows and holdout rows (each, seeded sample) for the membership-inference attack. Default 5000.</summary>
    public int MembershipRows { get; set; } = 5000;

    /// <summary>The default of <see cref="MaxSyntheticRows"/>.</summary>
    public const int DefaultMaxSyntheticRows = 20_000;

    /// <summary>The default of <see cref="MaxReferenceRows"/>.</summary>
    public const int DefaultMaxReferenceRows = 250_000;

    /// <summary>
    /// Synthetic rows (seeded sample) whose DCR and NewRowSynthesis are computed, and that the membership attack
    /// measures against: each is compared with every reference row, so the cost is this times
    /// <see cref="MaxReferenceRows"/>. Default <see cref="DefaultMaxSyntheticRows"/> (20,000); the report records the
    /// rows used under <c>RowSamples</c>. SDMetrics' <c>num_rows_subsample</c>/<c>synthetic_sample_size</c>.
    /// </summary>
    public int MaxSyntheticRows { get; set; } = DefaultMaxSyntheticRows;

    /// <summary>
    /// Real training rows and holdout rows (each, seeded sample) that serve as DCR references. Default
    /// <see cref="DefaultMaxReferenceRows"/> (250,000). A sample makes distances to the closest record slightly larger
    /// than over every row; the expected closer-to-training share uses the sizes actually used.
    /// </summary>
    public int MaxReferenceRows { get; set; } = DefaultMaxReferenceRows;

    /// <summary>NewRowSynthesis: the relative tolerance of a numerical match (see <see cref="NumericalMatchRule"/>). Default 0.01 (SDMetrics).</summary>
    public double NumericalMatchTolerance { get; set; } = 0.01;

    /// <summary>
    /// NewRowSynthesis: <see cref="NumericalMatchRule.SyntheticValue"/> (default, SDMetrics:
    /// <c>|real − synthetic| ≤ |tolerance × synthetic|</c>) or <see cref="NumericalMatchRule.RealRange"/>
    /// (the earlier rule of this library: tolerance × the real column's range).
    /// </summary>
    public NumericalMatchRule NumericalMatchRule { get; set; } = NumericalMatchRule.SyntheticValue;

    /// <summary>
    /// DCR distances for a continuous column that is constant in the real data: <see cref="ConstantColumnDistance.AnyDifferenceIsOne"/>
    /// (default, SDMetrics) or <see cref="ConstantColumnDistance.UnitRange"/> (the earlier rule: range 1).
    /// </summary>
    public ConstantColumnDistance ConstantColumnDistance { get; set; } = ConstantColumnDistance.AnyDifferenceIsOne;

    /// <summary>
    /// DCR baseline protection when the random rows' median DCR is 0 (the ratio is undefined): NaN by default, as
    /// SDMetrics; 1 restores the earlier rule of this library.
    /// </summary>
    public double BaselineProtectionWhenBaselineIsZero { get; set; } = double.NaN;

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
        if (MaxSyntheticRows < 10) throw new ArgumentOutOfRangeException(nameof(MaxSyntheticRows), MaxSyntheticRows, "At least 10 synthetic rows are needed.");
        if (MaxReferenceRows < 10) throw new ArgumentOutOfRangeException(nameof(MaxReferenceRows), MaxReferenceRows, "At least 10 reference rows are needed.");
        if (!(NumericalMatchTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(NumericalMatchTolerance), NumericalMatchTolerance, "The tolerance must be zero or more.");
    }
}
