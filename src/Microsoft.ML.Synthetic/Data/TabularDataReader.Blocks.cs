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
    public static IEnumerable<TabularData> ReadBlocks(IDataView data, TabularDataOptions options, int blockRows)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        var columns = SelectColumns(data.Schema, options);
        using var cursor = data.GetRowCursor(columns);
        long row = 0;   // counted past 2^31 rows; error messages show at most int.MaxValue
        bool more = true, first = true;
        while (more)
        {
            var sinks = columns.Select(c => TemporalOf(c, options) is { } temporal && Kind(c, options) == ColumnKind.Continuous
                ? new TemporalSink(c, options, temporal)
                : ColumnSink.Create(c, Kind(c, options), options)).ToArray();
            var readers = sinks.Select(s => s.Bind(cursor)).ToArray();
            int read = 0;
            while (read < blockRows && (more = cursor.MoveNext()))
            {
                foreach (var r in readers)
                {
                    r((int)Math.Min(row, int.MaxValue));
                }

                row++;
                read++;
            }

            if (read == 0 && !first)
            {
                yield break;
            }

            first = false;
            var built = sinks.Select(s => s.Build()).ToArray();
            yield return new TabularData(new TabularSchema(built.Select(b => b.Info).ToArray()), built.Select(b => b.Column).ToArray());
        }
    }
}
