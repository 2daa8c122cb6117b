using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>
/// The columns of a <see cref="TabularData"/>: their kinds, categories and source types. It turns generated
/// tables back into an <see cref="IDataView"/> with exactly the source schema, and it saves and loads.
/// </summary>
public sealed class TabularSchema
{
    private readonly Dictionary<string, int> _index;
    private DataViewSchema? _dataViewSchema;

    internal TabularSchema(IReadOnlyList<TableColumnInfo> columns)
    {
        Columns = columns;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++)
        {
            if (!_index.TryAdd(columns[i].Name, i))
            {
                throw new ArgumentException($"Column '{columns[i].Name}' appears twice.", nameof(columns));
            }
        }
    }

    /// <summary>The columns, in source order.</summary>
    public IReadOnlyList<TableColumnInfo> Columns { get; }

    /// <summary>The index of the named column, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The ML.NET schema of the source data (names, types, order and key values).</summary>
    public DataViewSchema ToDataViewSchema()
    {
        if (_dataViewSchema is not null)
        {
            return _dataViewSchema;
        }

        var builder = new DataViewSchema.Builder();
        foreach (var c in Columns)
        {
            builder.AddColumn(c.Name, c.OriginalType, c.OriginalAnnotations ?? KeyValueAnnotations(c));
        }

        return _dataViewSchema = builder.ToSchema();
    }

    private static DataViewSchema.Annotations? KeyValueAnnotations(TableColumnInfo c)
    {
        if (c.OriginalType is not KeyDataViewType key || c.Categories.Count == 0)
        {
            return null;
        }

        var values = c.Categories.Select(s => s.AsMemory()).ToArray();
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add("KeyValues", new VectorDataViewType(TextDataViewType.Instance, (int)key.Count),
            (ref VBuffer<ReadOnlyMemory<char>> dst) => dst = new VBuffer<ReadOnlyMemory<char>>(values.Length, values));
        return annotations.ToAnnotations();
    }

    /// <summary>
    /// A lazy view of <paramref name="rowCount"/> rows with the source schema, made block by block:
    /// <paramref name="generateBlock"/>(blockIndex, rowsInBlock) is called only when a cursor reaches that block,
    /// so any number of rows streams in the memory of one block. It must return the same rows for the same
    /// block index (every cursor starts again from block 0).
    /// </summary>
    public IDataView CreateStreamingView(long rowCount, int blockSize, Func<long, int, TabularData> generateBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentNullException.ThrowIfNull(generateBlock);
        return new TabularDataView(this, rowCount, blockSize, generateBlock);
    }

    /// <summary>Writes the schema; <see cref="Read"/> reads it back.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Columns.Count);
        foreach (var c in Columns)
        {
            writer.Write(c.Name);
            writer.Write((int)c.Kind);
            writer.Write(DataViewTypeCodes.Encode(c.OriginalType));
            writer.Write(c.IsInteger);
            writer.Write(c.Min);
            writer.Write(c.Max);
            writer.Write(c.MissingText is not null);
            writer.Write(c.MissingText ?? string.Empty);
            writer.Write(c.Categories.Count);
            foreach (var s in c.Categories)
            {
                writer.Write(s);
            }
        }
    }

    /// <summary>Reads a schema written by <see cref="Write"/>.</summary>
    public static TabularSchema Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int count = reader.ReadInt32();
        var columns = new TableColumnInfo[count];
        for (int i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var kind = (ColumnKind)reader.ReadInt32();
            var type = DataViewTypeCodes.Decode(reader.ReadString());
            var isInteger = reader.ReadBoolean();
            var min = reader.ReadDouble();
            var max = reader.ReadDouble();
            var hasMissingText = reader.ReadBoolean();
            var missingText = reader.ReadString();
            var categories = new string[reader.ReadInt32()];
            for (int j = 0; j < categories.Length; j++)
            {
                categories[j] = reader.ReadString();
            }

            columns[i] = new TableColumnInfo(name, kind, type, isInteger, categories, min, max,
                hasMissingText ? missingText : null, originalAnnotations: null);
        }

        return new TabularSchema(columns);
    }

    /// <summary>Checks that <paramref name="columns"/> match this schema (names, kinds, category counts, lengths).</summary>
    internal void Validate(IReadOnlyList<TableColumn> columns)
    {
        if (columns.Count != Columns.Count)
        {
            throw new ArgumentException($"Expected {Columns.Count} columns, got {columns.Count}.", nameof(columns));
        }

        int length = columns.Count == 0 ? 0 : columns[0].Length;
        for (int i = 0; i < columns.Count; i++)
        {
            var info = Columns[i];
            var column = columns[i];
            if (column.Name != info.Name || column.Kind != info.Kind)
            {
                throw new ArgumentException($"Column {i} should be {info.Kind} column '{info.Name}', but is {column.Kind} column '{column.Name}'.", nameof(columns));
            }

            if (column.Length != length)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows; column '{columns[0].Name}' has {length}.", nameof(columns));
            }

            if (column is CategoricalColumn cat && cat.CategoryCount != info.Categories.Count)
            {
                throw new ArgumentException($"Column '{column.Name}' has {cat.CategoryCount} categories; the schema has {info.Categories.Count}.", nameof(columns));
            }
        }
    }
}
