using Parquet;
using Parquet.Schema;

namespace Microsoft.ML.Synthetic.IO;

/// <summary>
/// Writes an <see cref="IDataView"/> to Parquet in one cursor pass, one row group at a time: memory holds one row
/// group's values, whatever the number of rows, so a lazily sampled view streams to disk in constant memory.
/// </summary>
internal static class ParquetDataWriter
{
    public static async Task WriteAsync(IDataView data, Stream output, ParquetWriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RowGroupSize, 1, nameof(options.RowGroupSize));
        var columns = data.Schema.Where(c => !c.IsHidden).ToArray();
        if (columns.Length == 0)
        {
            throw new ArgumentException("The data has no visible column to write.", nameof(data));
        }

        var writers = columns.Select(ParquetColumnWriter.Create).ToArray();
        var schema = new ParquetSchema(writers.Select(w => (Field)w.Field));
        long total = data.GetRowCount() ?? long.MaxValue;
        int size = (int)Math.Min(options.RowGroupSize, Math.Max(1, total));
        await using var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var cursor = data.GetRowCursor(columns);
        foreach (var w in writers) w.Bind(cursor, size);
        long written = 0;
        int rows = 0;
        while (cursor.MoveNext())
        {
            foreach (var w in writers) w.Take(rows);
            if (++rows == size)
            {
                written += await FlushAsync(writer, writers, rows, cancellationToken).ConfigureAwait(false);
                options.Progress?.Report(written);
                rows = 0;
            }
        }

        if (rows > 0)
        {
            written += await FlushAsync(writer, writers, rows, cancellationToken).ConfigureAwait(false);
            options.Progress?.Report(written);
        }
    }

    private static async Task<int> FlushAsync(ParquetWriter writer, ParquetColumnWriter[] columns, int rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var group = writer.CreateRowGroup();
        foreach (var c in columns) await c.WriteAsync(group, rows, cancellationToken).ConfigureAwait(false);
        group.CompleteValidate();
        return rows;
    }
}
