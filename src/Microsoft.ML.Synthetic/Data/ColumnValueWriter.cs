using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>Writes a table column's values back in the source column's type (the reverse of the reader).</summary>
internal static class ColumnValueWriter
{
    public static Delegate CreateGetter(TableColumnInfo info, int index, Func<TabularData> block, Func<int> row)
    {
        var type = info.OriginalType;
        if (info.Temporal is { } temporal && info.Kind == ColumnKind.Continuous)
        {
            return TemporalGetter(info, temporal, index, block, row);
        }

        if (type is TextDataViewType)
        {
            var missing = (info.MissingText ?? string.Empty).AsMemory();
            if (info.Kind == ColumnKind.Categorical)
            {
                var text = info.Categories.Select(c => c.AsMemory()).ToArray();
                return (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) =>
                {
                    int code = ((CategoricalColumn)block().Columns[index]).Codes[row()];
                    v = code < 0 ? missing : text[code];
                });
            }

            return (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) =>
            {
                double x = ((ContinuousColumn)block().Columns[index]).Values[row()];
                v = double.IsNaN(x) ? missing : x.ToString("R", CultureInfo.InvariantCulture).AsMemory();
            });
        }

        if (type is KeyDataViewType key)
        {
            return KeyGetter(key.RawType, index, block, row);
        }

        var number = NumberReader(info, index, block, row);
        if (type is BooleanDataViewType)
        {
            return (ValueGetter<bool>)((ref bool v) => v = number() == 1);
        }

        var raw = type.RawType;
        return raw == typeof(float) ? (ValueGetter<float>)((ref float v) => v = (float)number())
            : raw == typeof(double) ? (ValueGetter<double>)((ref double v) => v = number())
            : raw == typeof(sbyte) ? (ValueGetter<sbyte>)((ref sbyte v) => v = (sbyte)Whole(number(), sbyte.MinValue, sbyte.MaxValue))
            : raw == typeof(byte) ? (ValueGetter<byte>)((ref byte v) => v = (byte)Whole(number(), byte.MinValue, byte.MaxValue))
            : raw == typeof(short) ? (ValueGetter<short>)((ref short v) => v = (short)Whole(number(), short.MinValue, short.MaxValue))
            : raw == typeof(ushort) ? (ValueGetter<ushort>)((ref ushort v) => v = (ushort)Whole(number(), ushort.MinValue, ushort.MaxValue))
            : raw == typeof(int) ? (ValueGetter<int>)((ref int v) => v = (int)Whole(number(), int.MinValue, int.MaxValue))
            : raw == typeof(uint) ? (ValueGetter<uint>)((ref uint v) => v = (uint)Whole(number(), uint.MinValue, uint.MaxValue))
            : raw == typeof(long) ? (ValueGetter<long>)((ref long v) => v = (long)Whole(number(), long.MinValue, long.MaxValue))
            : (ValueGetter<ulong>)((ref ulong v) => v = (ulong)Whole(number(), 0, ulong.MaxValue));
    }

    /// <summary>
    /// A date, time or duration column: seconds back to the source type, rounded to the column's step and kept in the
    /// training range (<see cref="TemporalEncoding.Writer"/>). A missing value (NaN) is <c>default</c> for DateTime and
    /// DateTimeOffset (ML.NET has no missing date), zero for TimeSpan, and the source's missing text for text.
    /// </summary>
    private static Delegate TemporalGetter(TableColumnInfo info, TemporalEncoding temporal, int index, Func<TabularData> block, Func<int> row)
    {
        var ticks = temporal.Writer(info.Min, info.Max);
        double Seconds() => ((ContinuousColumn)block().Columns[index]).Values[row()];
        switch (temporal.Source)
        {
            case TemporalSource.DateTime:
                return (ValueGetter<DateTime>)((ref DateTime v) =>
                {
                    double x = Seconds();
                    v = double.IsNaN(x) ? default : new DateTime(ticks(x));
                });
            case TemporalSource.DateTimeOffset:
                return (ValueGetter<DateTimeOffset>)((ref DateTimeOffset v) =>
                {
                    double x = Seconds();
                    v = double.IsNaN(x) ? default : new DateTimeOffset(ticks(x), temporal.Offset);
                });
            case TemporalSource.TimeSpan:
                return (ValueGetter<TimeSpan>)((ref TimeSpan v) =>
                {
                    double x = Seconds();
                    v = double.IsNaN(x) ? TimeSpan.Zero : new TimeSpan(ticks(x));
                });
            default:
                var missing = (info.MissingText ?? string.Empty).AsMemory();
                return (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) =>
                {
                    double x = Seconds();
                    v = double.IsNaN(x) ? missing : temporal.FormatText(ticks(x)).AsMemory();
                });
        }
    }

    private static Delegate KeyGetter(Type raw, int index, Func<TabularData> block, Func<int> row)
    {
        // Key value k (1-based) is category k - 1; 0 is the missing key.
        uint Key() => (uint)(((CategoricalColumn)block().Columns[index]).Codes[row()] + 1);
        return raw == typeof(byte) ? (ValueGetter<byte>)((ref byte v) => v = (byte)Key())
            : raw == typeof(ushort) ? (ValueGetter<ushort>)((ref ushort v) => v = (ushort)Key())
            : (ValueGetter<uint>)((ref uint v) => v = Key());
    }

    /// <summary>Reads the numeric value of the current row: a continuous value, or a number-valued category.</summary>
    private static Func<double> NumberReader(TableColumnInfo info, int index, Func<TabularData> block, Func<int> row)
    {
        if (info.Kind == ColumnKind.Continuous)
        {
            return () => ((ContinuousColumn)block().Columns[index]).Values[row()];
        }

        var numbers = info.Categories.Select(text => info.OriginalType is BooleanDataViewType
            ? (bool.Parse(text) ? 1.0 : 0.0)
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        return () =>
        {
            int code = ((CategoricalColumn)block().Columns[index]).Codes[row()];
            return code < 0 ? double.NaN : numbers[code];
        };
    }

    /// <summary>Rounds to a whole number within the type's range; a missing value becomes 0 (integer types have no missing value).</summary>
    private static double Whole(double value, double min, double max) =>
        double.IsNaN(value) ? 0 : Math.Clamp(Math.Round(value, MidpointRounding.ToEven), min, max);
}
