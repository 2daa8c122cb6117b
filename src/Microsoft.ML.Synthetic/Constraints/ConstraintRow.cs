namespace Microsoft.ML.Synthetic;

/// <summary>One row of a table, as a custom constraint's rule sees it (<c>row =&gt; row.Number("checkout") - row.Number("checkin") &lt;= 30</c>).</summary>
public readonly struct ConstraintRow
{
    private readonly TabularData _table;

    internal ConstraintRow(TabularData table, int index)
    {
        _table = table;
        Index = index;
    }

    /// <summary>The row's index in the table being checked.</summary>
    public int Index { get; }

    /// <summary>The value of a number (continuous) column; <see cref="double.NaN"/> when missing.</summary>
    /// <exception cref="ArgumentException">No column has that name, or it is categorical.</exception>
    public double Number(string column) =>
        _table[column] is ContinuousColumn c ? c.Values[Index]
            : throw new ArgumentException($"Column '{column}' is categorical; read it with {nameof(Text)}.", nameof(column));

    /// <summary>The category text of a categorical column; null when missing.</summary>
    /// <exception cref="ArgumentException">No column has that name, or it is a number column.</exception>
    public string? Text(string column) =>
        _table[column] is CategoricalColumn c ? (c.Codes[Index] < 0 ? null : c.Categories[c.Codes[Index]])
            : throw new ArgumentException($"Column '{column}' is a number column; read it with {nameof(Number)}.", nameof(column));

    /// <summary>Whether the value of the column is missing.</summary>
    /// <exception cref="ArgumentException">No column has that name.</exception>
    public bool IsMissing(string column) => _table[column].IsMissing(Index);
}
