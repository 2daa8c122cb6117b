using Microsoft.ML.Synthetic.IO;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Parquet reading and writing on <c>mlContext.Synthetic().Data</c>, streamed row group by row group, with missing
/// values kept: a null is NaN in a number column and empty text in a text column, and back (see IO/README.md).
/// </summary>
public static class ParquetCatalog
{
    /// <summary>
    /// Opens a Parquet file as an <see cref="IDataView"/> that streams: a cursor reads one row group at a time, so
    /// memory holds the largest row group, not the file. Types: FLOAT → Single, DOUBLE and DECIMAL → Double, strings
    /// → text, integers and Booleans → their own ML.NET types when the file's statistics count no null (else
    /// integers → Double with NaN, Booleans → the text True/False with empty text), timestamps → DateTime
    /// (DateTimeOffset when adjusted to UTC). A null is NaN in a number column and empty text in a text column.
    /// </summary>
    /// <param name="catalog">The table input and output catalog (<c>mlContext.Synthetic().Data</c>).</param>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">The columns to read; null reads all.</param>
    /// <returns>A view over the file; the file is read again by each cursor, so it must stay in place while the view is used.</returns>
    /// <exception cref="InvalidDataException">The file is not Parquet or is damaged; the message names the file (and, for a column chunk that cannot be read, the row group and column).</exception>
    /// <exception cref="NotSupportedException">A column read has a type with no ML.NET counterpart here (a list, a group, binary data); the message names it.</exception>
    public static IDataView ReadParquet(this DataCatalog catalog, string path, ParquetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return ParquetDataView.Open(path, options ?? new ParquetReadOptions());
    }

    /// <summary>
    /// Writes the visible columns of <paramref name="data"/> to a Parquet file in one cursor pass, one row group of
    /// <see cref="ParquetWriteOptions.RowGroupSize"/> rows at a time (constant memory, so a sampled view of any size
    /// streams to disk). Single, Double and text columns are nullable: NaN and empty text are written as null. Integer,
    /// Boolean, DateTime and DateTimeOffset columns (which have no missing value in ML.NET) are required columns;
    /// key columns are written as the text of their values. Compression: Snappy.
    /// </summary>
    /// <param name="catalog">The table input and output catalog (<c>mlContext.Synthetic().Data</c>).</param>
    /// <param name="data">The rows to write.</param>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="options">Row group size and progress; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the writing between row groups (the file is then incomplete).</param>
    /// <exception cref="ArgumentException">A visible column is a vector, a key without text values, or of a type Parquet cannot hold here; the message names it.</exception>
    public static void WriteParquet(this DataCatalog catalog, IDataView data, string path, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new ParquetWriteOptions();
        foreach (var column in data.Schema.Where(c => !c.IsHidden)) ParquetColumnWriter.Create(column);   // fail before the file is created
        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16);
        ParquetDataWriter.WriteAsync(data, stream, options, cancellationToken).GetAwaiter().GetResult();
    }
}
