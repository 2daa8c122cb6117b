using Microsoft.ML.Data;
using Parquet;
using Parquet.Schema;

namespace Microsoft.ML.Synthetic.IO;

/// <summary>
/// Reads one Parquet column, one row group at a time, into values of the ML.NET type it maps to (see IO/README.md):
/// the cursor holds the current row group's values of each active column and nothing more.
/// </summary>
internal abstract class ParquetColumnReader
{
    protected ParquetColumnReader(string source, DataField field, DataViewType type)
    {
        Source = source;
        Field = field;
        Type = type;
    }

    /// <summary>The file, for error messages.</summary>
    protected string Source { get; }

    /// <summary>The Parquet column.</summary>
    public DataField Field { get; }

    /// <summary>The ML.NET type its values are given as.</summary>
    public DataViewType Type { get; }

    /// <summary>Reads the column's values in row group <paramref name="group"/> (<paramref name="rows"/> rows).</summary>
    public abstract void Load(ParquetRowGroupReader reader, int group, int rows);

    /// <summary>A getter of the value at <paramref name="row"/>() in the loaded row group.</summary>
    public abstract Delegate Getter(Func<int> row);

    /// <summary>
    /// The reader of <paramref name="field"/>. Nullable integer and Boolean columns are read as their own types only
    /// when <paramref name="mayHaveNulls"/> is false (the file's statistics count no null in any row group): ML.NET's
    /// integer and Boolean types have no missing value, so otherwise integers are read as Double (null → NaN) and
    /// Booleans as the text True/False (null → empty text), as ReadCsv reads them.
    /// </summary>
    /// <exception cref="NotSupportedException">The column's type has no ML.NET counterpart here; the message names the column.</exception>
    public static ParquetColumnReader Create(string source, DataField field, bool mayHaveNulls)
    {
        var clr = field.ClrType;
        if (clr == typeof(float)) return new Reader<float, float>(source, field, NumberDataViewType.Single, v => v, float.NaN);
        if (clr == typeof(double)) return new Reader<double, double>(source, field, NumberDataViewType.Double, v => v, double.NaN);
        if (clr == typeof(decimal)) return new Reader<decimal, double>(source, field, NumberDataViewType.Double, v => (double)v, double.NaN);
        if (clr == typeof(ReadOnlyMemory<char>)) return new Reader<ReadOnlyMemory<char>, ReadOnlyMemory<char>>(source, field, TextDataViewType.Instance, v => v, ReadOnlyMemory<char>.Empty);
        if (clr == typeof(bool))
        {
            return mayHaveNulls
                ? new Reader<bool, ReadOnlyMemory<char>>(source, field, TextDataViewType.Instance, v => v ? TrueText : FalseText, ReadOnlyMemory<char>.Empty)
                : new Reader<bool, bool>(source, field, BooleanDataViewType.Instance, v => v, default, NoMissing("Boolean"));
        }

        if (clr == typeof(DateTime))
        {
            string noMissing = NoMissing("DateTime") + " Leave the column out with ParquetReadOptions.Columns or fill its nulls before reading.";
            return field is DateTimeDataField { IsAdjustedToUTC: true }
                ? new Reader<DateTime, DateTimeOffset>(source, field, DateTimeOffsetDataViewType.Instance, v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)), default, noMissing)
                : new Reader<DateTime, DateTime>(source, field, DateTimeDataViewType.Instance, v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified), default, noMissing);
        }

        return Integer<sbyte>(source, field, mayHaveNulls, NumberDataViewType.SByte)
            ?? Integer<byte>(source, field, mayHaveNulls, NumberDataViewType.Byte)
            ?? Integer<short>(source, field, mayHaveNulls, NumberDataViewType.Int16)
            ?? Integer<ushort>(source, field, mayHaveNulls, NumberDataViewType.UInt16)
            ?? Integer<int>(source, field, mayHaveNulls, NumberDataViewType.Int32)
            ?? Integer<uint>(source, field, mayHaveNulls, NumberDataViewType.UInt32)
            ?? Integer<long>(source, field, mayHaveNulls, NumberDataViewType.Int64)
            ?? Integer<ulong>(source, field, mayHaveNulls, NumberDataViewType.UInt64)
            ?? throw new NotSupportedException($"{source}, column '{field.Name}': Parquet type {clr.Name} has no ML.NET column type here (numbers, text, Boolean and timestamps are read). Leave it out with {nameof(ParquetReadOptions)}.{nameof(ParquetReadOptions.Columns)}.");
    }

    private static readonly ReadOnlyMemory<char> TrueText = bool.TrueString.AsMemory();
    private static readonly ReadOnlyMemory<char> FalseText = bool.FalseString.AsMemory();

    private static string NoMissing(string type) => $"ML.NET's {type} has no missing value.";

    private static ParquetColumnReader? Integer<T>(string source, DataField field, bool mayHaveNulls, NumberDataViewType type)
        where T : struct, System.Numerics.INumberBase<T>
    {
        if (field.ClrType != typeof(T)) return null;
        return mayHaveNulls
            ? new Reader<T, double>(source, field, NumberDataViewType.Double, double.CreateTruncating, double.NaN)
            : new Reader<T, T>(source, field, type, v => v, default, NoMissing(type.ToString()));
    }

    /// <summary>Reads values of Parquet type <typeparamref name="TFile"/> as <typeparamref name="TView"/>.</summary>
    /// <param name="source">The file, for error messages.</param>
    /// <param name="field">The Parquet column.</param>
    /// <param name="type">The ML.NET type of the values.</param>
    /// <param name="convert">A present value as the view gives it.</param>
    /// <param name="missing">What a null is read as.</param>
    /// <param name="nullError">When set, a null is an error (the view type has no missing value) with this explanation.</param>
    private sealed class Reader<TFile, TView>(string source, DataField field, DataViewType type, Func<TFile, TView> convert, TView missing, string? nullError = null)
        : ParquetColumnReader(source, field, type)
        where TFile : struct
    {
        private TFile?[] _nullable = [];
        private TFile[] _plain = [];
        private TView[] _values = [];

        public override void Load(ParquetRowGroupReader reader, int group, int rows)
        {
            if (_values.Length < rows) _values = new TView[rows];
            try
            {
                if (Field.IsNullable)
                {
                    if (_nullable.Length < rows) _nullable = new TFile?[rows];
                    reader.ReadAsync<TFile>(Field, _nullable.AsMemory(0, rows)).AsTask().GetAwaiter().GetResult();
                }
                else
                {
                    if (_plain.Length < rows) _plain = new TFile[rows];
                    reader.ReadAsync<TFile>(Field, _plain.AsMemory(0, rows)).AsTask().GetAwaiter().GetResult();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                throw new InvalidDataException($"{Source}, row group {group}, column '{Field.Name}': the column cannot be read ({e.Message}). The file may be damaged or truncated.", e);
            }

            if (!Field.IsNullable)
            {
                for (int i = 0; i < rows; i++) _values[i] = convert(_plain[i]);
                return;
            }

            for (int i = 0; i < rows; i++)
            {
                if (_nullable[i] is { } v)
                {
                    _values[i] = convert(v);
                }
                else if (nullError is null)
                {
                    _values[i] = missing;
                }
                else
                {
                    throw new InvalidDataException($"{Source}, row group {group}, row {i}, column '{Field.Name}': a null, but the column is read as {Type}. {nullError}");
                }
            }
        }

        public override Delegate Getter(Func<int> row) => (ValueGetter<TView>)((ref TView value) => value = _values[row()]);
    }
}
