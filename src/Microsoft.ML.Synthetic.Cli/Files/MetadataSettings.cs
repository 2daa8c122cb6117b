namespace Microsoft.ML.Synthetic.Cli.Files;

/// <summary>
/// How synthml reads a table and models its columns: the library's <see cref="TableMetadata"/> declared in a metadata
/// JSON file (<see cref="MetadataFile"/>) plus the CSV reading settings, or detected (numbers are continuous, anything
/// else categorical; empty fields, <c>?</c> and <c>NA</c> missing).
/// </summary>
internal sealed class MetadataSettings
{
    /// <summary>The file the metadata came from; null when detected.</summary>
    public string? Source { get; init; }

    /// <summary>The declared columns (others are detected); only numerical, categorical, Boolean, datetime and duration kinds (<see cref="MetadataFile"/> checks).</summary>
    public TableMetadata Metadata { get; init; } = TableMetadata.Empty;

    /// <summary>How CSV files are read (separator, missing tokens, number type); the declared column types come from <see cref="Metadata"/>.</summary>
    public CsvReadOptions CsvOptions { get; init; } = new();

    /// <summary>Metadata detected from the data: nothing declared.</summary>
    public static MetadataSettings Detected { get; } = new();

    /// <summary>
    /// The kind a synthesizer gives a declared column: numerical, datetime and duration columns are continuous (dates
    /// and durations as seconds), categorical and Boolean ones categorical.
    /// </summary>
    public static ColumnKind KindOf(ColumnMetadata column) =>
        column.Kind is MetadataKind.Numerical or MetadataKind.DateTime or MetadataKind.Duration ? ColumnKind.Continuous : ColumnKind.Categorical;

    /// <summary>How a synthesizer reads the table: the declared column kinds, and the metadata itself (datetime formats).</summary>
    public TabularDataOptions DataOptions() => new()
    {
        ColumnKinds = Metadata.ColumnNames.ToDictionary(n => n, n => KindOf(Metadata[n]), StringComparer.Ordinal),
        Metadata = Metadata,
    };

    /// <summary>
    /// Checks that every declared column is one of <paramref name="columns"/>, the columns of <paramref name="dataPath"/>;
    /// a declared column that is not is an input error naming the metadata file, the key and the table's columns.
    /// </summary>
    public void CheckColumns(IReadOnlyCollection<string> columns, string dataPath)
    {
        for (int i = 0; i < Metadata.Count; i++)
        {
            string name = Metadata.ColumnNames[i];
            if (!columns.Contains(name, StringComparer.Ordinal))
            {
                throw CliException.Input($"{Source}: columns[{i}].name: column '{name}' is not in {dataPath}, whose columns are: {string.Join(", ", columns)}.");
            }
        }
    }
}
