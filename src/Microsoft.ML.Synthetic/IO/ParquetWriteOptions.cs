namespace Microsoft.ML.Synthetic;

/// <summary>How <see cref="ParquetCatalog.WriteParquet(DataCatalog, IDataView, string, ParquetWriteOptions?, CancellationToken)"/> writes a Parquet file.</summary>
public sealed class ParquetWriteOptions
{
    /// <summary>The default <see cref="RowGroupSize"/>: 100,000 rows.</summary>
    public const int DefaultRowGroupSize = 100_000;

    /// <summary>
    /// Rows per row group (at least 1). The writer holds one row group of values in memory, so memory grows with this
    /// number and not with the rows written; readers that stream (<c>ReadParquet</c>, pyarrow's <c>iter_batches</c>)
    /// hold one row group too. Default <see cref="DefaultRowGroupSize"/>.
    /// </summary>
    public int RowGroupSize { get; init; } = DefaultRowGroupSize;

    /// <summary>Receives the rows written so far after each row group (for a progress bar on a large sample).</summary>
    public IProgress<long>? Progress { get; init; }
}
