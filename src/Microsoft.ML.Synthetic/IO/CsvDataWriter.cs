using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.IO;

/// <summary>
/// Writes an <see cref="IDataView"/> as CSV in one cursor pass (constant memory): a header, missing numbers (NaN)
/// as empty fields, numbers in invariant culture with round-trip precision, text quoted when needed.
/// </summary>
internal static class CsvDataWriter
{
    public static void Write(IDataView data, TextWriter writer, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = data.Schema.Where(c => !c.IsHidden).ToArray();
        foreach (var c in columns)
        {
            if (c.Type is not (NumberDataViewType or TextDataViewType or BooleanDataViewType or DateTimeDataViewType or DateTimeOffsetDataViewType or TimeSpanDataViewType))
            {
                throw new ArgumentException($"Column '{c.Name}' has type {c.Type}; CSV holds scalar number, text, Boolean, DateTime, DateTimeOffset and TimeSpan columns. Drop it first (mlContext.Transforms.DropColumns(\"{c.Name}\")) or convert it.", nameof(data));
            }
        }

        writer.Write(string.Join(separator, columns.Select(c => Quote(c.Name, separator))));
        writer.Write('\n');
        using var cursor = data.GetRowCursor(columns);
        var fields = columns.Select(c => FieldWriter(cursor, c, separator)).ToArray();
        while (cursor.MoveNext())
        {
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    writer.Write(separator);
                }

                fields[i](writer);
            }

            writer.Write('\n');
        }
    }

    private static Action<TextWriter> FieldWriter(DataViewRowCursor cursor, DataViewSchema.Column column, char separator)
    {
        var raw = column.Type.RawType;
        if (raw == typeof(float))
        {
            var g = cursor.GetGetter<float>(column);
            float v = 0;
            return w => { g(ref v); if (!float.IsNaN(v)) { w.Write(v.ToString("R", CultureInfo.InvariantCulture)); } };
        }

        if (raw == typeof(double))
        {
            var g = cursor.GetGetter<double>(column);
            double v = 0;
            return w => { g(ref v); if (!double.IsNaN(v)) { w.Write(v.ToString("R", CultureInfo.InvariantCulture)); } };
        }

        if (column.Type is TextDataViewType)
        {
            var g = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> v = default;
            return w => { g(ref v); w.Write(Quote(v.ToString(), separator)); };
        }

        if (column.Type is BooleanDataViewType)
        {
            var g = cursor.GetGetter<bool>(column);
            bool v = false;
            return w => { g(ref v); w.Write(v ? "True" : "False"); };
        }

        return column.Type switch
        {
            // ISO 8601; default(DateTime) and default(DateTimeOffset), ML.NET's missing dates, are empty fields.
            DateTimeDataViewType => Formatted<DateTime>(cursor, column, v => v == default ? "" : v.ToString(CsvTemporalColumn.DateTimeFormat, CultureInfo.InvariantCulture)),
            DateTimeOffsetDataViewType => Formatted<DateTimeOffset>(cursor, column, v => v == default ? "" : v.ToString(CsvTemporalColumn.DateTimeOffsetFormat, CultureInfo.InvariantCulture)),
            TimeSpanDataViewType => Formatted<TimeSpan>(cursor, column, v => v.ToString("c", CultureInfo.InvariantCulture)),
            _ => IntegerWriter(cursor, column),
        };
    }

    private static Action<TextWriter> Formatted<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, string> text)
    {
        var g = cursor.GetGetter<T>(column);
        T v = default!;
        return w => { g(ref v); w.Write(text(v)); };
    }

    private static Action<TextWriter> IntegerWriter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var raw = column.Type.RawType;
        if (raw == typeof(sbyte)) { return Formatted<sbyte>(cursor, column); }
        if (raw == typeof(byte)) { return Formatted<byte>(cursor, column); }
        if (raw == typeof(short)) { return Formatted<short>(cursor, column); }
        if (raw == typeof(ushort)) { return Formatted<ushort>(cursor, column); }
        if (raw == typeof(int)) { return Formatted<int>(cursor, column); }
        if (raw == typeof(uint)) { return Formatted<uint>(cursor, column); }
        if (raw == typeof(long)) { return Formatted<long>(cursor, column); }
        if (raw == typeof(ulong)) { return Formatted<ulong>(cursor, column); }
        throw new ArgumentException($"Column '{column.Name}' has type {column.Type}, which CSV cannot hold.");
    }

    private static Action<TextWriter> Formatted<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
        where T : IFormattable
    {
        var g = cursor.GetGetter<T>(column);
        T v = default!;
        return w => { g(ref v); w.Write(v.ToString(null, CultureInfo.InvariantCulture)); };
    }

    /// <summary>
    /// The field as written: quoted (quotes doubled) when it holds the separator, a quote or a line break, has white
    /// space at either end, or equals a default missing token; as is otherwise. Empty text (missing) stays empty.
    /// </summary>
    internal static string Quote(string text, char separator)
    {
        bool needs = text.Length > 0
            && (text.AsSpan().IndexOfAny(separator, '"') >= 0 || text.AsSpan().IndexOfAny('\n', '\r') >= 0
                || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || CsvReadOptions.DefaultMissingTokens.Contains(text));
        return needs ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
