using Microsoft.ML.Synthetic.Data;
namespace Microsoft.ML.Synthetic;

/// <summary>
/// A column-typed, in-memory table: continuous columns as doubles (NaN = missing) and categorical columns as
/// integer codes (-1 = missing). Every synthesizer and metric works on it; <see cref="ToDataView"/> gives back
/// an <see cref="IDataView"/> with exactly the source schema.
/// </summary>
public sealed class TabularData
{
    /// <summary>Creates a table from columns that match <paramref name="schema"/>.</summary>
    public TabularData(TabularSchema schema, IReadOnlyList<TableColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        schema.Validate(columns);
        Schema = schema;
        Columns = columns;
        RowCount = columns.Count == 0 ? 0 : columns[0].Length;
    }

    /// <summary>
    /// Reads an <see cref="IDataView"/> into a table. Numbers become continuous columns (integer columns stay
    /// integers), and so do DateTime, DateTimeOffset and TimeSpan columns and text declared a date with a format in
    /// <see cref="TabularDataOptions.Metadata"/> (as seconds since 1970-01-01T00:00:00; see Data/README.md); text, key
    /// and Boolean columns become categorical; <paramref name="options"/> overrides kinds,
    /// names missing-value tokens and selects columns. Errors name the column and the problem.
    /// </summary>
    public static TabularData FromDataView(IDataView data, TabularDataOptions? options = null) =>
        TabularDataReader.Read(data, options ?? new TabularDataOptions());

    /// <summary>The columns' kinds, categories and source types.</summary>
    public TabularSchema Schema { get; }

    /// <summary>The columns, in source order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The named column.</summary>
    /// <exception cref="ArgumentException">No column has that name.</exception>
    public TableColumn this[string name]
    {
        get
        {
            int i = IndexOf(name);
            return i >= 0 ? Columns[i]
                : throw new ArgumentException($"The table has no column '{name}'. Columns: {string.Join(", ", Columns.Select(c => c.Name))}.", nameof(name));
        }
    }

    /// <summary>The index of the named column, or -1.</summary>
    public int IndexOf(string name) => Schema.IndexOf(name);

    /// <summary>A table of the given rows, in that order.</summary>
    public TabularData SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new TabularData(Schema, Columns.Select(c => c.SelectRows(rows)).ToArray());
    }

    /// <summary>This table's rows followed by <paramref name="other"/>'s (same schema).</summary>
    public TabularData Concat(TabularData other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Columns.Count != Columns.Count)
        {
            throw new ArgumentException("Both tables must have the same columns.", nameof(other));
        }

        return new TabularData(Schema, Columns.Select((c, i) => c.Concat(other.Columns[i])).ToArray());
    }

    /// <summary>
    /// The rows of <paramref name="parts"/> one after another, copied once (joining blocks pairwise with
    /// <see cref="Concat(TabularData)"/> would copy the rows so far again for every block).
    /// </summary>
    /// <exception cref="ArgumentException">No parts, or parts whose columns differ in name, kind or categories.</exception>
    public static TabularData Concat(IReadOnlyList<TabularData> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("There must be at least one table to join.", nameof(parts));
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        var first = parts[0];
        var columns = new TableColumn[first.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            var column = first.Columns[c];
            var pieces = new TableColumn[parts.Count];
            for (int p = 0; p < parts.Count; p++)
            {
                if (parts[p].Columns.Count != columns.Length)
                {
                    throw new ArgumentException("All tables must have the same columns.", nameof(parts));
                }

                pieces[p] = parts[p].Columns[c];
            }

            columns[c] = column.Concat(pieces);
        }

        return new TabularData(first.Schema, columns);
    }

    /// <summary>An <see cref="IDataView"/> over this table with exactly the source schema (names, types, order, key values).</summary>
    public IDataView ToDataView() =>
        Schema.CreateStreamingView(RowCount, Math.Max(1, RowCount), (_, _) => this);

    /// <summary>Managed memory held by the column arrays, in bytes (values and codes; category texts excluded).</summary>
    public long ColumnMemoryBytes() => Columns.Sum(c => c is ContinuousColumn ? 8L * c.Length : 4L * c.Length);
}
