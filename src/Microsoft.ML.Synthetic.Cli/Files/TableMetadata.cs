namespace Microsoft.ML.Synthetic.Cli.Files;

/// <summary>
/// How synthml reads a table and models its columns: declared in a metadata JSON file (<see cref="MetadataFile"/>),
/// or detected (numbers are continuous, anything else categorical; empty fields, <c>?</c> and <c>NA</c> missing).
/// </summary>
internal sealed class TableMetadata
{
    /// <summary>The file the metadata came from; null when detected.</summary>
    public string? Source { get; init; }

    /// <summary>The declared kind of each named column (others are detected), with the JSON key that declared it.</summary>
    public IReadOnlyDictionary<string, (ColumnKind Kind, string Key)> Columns { get; init; } = new Dictionary<string, (ColumnKind, string)>();

    /// <summary>How CSV files are read (separator, missing tokens, number type, declared column types).</summary>
    public CsvReadOptions CsvOptions { get; init; } = new();

    /// <summary>Metadata detected from the data: nothing declared.</summary>
    public static TableMetadata Detected { get; } = new();

    /// <summary>How a synthesizer reads the table: the declared column kinds.</summary>
    public TabularDataOptions DataOptions() => new()
    {
        ColumnKinds = Columns.ToDictionary(p => p.Key, p => p.Value.Kind, StringComparer.Ordinal),
    };

    /// <summary>
    /// Checks that every declared column is one of <paramref name="columns"/>, the columns of <paramref name="dataPath"/>;
    /// a declared column that is not is an input error naming the metadata file, the key and the table's columns.
    /// </summary>
    public void CheckColumns(IReadOnlyCollection<string> columns, string dataPath)
    {
        foreach (var (name, (_, key)) in Columns)
        {
            if (!columns.Contains(name, StringComparer.Ordinal))
            {
                throw CliException.Input($"{Source}: {key}: column '{name}' is not in {dataPath}, whose columns are: {string.Join(", ", columns)}.");
            }
        }
    }
}
