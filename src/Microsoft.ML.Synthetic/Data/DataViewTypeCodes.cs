using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>Names for the scalar column types SyntheticML reads, for saving schemas.</summary>
internal static class DataViewTypeCodes
{
    public static bool IsSupported(DataViewType type) =>
        type is NumberDataViewType or BooleanDataViewType or TextDataViewType
        || (type is KeyDataViewType k && k.RawType != typeof(ulong));

    public static bool IsInteger(DataViewType type) =>
        type is NumberDataViewType && type.RawType != typeof(float) && type.RawType != typeof(double);

    public static string Encode(DataViewType type) => type switch
    {
        KeyDataViewType k => "Key:" + Encode(k.RawType) + ":" + k.Count.ToString(CultureInfo.InvariantCulture),
        TextDataViewType => "Text",
        BooleanDataViewType => "Boolean",
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
            _ => NumberType(DecodeRaw(code)),
        };
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
