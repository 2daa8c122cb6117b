namespace Microsoft.ML.Synthetic;

/// <summary>A continuous column: one <see cref="double"/> per row, <see cref="double.NaN"/> where missing.</summary>
public sealed class ContinuousColumn : TableColumn
{
    /// <summary>Creates a continuous column over <paramref name="values"/> (not copied).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">One value per row; NaN marks a missing value. Infinity is rejected.</param>
    /// <param name="isInteger">Whether the values are whole numbers (an integer-typed source column).</param>
    public ContinuousColumn(string name, double[] values, bool isInteger)
        : base(name, ColumnKind.Continuous)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        IsInteger = isInteger;
    }

    /// <summary>The values; NaN marks a missing value.</summary>
    public double[] Values { get; }

    /// <summary>Whether the values are whole numbers; generated values are rounded when this is set.</summary>
    public bool IsInteger { get; }

    /// <inheritdoc/>
    public override int Length => Values.Length;

    /// <inheritdoc/>
    public override int MissingCount
    {
        get
        {
            int n = 0;
            foreach (var v in Values)
            {
                if (double.IsNaN(v))
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <inheritdoc/>
    public override bool IsMissing(int row) => double.IsNaN(Values[row]);

    /// <summary>The non-missing values, in row order.</summary>
    public double[] ObservedValues() => Values.Where(v => !double.IsNaN(v)).ToArray();

    /// <inheritdoc/>
    public override TableColumn SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = new double[rows.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Values[rows[i]];
        }

        return new ContinuousColumn(Name, values, IsInteger);
    }

    /// <inheritdoc/>
    public override TableColumn Concat(TableColumn other)
    {
        if (other is not ContinuousColumn c || c.Name != Name)
        {
            throw new ArgumentException($"Column '{Name}' is continuous; it cannot be joined with column '{other?.Name}' of another kind or name.", nameof(other));
        }

        return new ContinuousColumn(Name, [.. Values, .. c.Values], IsInteger);
    }

    /// <inheritdoc/>
    internal override TableColumn Concat(IReadOnlyList<TableColumn> pieces)
    {
        var values = new double[pieces.Sum(p => p.Length)];
        int at = 0;
        foreach (var piece in pieces)
        {
            if (piece is not ContinuousColumn c || c.Name != Name)
            {
                throw new ArgumentException($"Column '{Name}' is continuous; it cannot be joined with column '{piece?.Name}' of another kind or name.", nameof(pieces));
            }

            c.Values.CopyTo(values.AsSpan(at));
            at += c.Values.Length;
        }

        return new ContinuousColumn(Name, values, IsInteger);
    }
}
