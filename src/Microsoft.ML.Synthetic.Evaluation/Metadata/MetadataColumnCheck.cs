namespace Microsoft.ML.Synthetic;

/// <summary>
/// The check of one identifier or personal-information column (declared in
/// <see cref="TabularDataOptions.Metadata"/>): such columns are regenerated, not modelled, so <c>Evaluate</c> leaves them
/// out of fidelity, detection, privacy and utility and checks instead that ids are unique and that no value was copied
/// from the real data.
/// </summary>
public sealed class MetadataColumnCheck
{
    internal MetadataColumnCheck(string column, ColumnMetadata metadata, int syntheticValues, int duplicateValues, int valuesCopiedFromTraining)
    {
        Column = column;
        Kind = metadata.Kind;
        PiiType = metadata.PiiType;
        SyntheticValues = syntheticValues;
        DuplicateValues = duplicateValues;
        ValuesCopiedFromTraining = valuesCopiedFromTraining;
    }

    /// <summary>The column name.</summary>
    public string Column { get; }

    /// <summary><see cref="MetadataKind.Identifier"/> or <see cref="MetadataKind.Pii"/>.</summary>
    public MetadataKind Kind { get; }

    /// <summary>For a PII column, what it holds; null for an identifier.</summary>
    public PiiType? PiiType { get; }

    /// <summary>Non-missing values in the synthetic table.</summary>
    public int SyntheticValues { get; }

    /// <summary>Synthetic values that repeat an earlier synthetic value (0 for unique ids; counted for PII too, where repeats are allowed).</summary>
    public int DuplicateValues { get; }

    /// <summary>
    /// Synthetic values equal to a value of the real (training) table: for PII compared ignoring case (e-mails, names, id-like
    /// values), spacing (names) and everything but the digits (phones); for ids compared exactly. Synthesizers
    /// make this 0 (integer ids continue above the largest real id unless the column's type has no room there).
    /// </summary>
    public int ValuesCopiedFromTraining { get; }
}
