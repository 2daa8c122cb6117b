namespace Microsoft.ML.Synthetic;

/// <summary>When NewRowSynthesis counts two numbers as a match (<see cref="PrivacyOptions.NumericalMatchRule"/>).</summary>
public enum NumericalMatchRule
{
    /// <summary>SDMetrics' rule (default): <c>|real − synthetic| ≤ |tolerance × synthetic|</c>, relative to the synthetic value.</summary>
    SyntheticValue,

    /// <summary>This library's earlier rule: <c>|real − synthetic| ≤ tolerance × (max − min of the real column)</c> (range 1 for a constant column).</summary>
    RealRange,
}
