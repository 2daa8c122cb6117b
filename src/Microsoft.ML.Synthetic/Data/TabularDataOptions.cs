namespace Microsoft.ML.Synthetic;

/// <summary>How an <see cref="IDataView"/> is read into a <see cref="TabularData"/>.</summary>
public sealed class TabularDataOptions
{
    /// <summary>
    /// Text values that mean "missing", compared with the value's text trimmed of white space (so <c>?</c>
    /// matches Adult's <c> ?</c>). Empty and all-white-space text is always missing. Default: <c>?</c>.
    /// The original text of missing values is remembered and written back unchanged.
    /// </summary>
    public ISet<string> MissingTokens { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "?" };

    /// <summary>Trim white space around text categories. Off by default: values are kept as given.</summary>
    public bool TrimStrings { get; init; }

    /// <summary>
    /// Whether NaN in a continuous column means "missing" (the default). When false, a NaN is an error that
    /// names the column. Infinity is always an error.
    /// </summary>
    public bool AllowNaN { get; init; } = true;

    /// <summary>
    /// Per-column kinds that override inference (numbers are continuous; text, key and Boolean columns are
    /// categorical). A number column declared categorical keeps its numbers as categories; a text column
    /// declared continuous must parse as numbers.
    /// </summary>
    public IDictionary<string, ColumnKind> ColumnKinds { get; init; } = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);

    /// <summary>The columns to read, in this order; null reads every visible column.</summary>
    public IList<string>? Columns { get; init; }

    /// <summary>
    /// Declared column meanings (kinds, public bounds and categories, datetime formats, identifiers, personal
    /// information); null declares nothing and every column is read by its type. Synthesizers and
    /// <c>Evaluate</c> read it from here; see <see cref="TableMetadata"/>.
    /// </summary>
    public TableMetadata? Metadata { get; init; }

    /// <summary>
    /// Rules every row follows (from <c>mlContext.Synthetic().Constraints</c>); null or empty declares none. A
    /// synthesizer checks its training rows against them, models a reversibly transformed table where a rule allows
    /// it, and rejects and redraws sampled rows that break a rule; <c>Evaluate</c> reports the share of synthetic rows
    /// that follow each. See <see cref="TableConstraint"/>.
    /// </summary>
    public IReadOnlyList<TableConstraint>? Constraints { get; init; }
}
