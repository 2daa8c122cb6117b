namespace Microsoft.ML.Synthetic;

/// <summary>One group's figures (NaN where the group has no row to compute it on).</summary>
/// <param name="Group">The protected attribute's value.</param>
/// <param name="Rows">Rows of the group.</param>
/// <param name="PositiveRate">Share of the group's rows with the favourable label (or prediction).</param>
/// <param name="TruePositiveRate">For a model: share of the group's positives predicted positive.</param>
/// <param name="FalsePositiveRate">For a model: share of the group's negatives predicted positive.</param>
public sealed record GroupRates(string Group, int Rows, double PositiveRate, double TruePositiveRate, double FalsePositiveRate);

/// <summary>Group fairness of one table's labels.</summary>
/// <param name="Groups">Per group.</param>
/// <param name="DemographicParityDifference">Largest minus smallest group positive rate (0 = parity).</param>
/// <param name="DisparateImpactRatio">Smallest over largest group positive rate (1 = parity; the "80 % rule" flags below 0.8).</param>
public sealed record LabelFairness(IReadOnlyList<GroupRates> Groups, double DemographicParityDifference, double DisparateImpactRatio);

/// <summary>Fairness in the real data, in the synthetic data, and of the TSTR model on real holdout rows.</summary>
public sealed class FairnessResult
{
    internal FairnessResult(string attribute, string label, string positiveClass, LabelFairness real, LabelFairness synthetic)
    {
        ProtectedAttribute = attribute;
        LabelColumn = label;
        PositiveClass = positiveClass;
        Real = real;
        Synthetic = synthetic;
    }

    /// <summary>The protected attribute.</summary>
    public string ProtectedAttribute { get; }

    /// <summary>The label.</summary>
    public string LabelColumn { get; }

    /// <summary>The favourable label value.</summary>
    public string PositiveClass { get; }

    /// <summary>The real (training) data's labels.</summary>
    public LabelFairness Real { get; }

    /// <summary>The synthetic data's labels.</summary>
    public LabelFairness Synthetic { get; }

    /// <summary>Per group, the TSTR model's predictions on the real holdout (null when utility was not computed for this label).</summary>
    public IReadOnlyList<GroupRates>? TstrGroups { get; internal set; }

    /// <summary>
    /// Equalized-odds difference of the TSTR model on the real holdout: the larger of the spread (max − min over
    /// groups) of true-positive rates and of false-positive rates. 0 = equalized odds; NaN when not computed.
    /// </summary>
    public double TstrEqualizedOddsDifference { get; internal set; } = double.NaN;

    /// <summary>Demographic-parity difference of the TSTR model's predictions on the real holdout; NaN when not computed.</summary>
    public double TstrDemographicParityDifference { get; internal set; } = double.NaN;
}
