using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.Data;
using Parquet;
using Parquet.Schema;

namespace Microsoft.ML.Synthetic.IO;

/// <summary>
/// Buffers one column's values for the current row group and writes them as a Parquet column chunk. Missing values
/// (NaN numbers, empty text, the missing key) become Parquet nulls; see IO/README.md for the type mapping.
/// </summary>
internal abstract class ParquetColumnWriter
{
    protected ParquetColumnWriter(DataField field) => Field = field;

    /// <summary>The Parquet column.</summary>
    public DataField Field { get; }

    /// <summary>Binds the column's getter on <paramref name="cursor"/> and sizes the buffer to <paramref name="rows"/>.</summary>
    public abstract void Bind(DataViewRowCursor cursor, int rows);

    /// <summary>Reads the cursor's current value into row <paramref name="row"/> of the buffer.</summary>
    public abstract void Take(int row);

    /// <summary>Writes the first <paramref name="rows"/> buffered values as this column's chunk of the row group.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter group, int rows, CancellationToken cancellationToken);

    /// <summary>The writer of <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">A vector column, a key column without text values, or a type Parquet cannot hold here; the message names the column.</exception>
    public static ParquetColumnWriter Create(DataViewSchema.Column column)
    {
        var type = column.Type;
        string name = column.Name;
        if (type is KeyDataViewType) return KeyWriter(column);
        if (type is TextDataViewType) return new Writer<ReadOnlyMemory<char>, ReadOnlyMemory<char>>(new DataField(name, typeof(string), isNullable: true), column, Text);
        if (type is BooleanDataViewType) return new Writer<bool, bool>(new DataField(name, typeof(bool), isNullable: false), column, v => v);
        if (type is DateTimeDataViewType) return new Writer<DateTime, DateTime>(Timestamp(name, utc: false), column, v => v);
        if (type is DateTimeOffsetDataViewType) return new Writer<DateTimeOffset, DateTime>(Timestamp(name, utc: true), column, v => v.UtcDateTime);
        var raw = type.RawType;
        if (raw == typeof(float)) return new Writer<float, float>(new DataField(name, typeof(float), isNullable: true), column, v => float.IsNaN(v) ? null : v);
        if (raw == typeof(double)) return new Writer<double, double>(new DataField(name, typeof(double), isNullable: true), column, v => double.IsNaN(v) ? null : v);
        return Integers.Select(integer => integer(column)).FirstOrDefault(w => w is not null)
            ?? throw new ArgumentException($"Column '{name}' has type {type}; Parquet is written from scalar number, text, Boolean, key, DateTime and DateTimeOffset columns. Drop it first (mlContext.Transforms.DropColumns(\"{name}\")) or convert it.", nameof(column));
    }

    /// <summary>Timestamps in microseconds (the unit pandas, Spark and DuckDB read without loss); ticks below a microsecond are dropped.</summary>
    private static DateTimeDataField Timestamp(string name, bool utc) =>
        new(name, DateTimeFormat.Timestamp, isAdjustedToUTC: utc, unit: DateTimeTimeUnit.Micros, isNullable: false);

    /// <summary>
    /// Text is kept without a copy when it is backed by a string (immutable); text in a reused buffer is copied. Empty
    /// text, ML.NET's missing text, is written as null.
    /// </summary>
    private static ReadOnlyMemory<char>? Text(ReadOnlyMemory<char> value) =>
        value.IsEmpty ? (ReadOnlyMemory<char>?)null   // a bare null would become an empty memory through ReadOnlyMemory's conversion from char[]
        : MemoryMarshal.TryGetString(value, out _, out _, out _) ? value
        : value.ToString().AsMemory();

    private static readonly Func<DataViewSchema.Column, ParquetColumnWriter?>[] Integers =
        [Integer<sbyte>, Integer<byte>, Integer<short>, Integer<ushort>, Integer<int>, Integer<uint>, Integer<long>, Integer<ulong>];

    private static Writer<T, T>? Integer<T>(DataViewSchema.Column column)
        where T : struct
    {
        if (column.Type.RawType != typeof(T)) return null;
        return new Writer<T, T>(new DataField(column.Name, typeof(T), isNullable: false), column, v => v);
    }

    /// <summary>The annotation that holds a key column's values (ML.NET's <c>AnnotationUtils.Kinds.KeyValues</c>, which is internal).</summary>
    private const string KeyValues = "KeyValues";

    /// <summary>A key column as the text of its values (the <c>KeyValues</c> annotation); the missing key 0 as null.</summary>
    private static ParquetColumnWriter KeyWriter(DataViewSchema.Column column)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(KeyValues);
        if (annotation?.Type is not VectorDataViewType { ItemType: TextDataViewType })
        {
            throw new ArgumentException($"Column '{column.Name}' is a key column without text key values; Parquet gets a key's value, not its index. Map it to its values first (mlContext.Transforms.Conversion.MapKeyToValue(\"{column.Name}\")) or drop it.", nameof(column));
        }

        VBuffer<ReadOnlyMemory<char>> buffer = default;
        column.Annotations.GetValue(KeyValues, ref buffer);
        var values = buffer.DenseValues().Select(v => Text(v.ToString().AsMemory())).ToArray();
        var field = new DataField(column.Name, typeof(string), isNullable: true);
        var raw = column.Type.RawType;
        return raw == typeof(byte) ? Key<byte>(field, column, values)
            : raw == typeof(ushort) ? Key<ushort>(field, column, values)
            : raw == typeof(uint) ? Key<uint>(field, column, values)
            : Key<ulong>(field, column, values);
    }

    private static Writer<T, ReadOnlyMemory<char>> Key<T>(DataField field, DataViewSchema.Column column, ReadOnlyMemory<char>?[] values)
        where T : struct, INumberBase<T> =>
        new(field, column, k =>
        {
            ulong key = ulong.CreateTruncating(k);
            return key == 0 || key > (ulong)values.Length ? null : values[key - 1];
        });

    /// <summary>Buffers <typeparamref name="TView"/> values from the cursor as Parquet <typeparamref name="TFile"/> values.</summary>
    private sealed class Writer<TView, TFile>(DataField field, DataViewSchema.Column column, Func<TView, TFile?> convert)
        : ParquetColumnWriter(field)
        where TFile : struct
    {
        private ValueGetter<TView>? _getter;
        private TView _value = default!;
        private TFile?[] _nullable = [];
        private TFile[] _plain = [];

        public override void Bind(DataViewRowCursor cursor, int rows)
        {
            _getter = cursor.GetGetter<TView>(column);
            if (Field.IsNullable) _nullable = new TFile?[rows];
            else _plain = new TFile[rows];
        }

        public override void Take(int row)
        {
            _getter!(ref _value);
            if (Field.IsNullable)
            {
                _nullable[row] = convert(_value);
            }
            else
            {
                _plain[row] = convert(_value) ?? throw new InvalidOperationException($"Column '{column.Name}': a value with no Parquet counterpart.");
            }
        }

        public override Task WriteAsync(ParquetRowGroupWriter group, int rows, CancellationToken cancellationToken) =>
            Field.IsNullable
                ? group.WriteAsync<TFile>(Field, new ReadOnlyMemory<TFile?>(_nullable, 0, rows), cancellationToken: cancellationToken)
                : group.WriteAsync<TFile>(Field, new ReadOnlyMemory<TFile>(_plain, 0, rows), cancellationToken: cancellationToken);
    }
}
