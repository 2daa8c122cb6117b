using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

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

    /// <summary>Writes the schema; <see cref="Read(BinaryReader)"/> reads it back.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Columns.Count);
        foreach (var c in Columns)
        {
            writer.Write(c.Name);
            writer.Write((int)c.Kind);
            writer.Write(DataViewTypeCodes.Encode(c.OriginalType, c.Temporal));
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
    /// <exception cref="InvalidDataException">The data is truncated or corrupt (the message names the column and the field).</exception>
    public static TabularSchema Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(ModelReader.Over(reader.BaseStream));
    }

    /// <summary>Reads a schema through the bounded model-file reader, validating every field.</summary>
    internal static TabularSchema Read(ModelReader reader)
    {
        using var part = reader.Part("schema");
        int count = reader.ReadCount("column count", ModelFileLimits.MaxColumns, MinBytesPerColumn);
        var columns = new TableColumnInfo[count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            using var column = reader.Part($"column {i}");
            var name = reader.ReadString("name");
            reader.Check(names.Add(name), "the name appears twice");
            using var named = reader.Part(ModelReader.Quote(name));
            var kind = reader.ReadEnum<ColumnKind>("kind");
            var (type, temporal) = ReadType(reader);
            var isInteger = reader.ReadBoolean("whole-number flag");
            var min = reader.ReadDouble("minimum");
            var max = reader.ReadDouble("maximum");
            reader.Check((double.IsNaN(min) && double.IsNaN(max)) || (double.IsFinite(min) && double.IsFinite(max) && min <= max), "the minimum and maximum are neither both missing nor a finite range");
            var hasMissingText = reader.ReadBoolean("missing-text flag");
            var missingText = reader.ReadString("missing text");
            var categories = new string[reader.ReadCount("category count", ModelFileLimits.MaxCategories, 1)];
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            for (int j = 0; j < categories.Length; j++)
            {
                categories[j] = reader.ReadString("category");
                reader.Check(distinct.Add(categories[j]), "a category appears twice");
            }

            CheckKindAndType(reader, kind, type, categories);
            reader.Check(temporal is null || kind == ColumnKind.Continuous, "a date and time column is not continuous");
            columns[i] = new TableColumnInfo(name, kind, type, isInteger, categories, min, max,
                hasMissingText ? missingText : null, originalAnnotations: null, temporal);
        }

        return new TabularSchema(columns);
    }

    // Name, kind, type code, flag, min, max, flag, missing text, category count.
    private const int MinBytesPerColumn = 1 + 4 + 1 + 1 + 8 + 8 + 1 + 1 + 4;

    private static (DataViewType, TemporalEncoding?) ReadType(ModelReader reader)
    {
        var code = reader.ReadString("type", 1024);
        return DataViewTypeCodes.TryDecode(code, out var type, out var temporal)
            ? (type, temporal)
            : throw reader.Corrupt($"the type code {ModelReader.Quote(code)} is not a supported column type");
    }

    /// <summary>The column's type can be written with its kind, and its categories can be written in its type.</summary>
    private static void CheckKindAndType(ModelReader reader, ColumnKind kind, DataViewType type, string[] categories)
    {
        if (kind == ColumnKind.Continuous)
        {
            reader.Check(type is not KeyDataViewType and not BooleanDataViewType, "a key or Boolean column cannot be continuous");
            reader.Check(categories.Length == 0, "a continuous column has categories");
            return;
        }

        switch (type)
        {
            case KeyDataViewType key:
                if ((ulong)categories.Length != key.Count)
                {
                    throw reader.Corrupt($"the key type has {key.Count} values but the column {categories.Length} categories");
                }

                break;
            case BooleanDataViewType:
                reader.Check(Array.TrueForAll(categories, c => bool.TryParse(c, out _)), "a category of a Boolean column is not a Boolean");
                break;
            case NumberDataViewType:
                reader.Check(Array.TrueForAll(categories, c => double.TryParse(c, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)), "a category of a numeric column is not a number");
                break;
        }
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
