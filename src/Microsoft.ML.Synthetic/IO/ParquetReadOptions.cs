namespace Microsoft.ML.Synthetic;

/// <summary>How <see cref="ParquetCatalog.ReadParquet(DataCatalog, string, ParquetReadOptions?)"/> reads a Parquet file.</summary>
public sealed class ParquetReadOptions
{
    /// <summary>
    /// The columns to read, in this order; null (the default) reads every column. Leave out a column whose type
    /// the reader cannot map (a list, a nested group, binary data) to read the others.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }
}
