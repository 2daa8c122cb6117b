using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// Whole-number identifiers: row <c>i</c> gets <c>start + π(i)</c>, where π is a seeded permutation of
/// [0, <see cref="Domain"/>) (<see cref="IndexPermutation"/>) for <c>i</c> below the domain and the identity beyond it.
/// That map is one to one on all row indexes, so ids are unique in a sample of any size and do not depend on how it is
/// cut into blocks. The domain is the smallest power of two at least twice the training rows and id span (and at least
/// 1,024); <c>start</c> is one above the largest training id, so generated ids continue the training ones and never
/// equal one, unless the column's type has no room for the domain there (then the smallest training id, and ids may
/// coincide with training ids).
/// </summary>
internal sealed class IntegerIdColumn : GeneratedColumn
{
    public const byte KindTag = 0;

    private IntegerIdColumn(string name, DataViewType type, double missingRate, long start, ulong domain)
        : base(name, type, missingRate, null)
    {
        Start = start;
        Domain = domain;
    }

    public long Start { get; }

    public ulong Domain { get; }

    public override ColumnMetadata Metadata => ColumnMetadata.Identifier();

    private protected override byte Tag => KindTag;

    public static IntegerIdColumn Fit(string name, DataViewType type, IReadOnlyList<double> values, int rows)
    {
        var observed = values.Where(v => !double.IsNaN(v)).ToArray();
        double min = observed.Length == 0 ? 0 : Math.Floor(observed.Min());
        double max = observed.Length == 0 ? 0 : Math.Floor(observed.Max());
        var (typeMin, typeMax) = Range(type);
        double wanted = 2 * Math.Max(Math.Max(rows, max - min + 1), 512);
        double domain = Math.Min(Math.Pow(2, Math.Ceiling(Math.Log2(wanted))), Math.Pow(2, 62));
        // Above the largest training id when the type has room for the whole domain there; else from the smallest.
        long start = (long)(observed.Length > 0 && typeMax - max >= domain ? max + 1 : Math.Clamp(min, typeMin, typeMax));
        domain = Math.Min(domain, typeMax - start + 1);
        double missingRate = rows == 0 ? 0 : (double)(rows - observed.Length) / rows;
        return new IntegerIdColumn(name, type, missingRate, start, (ulong)Math.Max(1, domain));
    }

    /// <summary>The whole numbers a column of <paramref name="type"/> holds exactly (up to 2^62).</summary>
    private static (double Min, double Max) Range(DataViewType type)
    {
        var raw = type.RawType;
        return raw == typeof(sbyte) ? (sbyte.MinValue, sbyte.MaxValue)
            : raw == typeof(byte) ? (0, byte.MaxValue)
            : raw == typeof(short) ? (short.MinValue, short.MaxValue)
            : raw == typeof(ushort) ? (0, ushort.MaxValue)
            : raw == typeof(int) ? (int.MinValue, int.MaxValue)
            : raw == typeof(uint) ? (0, uint.MaxValue)
            : raw == typeof(float) ? (-(1 << 24), 1 << 24)
            : raw == typeof(double) ? (-Math.Pow(2, 53), Math.Pow(2, 53))
            : raw == typeof(ulong) ? (0, Math.Pow(2, 62))
            : (-Math.Pow(2, 62), Math.Pow(2, 62));
    }

    public override (TableColumn Column, TableColumnInfo Info) Generate(long firstRow, int rows, int seed)
    {
        ulong key = RowRandom.ColumnKey(seed, Name);
        var permutation = new IndexPermutation(Domain, key);
        double typeMax = Range(Type).Max;
        var values = new double[rows];
        double lo = double.NaN, hi = double.NaN;
        for (int i = 0; i < rows; i++)
        {
            long row = firstRow + i;
            if (IsMissing(key, row))
            {
                values[i] = double.NaN;
                continue;
            }

            ulong offset = (ulong)row < Domain ? permutation.Apply((ulong)row) : (ulong)row;
            double v = Start + (double)offset;
            if (v > typeMax)
            {
                throw new InvalidOperationException($"Column '{Name}' ({Type}) has room for ids up to {typeMax:R}, starting from {Start}; row {row} of the sample would need {v:R}. Sample fewer rows, or store the ids in a wider integer type.");
            }

            values[i] = v;
            lo = double.IsNaN(lo) ? v : Math.Min(lo, v);
            hi = double.IsNaN(hi) ? v : Math.Max(hi, v);
        }

        var info = new TableColumnInfo(Name, ColumnKind.Continuous, Type, true, [], lo, hi, null, null);
        return (new ContinuousColumn(Name, values, isInteger: true), info);
    }

    private protected override void WriteContents(BinaryWriter writer)
    {
        writer.Write(Start);
        writer.Write(Domain);
    }

    public static IntegerIdColumn ReadContents(ModelReader reader, string name, DataViewType type, double missingRate)
    {
        reader.Check(type is NumberDataViewType, "an integer id column is not of a number type");
        long start = reader.ReadInt64("start");
        ulong domain = unchecked((ulong)reader.ReadInt64("domain"));
        var (typeMin, typeMax) = Range(type);
        reader.Check(start >= typeMin && start <= typeMax, "the first id is outside the column type's range");
        reader.Check(domain >= 1 && domain <= 1UL << 62 && start + (double)domain - 1 <= typeMax, "the id domain is empty or exceeds the column type's range");
        return new IntegerIdColumn(name, type, missingRate, start, domain);
    }
}
