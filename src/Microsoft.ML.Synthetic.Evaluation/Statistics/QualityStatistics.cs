using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Statistics;
using Microsoft.ML.Synthetic.Evaluation.Tables;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Mergeable statistics of one table from which the quality report's column shapes and column pair trends follow
/// (<see cref="EvaluationCatalog.EvaluateQuality(QualityStatistics, QualityStatistics, FidelityOptions?, CancellationToken)"/>):
/// per continuous column the exact value counts (a mergeable quantile sketch past
/// <see cref="QualityStatisticsOptions.ExactValueCapacity"/> distinct values), per categorical column the category
/// counts, per pair of continuous columns the co-moments over the rows where both are observed, and per other pair the
/// counts of its two-way table (continuous columns in equal-width bins over the table's range). Counts add and
/// co-moments merge with the parallel formula, so partitions computed anywhere and merged in any order give the scores
/// of the whole table.
/// </summary>
/// <remarks>
/// Two passes per partition: <see cref="QualityStatisticsRanges.Compute"/> (merged over the table's partitions with
/// <see cref="QualityStatisticsRanges.Merge"/>), then <see cref="Compute"/> with the merged ranges.
/// </remarks>
public sealed partial class QualityStatistics
{
    private QualityStatistics(QualityStatisticsRanges ranges, int bins, int capacity, int sketchSize)
    {
        Ranges = ranges;
        Bins = bins;
        ExactValueCapacity = capacity;
        SketchSize = sketchSize;
        int n = ranges.Names.Length;
        Values = new ValueDistribution?[n];
        Missing = new long[n];
        Categories = new CategoryCounts?[n];
        for (int c = 0; c < n; c++)
        {
            if (ranges.Kinds[c] == ColumnKind.Continuous) Values[c] = new ValueDistribution(capacity, sketchSize);
            else Categories[c] = new CategoryCounts();
        }

        var pairs = new List<(int, int)>();
        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++) pairs.Add((a, b));
        }

        Pairs = pairs.ToArray();
        Moments = new CoMoments[Pairs.Length];
        Cells = Pairs.Select(p => IsCorrelationPair(p) ? null : new Dictionary<long, long>()).ToArray();
    }

    /// <summary>The table's columns (in its order) and ranges these statistics were computed with.</summary>
    public QualityStatisticsRanges Ranges { get; }

    /// <summary>The columns, in the table's order.</summary>
    public IReadOnlyList<string> Columns => Ranges.Names;

    /// <summary>The rows summarized.</summary>
    public long RowCount { get; private set; }

    /// <summary>Equal-width bins of continuous columns in contingency pairs.</summary>
    public int Bins { get; }

    /// <summary>Distinct values of a continuous column counted exactly before the quantile sketch takes over.</summary>
    public int ExactValueCapacity { get; }

    /// <summary>Values per level of the quantile sketch.</summary>
    public int SketchSize { get; }

    internal ValueDistribution?[] Values { get; }

    internal long[] Missing { get; }

    internal CategoryCounts?[] Categories { get; }

    internal (int A, int B)[] Pairs { get; }

    internal CoMoments[] Moments { get; }

    internal Dictionary<long, long>?[] Cells { get; }

    /// <summary>
    /// The largest possible error of a continuous column's empirical CDF at any value, as a fraction of its observed
    /// values: 0 while its distinct values fit <see cref="ExactValueCapacity"/>, else the quantile sketch's bound. The
    /// KSComplement from a real and a synthetic statistics object is within the sum of their bounds of the exact figure.
    /// </summary>
    /// <exception cref="ArgumentException">The column is not among <see cref="Columns"/> or is categorical.</exception>
    public double CdfErrorBound(string column)
    {
        int c = Ranges.IndexOf(column);
        return Values[c]?.CdfErrorBound ?? throw new ArgumentException($"Column '{column}' is categorical: its category counts are exact.", nameof(column));
    }

    /// <summary>
    /// The statistics of one partition of a table (one cursor pass, <see cref="QualityStatisticsOptions.BlockRows"/> rows
    /// in memory at a time).
    /// </summary>
    /// <param name="partition">The rows of the partition.</param>
    /// <param name="ranges">The ranges of the whole table: <see cref="QualityStatisticsRanges.Merge"/> of every partition's <see cref="QualityStatisticsRanges.Compute"/>.</param>
    /// <param name="options">How to read and summarize; the same for every partition and both tables. Null: the defaults.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    /// <exception cref="ArgumentException">The partition's columns differ from the ranges', or a value lies outside the ranges (they were computed from another table).</exception>
    public static QualityStatistics Compute(IDataView partition, QualityStatisticsRanges ranges, QualityStatisticsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(ranges);
        options ??= new QualityStatisticsOptions();
        options.Validate();
        var stats = new QualityStatistics(ranges, options.Bins, options.ExactValueCapacity, options.SketchSize);
        foreach (var block in CursorBlocks.ReadScored(partition, options.ReadOptions ?? new TabularDataOptions(), options.BlockRows, cancellationToken))
        {
            stats.Add(block, cancellationToken);
            options.Progress?.Report(stats.RowCount);
        }

        return stats;
    }

    /// <summary>The statistics of the union of partitions of one table; the order of the partitions does not matter.</summary>
    /// <exception cref="ArgumentException">The list is empty; or partitions differ in their columns, kinds, ranges or options (the message names the column or option).</exception>
    public static QualityStatistics Merge(IEnumerable<QualityStatistics> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var list = partitions.ToList();
        if (list.Count == 0) throw new ArgumentException("There are no partitions to merge; give the statistics of at least one partition.", nameof(partitions));
        var first = list[0] ?? throw new ArgumentException("Partition 0 is null.", nameof(partitions));
        var merged = new QualityStatistics(first.Ranges, first.Bins, first.ExactValueCapacity, first.SketchSize);
        for (int p = 0; p < list.Count; p++)
        {
            var part = list[p] ?? throw new ArgumentException($"Partition {p} is null.", nameof(partitions));
            StatisticsSchema.CheckSame(first.Ranges.Names, first.Ranges.Kinds, part.Ranges.Names, part.Ranges.Kinds, p);
            if (!first.Ranges.SameRanges(part.Ranges, out int column))
            {
                throw new ArgumentException($"Column '{first.Ranges.Names[column]}' has range [{part.Ranges.Min[column]}, {part.Ranges.Max[column]}] in partition {p} but [{first.Ranges.Min[column]}, {first.Ranges.Max[column]}] in partition 0; compute every partition of a table with the same merged QualityStatisticsRanges.", nameof(partitions));
            }

            CheckSameOption("Bins", first.Bins, part.Bins, p);
            CheckSameOption("ExactValueCapacity", first.ExactValueCapacity, part.ExactValueCapacity, p);
            CheckSameOption("SketchSize", first.SketchSize, part.SketchSize, p);
            merged.MergeFrom(part);
        }

        return merged;
    }

    private static void CheckSameOption(string name, int first, int other, int partition)
    {
        if (first != other)
        {
            throw StatisticsSchema.Error($"{nameof(QualityStatisticsOptions)}.{name} is {other} in partition {partition} but {first} in partition 0; compute every partition with the same options.", "partitions");
        }
    }

    private bool IsCorrelationPair((int A, int B) pair) =>
        Ranges.Kinds[pair.A] == ColumnKind.Continuous && Ranges.Kinds[pair.B] == ColumnKind.Continuous;

    /// <summary>The power of two a column's values are multiplied by before moments and bins (see <see cref="ValueScaling"/>).</summary>
    internal double Scale(int c)
    {
        double maxAbs = Math.Max(Math.Abs(Ranges.Min[c]), Math.Abs(Ranges.Max[c]));
        if (double.IsInfinity(maxAbs) || maxAbs == 0) return 1.0;
        int exponent = Math.ILogB(maxAbs);
        return Math.Abs(exponent) <= ValueScaling.LimitExponent ? 1.0 : Math.ScaleB(1.0, -exponent);
    }

    /// <summary>The bin edges of a continuous column over the table's range, in scaled units.</summary>
    internal double[] Edges(int c)
    {
        double s = Scale(c);
        bool none = double.IsPositiveInfinity(Ranges.Min[c]);
        return none ? EqualWidthBins.Edges(double.PositiveInfinity, double.NegativeInfinity, Bins) : EqualWidthBins.Edges(Ranges.Min[c] * s, Ranges.Max[c] * s, Bins);
    }

    private void Add(TabularData block, CancellationToken cancellationToken)
    {
        var names = block.Columns.Select(c => c.Name).ToArray();
        var kinds = block.Columns.Select(c => c.Kind).ToArray();
        StatisticsSchema.CheckSame(Ranges.Names, Ranges.Kinds, names, kinds, "the table of the ranges", "the partition", "partition");
        int n = names.Length;
        var codes = new int[n][];
        var scales = new double[n];
        for (int c = 0; c < n; c++)
        {
            if (block.Columns[c] is ContinuousColumn continuous)
            {
                scales[c] = Scale(c);
                var edges = Edges(c);
                var values = continuous.Values;
                var bins = codes[c] = new int[values.Length];
                var distribution = Values[c]!;
                double min = Ranges.Min[c], max = Ranges.Max[c];
                for (int i = 0; i < values.Length; i++)
                {
                    double v = values[i];
                    bins[i] = EqualWidthBins.Code(v * scales[c], edges);
                    if (double.IsNaN(v))
                    {
                        Missing[c]++;
                        continue;
                    }

                    if (!(v >= min && v <= max))
                    {
                        throw StatisticsSchema.Error($"Column '{names[c]}' holds {v} in the partition, outside the range [{min}, {max}] of the ranges given: compute the ranges from every partition of this table (QualityStatisticsRanges.Merge) and use them for each.", "ranges");
                    }

                    distribution.Add(v);
                }
            }
            else
            {
                var categorical = (CategoricalColumn)block.Columns[c];
                var counts = Categories[c]!;
                var map = counts.Remap(categorical.Categories);
                var local = new long[map.Length];
                var ids = codes[c] = new int[categorical.Length];
                for (int i = 0; i < ids.Length; i++)
                {
                    int code = categorical.Codes[i];
                    if (code < 0)
                    {
                        ids[i] = -1;
                        counts.Missing++;
                        continue;
                    }

                    ids[i] = map[code];
                    local[code]++;
                }

                for (int k = 0; k < map.Length; k++) counts.Counts[map[k]] += local[k];
            }
        }

        Parallel.For(0, Pairs.Length, new ParallelOptions { CancellationToken = cancellationToken }, p =>
        {
            var (a, b) = Pairs[p];
            if (Cells[p] is { } cells)
            {
                PairCells.Count(codes[a], codes[b], cells);
                return;
            }

            var x = ((ContinuousColumn)block.Columns[a]).Values;
            var y = ((ContinuousColumn)block.Columns[b]).Values;
            Moments[p] = CoMoments.Merge(Moments[p], CoMoments.Of(x, y, scales[a], scales[b]));
        });
        RowCount += block.RowCount;
    }

    private void MergeFrom(QualityStatistics other)
    {
        RowCount += other.RowCount;
        var maps = new int[Values.Length][];
        for (int c = 0; c < Values.Length; c++)
        {
            if (Values[c] is { } values)
            {
                values.Merge(other.Values[c]!);
                Missing[c] += other.Missing[c];
            }
            else
            {
                maps[c] = Categories[c]!.Remap(other.Categories[c]!.Texts);
                Categories[c]!.Merge(other.Categories[c]!);
            }
        }

        for (int p = 0; p < Pairs.Length; p++)
        {
            if (Cells[p] is not { } cells)
            {
                Moments[p] = CoMoments.Merge(Moments[p], other.Moments[p]);
                continue;
            }

            var (a, b) = Pairs[p];
            foreach (var (key, count) in other.Cells[p]!)
            {
                var (x, y) = PairCells.Split(key);
                if (maps[a] is { } ma && x >= 0) x = ma[x];
                if (maps[b] is { } mb && y >= 0) y = mb[y];
                long k = PairCells.Key(x, y);
                cells[k] = cells.GetValueOrDefault(k) + count;
            }
        }
    }
}
