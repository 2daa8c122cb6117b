namespace Microsoft.ML.Synthetic;

/// <summary>How a continuous column that is constant in the real data enters the DCR row distance (<see cref="PrivacyOptions.ConstantColumnDistance"/>).</summary>
public enum ConstantColumnDistance
{
    /// <summary>SDMetrics' rule (default): the column has no range, so any difference counts 1 and equal values 0 (both missing 0, one missing 1).</summary>
    AnyDifferenceIsOne,

    /// <summary>This library's earlier rule: the range is taken as 1, so a difference d counts <c>min(|d|, 1)</c>.</summary>
    UnitRange,
}
