namespace Microsoft.ML.Synthetic;

/// <summary>How SyntheticML models a column.</summary>
public enum ColumnKind
{
    /// <summary>
    /// Numbers on a continuous scale (Single, Double and integer columns; DateTime, DateTimeOffset and TimeSpan columns
    /// as seconds since 1970-01-01T00:00:00, or seconds for a TimeSpan). Missing values are NaN.
    /// </summary>
    Continuous,

    /// <summary>A finite set of categories (text, key and Boolean columns, or numbers declared categorical).</summary>
    Categorical,
}
