namespace Microsoft.ML.Synthetic;

/// <summary>How <see cref="CsvCatalog.ReadCsv(DataCatalog, string, CsvReadOptions?)"/> reads a CSV file.</summary>
public sealed class CsvReadOptions
{
    /// <summary>The field separator. Default: a comma.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>
    /// Unquoted field values (compared after trimming white space) that mean "missing": NaN in a number column, empty
    /// text in a text column. An empty or all-white-space field is always missing. Default: <c>?</c> and <c>NA</c>.
    /// A quoted field is never a token, so <c>"NA"</c> stays the text NA.
    /// </summary>
    public ISet<string> MissingTokens { get; init; } = new HashSet<string>(DefaultMissingTokens, StringComparer.Ordinal);

    /// <summary>The default <see cref="MissingTokens"/>; the writer quotes text equal to one of them.</summary>
    internal static readonly string[] DefaultMissingTokens = ["?", "NA"];

    /// <summary>Read number columns as <see cref="double"/> (<c>NumberDataViewType.Double</c>). Default false: <see cref="float"/>, ML.NET's feature type.</summary>
    public bool NumbersAsDouble { get; init; }

    /// <summary>
    /// Per-column types that override inference. A column declared <see cref="CsvColumnType.Number"/> whose
    /// field is not a number is an error naming the line and column; one declared <see cref="CsvColumnType.Text"/>
    /// keeps digits as text (zip codes, identifiers with leading zeros).
    /// </summary>
    public IDictionary<string, CsvColumnType> ColumnTypes { get; init; } = new Dictionary<string, CsvColumnType>(StringComparer.Ordinal);
}

/// <summary>The kind of a CSV column.</summary>
public enum CsvColumnType
{
    /// <summary>Numbers; missing fields are NaN.</summary>
    Number,

    /// <summary>Text; missing fields are empty text.</summary>
    Text,

    /// <summary>
    /// <see cref="System.DateTime"/> in ISO 8601 (<c>2024-05-01</c>, <c>2024-05-01T08:30</c>, <c>2024-05-01 08:30:15.25</c>;
    /// invariant culture; no offset); missing fields are <c>default(DateTime)</c>, 0001-01-01T00:00:00.
    /// </summary>
    DateTime,

    /// <summary>
    /// <see cref="System.DateTimeOffset"/> in ISO 8601 with an offset or <c>Z</c> (<c>2024-05-01T08:30:00+02:00</c>); a value
    /// without one is UTC. Missing fields are <c>default(DateTimeOffset)</c>.
    /// </summary>
    DateTimeOffset,

    /// <summary><see cref="System.TimeSpan"/> in its constant format <c>[-][d.]hh:mm:ss[.fffffff]</c>; a missing field is an error (a duration has no missing value).</summary>
    TimeSpan,
}
