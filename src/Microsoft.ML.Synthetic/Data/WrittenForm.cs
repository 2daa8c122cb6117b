namespace Microsoft.ML.Synthetic.Data;

/// <summary>The values of a table as they will be written back to the source types.</summary>
internal static class WrittenForm
{
    /// <summary>
    /// <paramref name="table"/> with every date, time and duration column rounded to its step and kept inside its
    /// training range, exactly as <see cref="ColumnValueWriter"/> writes it (<see cref="TemporalEncoding.Writer"/>), so
    /// that a rule checked on the table holds in the written rows too: a booking date of 13:00 written as the next day
    /// must not pass a check against an arrival the same morning. Other columns are returned as they are.
    /// </summary>
    public static TabularData Of(TabularData table)
    {
        TableColumn[]? columns = null;
        for (int c = 0; c < table.Columns.Count; c++)
        {
            var info = table.Schema.Columns[c];
            if (info.Temporal is not { } temporal || table.Columns[c] is not ContinuousColumn column)
            {
                continue;
            }

            var ticks = temporal.Writer(info.Min, info.Max);
            var values = column.Values.Select(x => double.IsNaN(x) ? x : temporal.SecondsOfClock(ticks(x))).ToArray();
            columns ??= [.. table.Columns];
            columns[c] = new ContinuousColumn(column.Name, values, column.IsInteger);
        }

        return columns is null ? table : new TabularData(table.Schema, columns);
    }
}
