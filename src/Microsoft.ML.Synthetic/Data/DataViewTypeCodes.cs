using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>Names for the scalar column types SyntheticML reads, for saving schemas.</summary>
internal static class DataViewTypeCodes
{
    public static bool IsSupported(DataViewType type) =>
        type is NumberDataViewType or BooleanDataViewType or TextDataViewType or DateTimeDataViewType or DateTimeOffsetDataViewType or TimeSpanDataViewType
        || (type is KeyDataViewType k && k.RawType != typeof(ulong));

    /// <summary>The prefix of a date and time column's code.</summary>
    private const string TimePrefix = "Time:";

    /// <summary>
    /// The code of a column: its type, and for a date, time or duration column its encoding as well, as
    /// <c>Time:{source}:{step ticks}:{offset minutes}:{format}</c> (the format last, since it may hold colons). Files
    /// written before date support hold only the plain type codes, which still read the same.
    /// </summary>
    public static string Encode(DataViewType type, TemporalEncoding? temporal) =>
        temporal is null ? Encode(type)
        : string.Create(CultureInfo.InvariantCulture, $"{TimePrefix}{temporal.Source}:{temporal.StepTicks}:{(long)temporal.Offset.TotalMinutes}:{temporal.Format}");

    /// <summary>Decodes a code written by <see cref="Encode(DataViewType, TemporalEncoding?)"/>; false for anything else (a saved schema is untrusted).</summary>
    public static bool TryDecode(string code, out DataViewType type, out TemporalEncoding? temporal)
    {
        temporal = null;
        if (!code.StartsWith(TimePrefix, StringComparison.Ordinal))
        {
            return TryDecode(code, out type);
        }

        type = TextDataViewType.Instance;
        var parts = code[TimePrefix.Length..].Split(':', 4);
        if (parts.Length != 4 || !Enum.TryParse<TemporalSource>(parts[0], out var source) || !Enum.IsDefined(source)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long step) || Array.IndexOf(TemporalEncoding.Steps, step) < 0
            || !int.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int minutes) || Math.Abs(minutes) > 14 * 60)
        {
            return false;
        }

        bool text = source is TemporalSource.Text or TemporalSource.TextWithOffset;
        bool offset = source is TemporalSource.DateTimeOffset or TemporalSource.TextWithOffset;
        string? format = parts[3].Length == 0 ? null : parts[3];
        if (text != format is not null || (!offset && minutes != 0) || (format is not null && !IsDateFormat(format)))
        {
            return false;
        }

        type = source switch
        {
            TemporalSource.DateTime => DateTimeDataViewType.Instance,
            TemporalSource.DateTimeOffset => DateTimeOffsetDataViewType.Instance,
            TemporalSource.TimeSpan => TimeSpanDataViewType.Instance,
            _ => TextDataViewType.Instance,
        };
        temporal = new TemporalEncoding(source, step, TimeSpan.FromMinutes(minutes), format);
        return Encode(type, temporal) == code;
    }

    /// <summary>Whether <paramref name="format"/> formats a date and time (invariant culture).</summary>
    public static bool IsDateFormat(string format)
    {
        try
        {
            _ = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.FromHours(1)).ToString(format, CultureInfo.InvariantCulture);
            return !string.IsNullOrWhiteSpace(format);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool IsInteger(DataViewType type) =>
        type is NumberDataViewType && type.RawType != typeof(float) && type.RawType != typeof(double);

    public static string Encode(DataViewType type) => type switch
    {
        KeyDataViewType k => "Key:" + Encode(k.RawType) + ":" + k.Count.ToString(CultureInfo.InvariantCulture),
        TextDataViewType => "Text",
        BooleanDataViewType => "Boolean",
        DateTimeDataViewType => "DateTime",
        DateTimeOffsetDataViewType => "DateTimeOffset",
        TimeSpanDataViewType => "TimeSpan",
        NumberDataViewType n => Encode(n.RawType),
        _ => throw new NotSupportedException($"Column type {type} is not supported."),
    };

    public static DataViewType Decode(string code)
    {
        if (code.StartsWith("Key:", StringComparison.Ordinal))
        {
            var parts = code.Split(':');
            return new KeyDataViewType(DecodeRaw(parts[1]), ulong.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        return code switch
        {
            "Text" => TextDataViewType.Instance,
            "Boolean" => BooleanDataViewType.Instance,
            "DateTime" => DateTimeDataViewType.Instance,
            "DateTimeOffset" => DateTimeOffsetDataViewType.Instance,
            "TimeSpan" => TimeSpanDataViewType.Instance,
            _ => NumberType(DecodeRaw(code)),
        };
    }

    /// <summary>Decodes a code written by <see cref="Encode(DataViewType)"/>; false for anything else (a saved schema is untrusted).</summary>
    public static bool TryDecode(string code, out DataViewType type)
    {
        type = TextDataViewType.Instance;
        var parts = code.Split(':');
        if (parts.Length == 3 && parts[0] == "Key")
        {
            var raw = parts[1] switch { nameof(Byte) => typeof(byte), nameof(UInt16) => typeof(ushort), nameof(UInt32) => typeof(uint), _ => null };
            ulong limit = raw == typeof(byte) ? byte.MaxValue : raw == typeof(ushort) ? ushort.MaxValue : uint.MaxValue;
            if (raw is null || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0 || count > limit)
            {
                return false;
            }

            type = new KeyDataViewType(raw, count);
        }
        else if (code is "Text" or "Boolean" or nameof(Single) or nameof(Double) or nameof(SByte) or nameof(Byte) or nameof(Int16) or nameof(UInt16) or nameof(Int32) or nameof(UInt32) or nameof(Int64) or nameof(UInt64))
        {
            type = Decode(code);
        }
        else
        {
            return false;
        }

        return Encode(type) == code;
    }

    private static string Encode(Type raw) => raw.Name;

    private static Type DecodeRaw(string name) => name switch
    {
        nameof(Single) => typeof(float),
        nameof(Double) => typeof(double),
        nameof(SByte) => typeof(sbyte),
        nameof(Byte) => typeof(byte),
        nameof(Int16) => typeof(short),
        nameof(UInt16) => typeof(ushort),
        nameof(Int32) => typeof(int),
        nameof(UInt32) => typeof(uint),
        nameof(Int64) => typeof(long),
        nameof(UInt64) => typeof(ulong),
        _ => throw new InvalidDataException($"Unknown column type '{name}' in a saved schema."),
    };

    private static NumberDataViewType NumberType(Type raw) =>
        raw == typeof(float) ? NumberDataViewType.Single
        : raw == typeof(double) ? NumberDataViewType.Double
        : raw == typeof(sbyte) ? NumberDataViewType.SByte
        : raw == typeof(byte) ? NumberDataViewType.Byte
        : raw == typeof(short) ? NumberDataViewType.Int16
        : raw == typeof(ushort) ? NumberDataViewType.UInt16
        : raw == typeof(int) ? NumberDataViewType.Int32
        : raw == typeof(uint) ? NumberDataViewType.UInt32
        : raw == typeof(long) ? NumberDataViewType.Int64
        : NumberDataViewType.UInt64;
}
