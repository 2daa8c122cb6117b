using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// What a <see cref="TabularSchema"/> knows of one column: how it is modelled, and how to write generated
/// values back in the source column's type.
/// </summary>
public sealed class TableColumnInfo
{
    internal TableColumnInfo(string name, ColumnKind kind, DataViewType originalType, bool isInteger,
        IReadOnlyList<string> categories, double min, double max, string? missingText,
        DataViewSchema.Annotations? originalAnnotations, TemporalEncoding? temporal = null)
    {
        Name = name;
        Kind = kind;
        OriginalType = originalType;
        IsInteger = isInteger;
        Categories = categories;
        Min = min;
        Max = max;
        MissingText = missingText;
        OriginalAnnotations = originalAnnotations;
        Temporal = temporal ?? TemporalEncoding.ForType(originalType);
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>Whether the column is modelled as continuous or categorical.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The type of the column in the source <see cref="IDataView"/>; generated data has this type.</summary>
    public DataViewType OriginalType { get; }

    /// <summary>Whether a continuous column holds whole numbers.</summary>
    public bool IsInteger { get; }

    /// <summary>The categories of a categorical column (empty for a continuous one).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>
    /// The smallest observed value of a continuous column (NaN when none was observed). For a date and time column:
    /// seconds since 1970-01-01T00:00:00 (a DateTimeOffset's UTC instant); for a TimeSpan column: seconds.
    /// </summary>
    public double Min { get; }

    /// <summary>The largest observed value of a continuous column (NaN when none was observed).</summary>
    public double Max { get; }

    /// <summary>For a text column: the text that stood for missing values in the source (written back as is).</summary>
    public string? MissingText { get; }

    internal DataViewSchema.Annotations? OriginalAnnotations { get; }

    /// <summary>
    /// For a date, time or duration column (a continuous column of seconds): its source, rounding step, offset and
    /// text format; null for any other column.
    /// </summary>
    internal TemporalEncoding? Temporal { get; }
}
