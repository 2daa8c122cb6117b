using Microsoft.ML.Synthetic.Metadata;

namespace Microsoft.ML.Synthetic;

/// <summary>Table metadata on <c>mlContext.Synthetic().Metadata</c>.</summary>
public static class MetadataCatalogExtensions
{
    /// <summary>
    /// Guesses the kind of every visible column of <paramref name="data"/> from its type and the values of its first
    /// <see cref="MetadataDetectionOptions.MaxRowsScanned"/> rows (the rules are in Metadata/README.md): numbers are
    /// numerical (integer when every value is whole), Boolean columns Boolean, key columns categorical,
    /// <see cref="DateTime"/> and <see cref="DateTimeOffset"/> columns datetime, <see cref="TimeSpan"/> columns
    /// duration; text is an e-mail or phone PII column when most values look like one, datetime (with its format) when
    /// every value is an ISO 8601 date, an identifier when every value is unique and id-like, and categorical otherwise.
    /// Only kinds and formats are detected: bounds and category lists are never filled in from the data (declare them
    /// with <see cref="TableMetadata.With"/>).
    /// </summary>
    /// <param name="catalog">The metadata catalog (<c>mlContext.Synthetic().Metadata</c>).</param>
    /// <param name="data">The table.</param>
    /// <param name="options">Scan length and thresholds; null for the defaults.</param>
    /// <returns>The metadata of every visible column, in schema order.</returns>
    /// <exception cref="ArgumentException">A column is a vector or of a type SyntheticML does not read; the message names it.</exception>
    public static TableMetadata Detect(this MetadataCatalog catalog, IDataView data, MetadataDetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new MetadataDetectionOptions();
        options.Validate();
        return MetadataDetector.Detect(data, options);
    }
}
