namespace Microsoft.ML.Synthetic;

/// <summary>
/// What a column means, as declared in (or detected into) a <see cref="TableMetadata"/>. The kind says how a
/// synthesizer must treat the column; it is not a statistic of the data (see Metadata/README.md).
/// </summary>
public enum MetadataKind
{
    /// <summary>Numbers (integer or floating point), with optional declared bounds and rounding. Columns: any number type.</summary>
    Numerical,

    /// <summary>A finite set of categories, with an optional declared category list. Columns: text, key, number or Boolean.</summary>
    Categorical,

    /// <summary>True or false. Columns: Boolean.</summary>
    Boolean,

    /// <summary>A point in time: <see cref="System.DateTime"/> or <see cref="DateTimeOffset"/>, or text in a declared format.</summary>
    DateTime,

    /// <summary>A length of time: <see cref="TimeSpan"/>.</summary>
    Duration,

    /// <summary>A unique key (row id, customer number): regenerated, never modelled; text ids may declare a pattern their format follows. Columns: text, integer or key.</summary>
    Identifier,

    /// <summary>Personal information (see <see cref="PiiType"/>): replaced by a format-preserving generator, never modelled or copied. Columns: text.</summary>
    Pii,
}
