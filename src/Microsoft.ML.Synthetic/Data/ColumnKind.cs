namespace Microsoft.ML.Synthetic;

/// <summary>How SyntheticML models a column.</summary>
public enum ColumnKind
{
    /// <summary>Numbers on a continuous scale (Single, Double and integer columns). Missing values are NaN.</summary>
    Continuous,

    /// <summary>A finite set of categories (text, key and Boolean columns, or numbers declared categorical).</summary>
    Categorical,
}
