using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Benchmarks;

/// <summary>Reads a sampled view as its consumer would, so that sampling figures time the values, not only the cursor.</summary>
internal static class SampleReader
{
    /// <summary>
    /// Reads every column of every row through one ML.NET cursor, adding each value (numbers truncated, text by its
    /// length) to <paramref name="checksum"/>; returns the rows read. Throws for a column type it cannot read.
    /// </summary>
    public static long ReadAll(IDataView view, ref long checksum)
    {
        using var cursor = view.GetRowCursor(view.Schema);
        var readers = view.Schema.Select(c => c.Type.RawType switch
        {
            Type t when t == typeof(float) => Reader<float>(cursor, c, v => float.IsFinite(v) ? (long)v : 0),
            Type t when t == typeof(double) => Reader<double>(cursor, c, v => double.IsFinite(v) ? (long)v : 0),
            Type t when t == typeof(ReadOnlyMemory<char>) => Reader<ReadOnlyMemory<char>>(cursor, c, v => v.Length),
            Type t when t == typeof(bool) => Reader<bool>(cursor, c, v => v ? 1 : 0),
            Type t when t == typeof(uint) => Reader<uint>(cursor, c, v => v),
            Type t when t == typeof(int) => Reader<int>(cursor, c, v => v),
            Type t when t == typeof(long) => Reader<long>(cursor, c, v => v),
            _ => throw new InvalidOperationException($"Column '{c.Name}': no reader for {c.Type}; add one to SampleReader."),
        }).ToArray();
        long sum = 0, rows = 0;
        while (cursor.MoveNext())
        {
            rows++;
            foreach (var read in readers)
            {
                sum += read();
            }
        }

        checksum += sum;
        return rows;
    }

    private static Func<long> Reader<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, long> value)
    {
        var getter = cursor.GetGetter<T>(column);
        T v = default!;
        return () =>
        {
            getter(ref v);
            return value(v);
        };
    }
}
