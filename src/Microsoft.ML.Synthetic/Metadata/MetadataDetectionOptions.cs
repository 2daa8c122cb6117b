namespace Microsoft.ML.Synthetic;

/// <summary>How <see cref="MetadataCatalogExtensions.Detect"/> reads a table to guess its column kinds.</summary>
public sealed class MetadataDetectionOptions
{
    /// <summary>Rows read from the start of the data (the scan is bounded so detection is quick on any size). Default 10,000.</summary>
    public int MaxRowsScanned { get; init; } = 10_000;

    /// <summary>
    /// The least share of a text column's non-missing scanned values that must look like e-mail addresses (or phone
    /// numbers) for the column to be detected as <see cref="MetadataKind.Pii"/>. Default 0.9.
    /// </summary>
    public double PiiShare { get; init; } = 0.9;

    /// <summary>
    /// The least number of non-missing scanned values for a unique column to be detected as an
    /// <see cref="MetadataKind.Identifier"/> (a short column is too little evidence). Default 10.
    /// </summary>
    public int MinIdentifierRows { get; init; } = 10;

    /// <summary>Text values that mean "missing" (compared trimmed); empty and white-space text always does. Default: <c>?</c> and <c>NA</c>.</summary>
    public ISet<string> MissingTokens { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "?", "NA" };

    /// <summary>Checks the settings; the exception's parameter name is the bad setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRowsScanned, 1, nameof(MaxRowsScanned));
        if (!(PiiShare is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(PiiShare), PiiShare, "The PII share must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinIdentifierRows, 2, nameof(MinIdentifierRows));
        ArgumentNullException.ThrowIfNull(MissingTokens, nameof(MissingTokens));
    }
}
