namespace Microsoft.ML.Synthetic;

/// <summary>One column of a <see cref="TabularData"/>: its values in a typed array, with missing values marked.</summary>
public abstract class TableColumn
{
    private protected TableColumn(string name, ColumnKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
    }

    /// <summary>The column name, as in the source <see cref="IDataView"/>.</summary>
    public string Name { get; }

    /// <summary>Whether the column is continuous or categorical.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>The number of missing values.</summary>
    public abstract int MissingCount { get; }

    /// <summary>Whether the value in <paramref name="row"/> is missing.</summary>
    public abstract bool IsMissing(int row);

    /// <summary>A column with the values of the given rows, in that order.</summary>
    public abstract TableColumn SelectRows(IReadOnlyList<int> rows);

    /// <summary>This column's rows followed by <paramref name="other"/>'s rows.</summary>
    public abstract TableColumn Concat(TableColumn other);

    /// <summary>The rows of <paramref name="pieces"/> (this column's name and kind, this one among them or not) one after another.</summary>
    internal abstract TableColumn Concat(IReadOnlyList<TableColumn> pieces);

    /// <summary>A copy of this column under the same name.</summary>
    public TableColumn Clone() => SelectRows(Enumerable.Range(0, Length).ToArray());
}
