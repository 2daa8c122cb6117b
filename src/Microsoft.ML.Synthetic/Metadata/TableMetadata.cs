using Microsoft.ML.Synthetic.Metadata;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// What each column of a table is (column name → <see cref="ColumnMetadata"/>), apart from anything learned from the
/// data. Detect it with <c>mlContext.Synthetic().Metadata.Detect(data)</c>, declare or override columns with
/// <see cref="With"/>, check it against data with <see cref="Validate"/>, and keep it in a JSON file with
/// <see cref="Save(string)"/> and <see cref="Load(string)"/> (format in Metadata/README.md). Immutable.
/// </summary>
/// <remarks>
/// Declared bounds and category lists are public knowledge that differentially private synthesizers use without
/// spending budget (<see cref="DifferentialPrivacyOptions.UsePublicMetadata"/>); detection never fills them in.
/// </remarks>
public sealed class TableMetadata
{
    private readonly string[] _names;
    private readonly Dictionary<string, ColumnMetadata> _columns;

    private TableMetadata(string[] names, Dictionary<string, ColumnMetadata> columns)
    {
        _names = names;
        _columns = columns;
    }

    /// <summary>Metadata with no column.</summary>
    public static TableMetadata Empty { get; } = new([], new Dictionary<string, ColumnMetadata>(StringComparer.Ordinal));

    /// <summary>The declared column names, in the order they were added.</summary>
    public IReadOnlyList<string> ColumnNames => _names;

    /// <summary>The number of declared columns.</summary>
    public int Count => _names.Length;

    /// <summary>The metadata of the named column.</summary>
    /// <exception cref="KeyNotFoundException">No such column is declared; the message lists the declared ones.</exception>
    public ColumnMetadata this[string column] => _columns.TryGetValue(column, out var c)
        ? c
        : throw new KeyNotFoundException($"Column '{column}' is not in the metadata, whose columns are: {string.Join(", ", _names)}.");

    /// <summary>The metadata of the named column, when it is declared.</summary>
    public bool TryGetColumn(string column, out ColumnMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(column);
        return _columns.TryGetValue(column, out metadata!);
    }

    /// <summary>Copy of this metadata with <paramref name="column"/> declared as <paramref name="metadata"/> (replacing any declaration of it, in place).</summary>
    /// <exception cref="ArgumentException">The column name is empty or white space.</exception>
    public TableMetadata With(string column, ColumnMetadata metadata)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        ArgumentNullException.ThrowIfNull(metadata);
        var columns = new Dictionary<string, ColumnMetadata>(_columns, StringComparer.Ordinal) { [column] = metadata };
        var names = _columns.ContainsKey(column) ? _names : [.. _names, column];
        return new TableMetadata(names, columns);
    }

    /// <summary>Copy of this metadata without <paramref name="column"/> (unchanged when it is not declared).</summary>
    public TableMetadata Without(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!_columns.ContainsKey(column))
        {
            return this;
        }

        var columns = new Dictionary<string, ColumnMetadata>(_columns, StringComparer.Ordinal);
        columns.Remove(column);
        return new TableMetadata(_names.Where(n => n != column).ToArray(), columns);
    }

    /// <summary>
    /// Checks that every declared column is a visible column of <paramref name="data"/> with a type its kind accepts
    /// (see <see cref="MetadataKind"/>). Columns of the data that are not declared are not checked.
    /// </summary>
    /// <exception cref="ArgumentException">One or more columns are missing or of the wrong type; the message names each column with the expected and the actual type.</exception>
    public void Validate(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        MetadataValidator.Validate(this, data.Schema, nameof(data));
    }

    /// <summary>Writes the metadata as JSON (schema version 1, UTF-8, indented).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        MetadataJson.Write(this, stream);
    }

    /// <summary>Writes the metadata to a JSON file (as <see cref="Save(Stream)"/>), replacing the file.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.Create(path);
        Save(stream);
    }

    /// <summary>Reads metadata written by <see cref="Save(Stream)"/> or by hand in the same format.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed, of a newer schema version, has an unknown or misplaced key, or a bad value; the message names the key (<c>columns[2].minimum</c>) and the column.</exception>
    public static TableMetadata Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return MetadataJson.Read(stream);
    }

    /// <summary>Reads a metadata JSON file (as <see cref="Load(Stream)"/>); errors also name the file.</summary>
    /// <exception cref="InvalidDataException">As for <see cref="Load(Stream)"/>, with the file's path first in the message.</exception>
    public static TableMetadata Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        try
        {
            return Load(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>One line per column: <c>name: kind (declarations)</c>.</summary>
    public override string ToString() => string.Join(Environment.NewLine, _names.Select(n => $"{n}: {_columns[n]}"));
}
