namespace Microsoft.ML.Synthetic.Data;

/// <summary>Reads an <see cref="IDataView"/> as consecutive blocks of rows, so a fit that only adds up statistics never holds the whole table.</summary>
internal static partial class TabularDataReader
{
    /// <summary>
    /// The rows of <paramref name="data"/> in blocks of at most <paramref name="blockRows"/> rows, from one cursor pass,
    /// each read as <see cref="Read"/> reads a whole view (so a block's observed statistics — minimum, maximum, category
    /// set — are the block's own). At least one block is returned, empty when the view has no rows. Errors name the
    /// row counted from the start of the view.
    /// </summary>
    public static IEnumerable<TabularData> ReadBlocks(IDataView data, TabularDataOptions options, int blockRows, CancellationToken cancellationToken = default) =>
        ReadBlocks(data, options, blockRows, wanted: null, lastWanted: int.MaxValue, shuffle: null, cancellationToken).Select(b => b.Block);

    /// <summary>
    /// The blocks of one pass as <see cref="ReadBlocks(IDataView, TabularDataOptions, int, CancellationToken)"/> reads
    /// them, with their index in the pass. <paramref name="wanted"/> (null for all) selects the blocks read: the rows of
    /// the others are passed over without reading their values, and the pass stops after block
    /// <paramref name="lastWanted"/>. With <paramref name="shuffle"/> the cursor is asked for the source's own random
    /// row order (<see cref="IDataView.CanShuffle"/>). The empty block of an empty view is returned only when block 0 is wanted.
    /// </summary>
    public static IEnumerable<(int Index, TabularData Block)> ReadBlocks(IDataView data, TabularDataOptions options, int blockRows,
        Func<int, bool>? wanted, int lastWanted, Random? shuffle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        var columns = SelectColumns(data.Schema, options);
        using var cursor = data.GetRowCursor(columns, shuffle);
        long row = 0;   // counted past 2^31 rows; error messages show at most int.MaxValue
        for (int index = 0; index <= lastWanted; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (wanted is not null && !wanted(index))
            {
                for (int r = 0; r < blockRows; r++, row++)
                {
                    if (!cursor.MoveNext())
                    {
                        yield break;
                    }
                }

                continue;
            }

            var sinks = columns.Select(c => TemporalOf(c, options) is { } temporal && Kind(c, options) == ColumnKind.Continuous
                ? new TemporalSink(c, options, temporal)
                : ColumnSink.Create(c, Kind(c, options), options)).ToArray();
            var readers = sinks.Select(s => s.Bind(cursor)).ToArray();
            int read = 0;
            while (read < blockRows && cursor.MoveNext())
            {
                foreach (var r in readers)
                {
                    r((int)Math.Min(row, int.MaxValue));
                }

                row++;
                read++;
            }

            if (read == 0 && index > 0)
            {
                yield break;
            }

            var built = sinks.Select(s => s.Build()).ToArray();
            yield return (index, new TabularData(new TabularSchema(built.Select(b => b.Info).ToArray()), built.Select(b => b.Column).ToArray()));
            if (read < blockRows)
            {
                yield break;
            }
        }
    }
}
