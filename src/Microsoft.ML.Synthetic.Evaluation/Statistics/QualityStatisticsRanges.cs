using Microsoft.ML.Synthetic.Data;
using System.Text;
using Microsoft.ML.Synthetic.Evaluation.Statistics;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The first pass of <see cref="QualityStatistics"/>: a table's columns, their kinds and the observed range of every
/// continuous column (the equal-width bins of the contingency pairs span each table's own range, as SDMetrics bins
/// them). Compute it per partition, <see cref="Merge"/> the partitions of one table, then give the merged ranges to
/// <see cref="QualityStatistics.Compute"/> for every partition of that table.
/// </summary>
public sealed class QualityStatisticsRanges
{
    private const string Magic = "SyntheticML.QualityStatisticsRanges";
    private const int FormatVersion = 1;

    internal QualityStatisticsRanges(string[] names, ColumnKind[] kinds, double[] min, double[] max, long rows)
    {
        Names = names;
        Kinds = kinds;
        Min = min;
        Max = max;
        RowCount = rows;
    }

    /// <summary>The columns, in the table's order.</summary>
    public IReadOnlyList<string> Columns => Names;

    /// <summary>The rows counted.</summary>
    public long RowCount { get; }

    internal string[] Names { get; }

    internal ColumnKind[] Kinds { get; }

    /// <summary>Per column: the smallest observed value (+∞ when none, NaN for categorical columns).</summary>
    internal double[] Min { get; }

    /// <summary>Per column: the largest observed value (−∞ when none, NaN for categorical columns).</summary>
    internal double[] Max { get; }

    /// <summary>The kind of a column (continuous or categorical, as the in-memory evaluation reads it).</summary>
    /// <exception cref="ArgumentException">The column is not among <see cref="Columns"/>.</exception>
    public ColumnKind GetKind(string column) => Kinds[IndexOf(column)];

    /// <summary>The observed range of a continuous column (+∞, −∞ when it has no observed value).</summary>
    /// <exception cref="ArgumentException">The column is not among <see cref="Columns"/> or is categorical.</exception>
    public (double Minimum, double Maximum) GetRange(string column)
    {
        int c = IndexOf(column);
        if (Kinds[c] != ColumnKind.Continuous) throw new ArgumentException($"Column '{column}' is categorical: it has no range.", nameof(column));
        return (Min[c], Max[c]);
    }

    /// <summary>Reads one partition of a table (one cursor pass, a block of rows in memory at a time) and returns its columns and ranges.</summary>
    /// <param name="partition">The rows of the partition.</param>
    /// <param name="readOptions">How to read it; the same for every partition (and both tables). Null: the defaults.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    public static QualityStatisticsRanges Compute(IDataView partition, TabularDataOptions? readOptions = null, CancellationToken cancellationToken = default) =>
        ComputeReporting(partition, readOptions, CursorBlocks.DefaultBlockRows, progress: null, cancellationToken);

    internal static QualityStatisticsRanges ComputeReporting(IDataView partition, TabularDataOptions? readOptions, int blockRows, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        readOptions ??= new TabularDataOptions();
        string[]? names = null;
        ColumnKind[]? kinds = null;
        double[] min = [], max = [];
        long rows = 0;
        foreach (var block in CursorBlocks.ReadScored(partition, readOptions, blockRows, cancellationToken))
        {
            if (names is null)
            {
                names = block.Columns.Select(c => c.Name).ToArray();
                kinds = block.Columns.Select(c => c.Kind).ToArray();
                min = kinds.Select(k => k == ColumnKind.Continuous ? double.PositiveInfinity : double.NaN).ToArray();
                max = kinds.Select(k => k == ColumnKind.Continuous ? double.NegativeInfinity : double.NaN).ToArray();
            }

            for (int c = 0; c < names.Length; c++)
            {
                if (block.Columns[c] is not ContinuousColumn continuous) continue;
                foreach (var v in continuous.Values)
                {
                    if (v < min[c]) min[c] = v;
                    if (v > max[c]) max[c] = v;
                }
            }

            rows += block.RowCount;
            progress?.Report(rows);
        }

        return new QualityStatisticsRanges(names!, kinds!, min, max, rows);
    }

    /// <summary>The ranges of the union of partitions of one table.</summary>
    /// <exception cref="ArgumentException">The list is empty, or the partitions' columns or kinds differ (the message names the column).</exception>
    public static QualityStatisticsRanges Merge(IEnumerable<QualityStatisticsRanges> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var list = partitions.ToList();
        if (list.Count == 0) throw new ArgumentException("There are no partitions to merge; give the ranges of at least one partition.", nameof(partitions));
        var first = list[0];
        var min = (double[])first.Min.Clone();
        var max = (double[])first.Max.Clone();
        long rows = 0;
        for (int p = 0; p < list.Count; p++)
        {
            var part = list[p] ?? throw new ArgumentException($"Partition {p} is null.", nameof(partitions));
            StatisticsSchema.CheckSame(first.Names, first.Kinds, part.Names, part.Kinds, p);
            for (int c = 0; c < min.Length; c++)
            {
                min[c] = Math.Min(min[c], part.Min[c]);
                max[c] = Math.Max(max[c], part.Max[c]);
            }

            rows += part.RowCount;
        }

        return new QualityStatisticsRanges((string[])first.Names.Clone(), (ColumnKind[])first.Kinds.Clone(), min, max, rows);
    }

    /// <summary>Writes the ranges (a versioned binary format).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        StatisticsFile.WriteHeader(writer, Magic, FormatVersion);
        Write(writer);
    }

    /// <summary>Reads ranges written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold quality statistics ranges, or holds a newer format.</exception>
    public static QualityStatisticsRanges Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        StatisticsFile.ReadHeader(reader, Magic, FormatVersion, Magic.Split('.')[^1]);
        return Read(reader);
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(RowCount);
        writer.Write(Names.Length);
        for (int c = 0; c < Names.Length; c++)
        {
            writer.Write(Names[c]);
            writer.Write((int)Kinds[c]);
            writer.Write(Min[c]);
            writer.Write(Max[c]);
        }
    }

    internal static QualityStatisticsRanges Read(BinaryReader reader)
    {
        long rows = reader.ReadInt64();
        int n = reader.ReadInt32();
        var names = new string[n];
        var kinds = new ColumnKind[n];
        var min = new double[n];
        var max = new double[n];
        for (int c = 0; c < n; c++)
        {
            names[c] = reader.ReadString();
            kinds[c] = (ColumnKind)reader.ReadInt32();
            min[c] = reader.ReadDouble();
            max[c] = reader.ReadDouble();
        }

        return new QualityStatisticsRanges(names, kinds, min, max, rows);
    }

    internal int IndexOf(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        int c = Array.IndexOf(Names, column);
        return c >= 0 ? c : throw new ArgumentException($"Column '{column}' is not among the columns: {string.Join(", ", Names)}.", nameof(column));
    }

    /// <summary>Whether every continuous column has the same range in <paramref name="other"/> (same columns assumed); else the first that differs.</summary>
    internal bool SameRanges(QualityStatisticsRanges other, out int column)
    {
        for (column = 0; column < Names.Length; column++)
        {
            if (Kinds[column] == ColumnKind.Continuous && (!Min[column].Equals(other.Min[column]) || !Max[column].Equals(other.Max[column])))
            {
                return false;
            }
        }

        return true;
    }
}
