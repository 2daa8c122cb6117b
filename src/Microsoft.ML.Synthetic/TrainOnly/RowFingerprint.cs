using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.TrainOnly;

/// <summary>
/// A content fingerprint of a view: its visible columns (names and types) and every value of every row, in order.
/// Two views with the same fingerprint hold the same rows (up to a 64-bit hash collision); used to recognise a view
/// that an outer chain re-derived from the training data as the same rows a train-only stage was fitted on.
/// </summary>
internal readonly record struct RowFingerprint(long Rows, ulong Hash)
{
    private const ulong Prime = 1099511628211UL;

    /// <summary>Reads every row of <paramref name="data"/>'s visible columns once.</summary>
    public static RowFingerprint Of(IDataView data)
    {
        var columns = data.Schema.Where(c => !c.IsHidden).ToArray();
        ulong hash = 14695981039346656037UL;
        foreach (var c in columns)
        {
            hash = Mix(hash, (ulong)StringComparer.Ordinal.GetHashCode(c.Name));
            hash = Mix(hash, (ulong)StringComparer.Ordinal.GetHashCode(c.Type.ToString() ?? ""));
        }

        using var cursor = data.GetRowCursor(columns);
        var readers = columns.Select(c => Reader(cursor, c)).ToArray();
        long rows = 0;
        while (cursor.MoveNext())
        {
            rows++;
            foreach (var read in readers)
            {
                hash = read(hash);
            }
        }

        return new RowFingerprint(rows, hash);
    }

    private static ulong Mix(ulong hash, ulong value) => unchecked((hash ^ value) * Prime);

    private static Func<ulong, ulong> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var raw = column.Type.RawType;
        bool vector = raw.IsGenericType && raw.GetGenericTypeDefinition() == typeof(VBuffer<>);
        var item = vector ? raw.GetGenericArguments()[0] : raw;
        var name = item == typeof(ReadOnlyMemory<char>) ? (vector ? nameof(TextVector) : nameof(Text))
            : vector ? nameof(Vector) : nameof(Scalar);
        var method = typeof(RowFingerprint).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;
        if (method.IsGenericMethodDefinition)
        {
            method = method.MakeGenericMethod(item);
        }

        return (Func<ulong, ulong>)method.Invoke(null, [cursor, column])!;
    }

    private static Func<ulong, ulong> Scalar<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<T>(column);
        T value = default!;
        return hash =>
        {
            get(ref value);
            return Mix(hash, (ulong)EqualityComparer<T>.Default.GetHashCode(value!));
        };
    }

    private static Func<ulong, ulong> Text(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> value = default;
        return hash =>
        {
            get(ref value);
            return Mix(hash, (ulong)string.GetHashCode(value.Span, StringComparison.Ordinal));
        };
    }

    private static Func<ulong, ulong> Vector<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<VBuffer<T>>(column);
        VBuffer<T> value = default;
        return hash =>
        {
            get(ref value);
            hash = Mix(hash, (ulong)value.Length);
            foreach (var pair in value.Items(all: true))
            {
                hash = Mix(Mix(hash, (ulong)pair.Key), (ulong)EqualityComparer<T>.Default.GetHashCode(pair.Value!));
            }

            return hash;
        };
    }

    private static Func<ulong, ulong> TextVector(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(column);
        VBuffer<ReadOnlyMemory<char>> value = default;
        return hash =>
        {
            get(ref value);
            hash = Mix(hash, (ulong)value.Length);
            foreach (var pair in value.Items(all: true))
            {
                hash = Mix(Mix(hash, (ulong)pair.Key), (ulong)string.GetHashCode(pair.Value.Span, StringComparison.Ordinal));
            }

            return hash;
        };
    }
}
