using Microsoft.ML.Synthetic.Evaluation.Fidelity;

namespace Microsoft.ML.Synthetic.Evaluation.Statistics;

/// <summary>
/// Column shapes and column pair trends from a real and a synthetic <see cref="QualityStatistics"/>: the same
/// definitions as <see cref="FidelityEvaluator"/> (KSComplement and range-normalized W₁ on the value counts,
/// TVComplement and Jensen–Shannon on the category counts, CorrelationSimilarity on Pearson's r from the co-moments,
/// ContingencySimilarity and Cramér's V on the occupied cells).
/// </summary>
internal static class QualityComparison
{
    public static FidelityResult Evaluate(QualityStatistics real, QualityStatistics synthetic, FidelityOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        if (options.Coefficient != CorrelationCoefficient.Pearson)
        {
            throw new NotSupportedException($"Mergeable statistics give Pearson's r only: Spearman's ranks are taken over the rows where both columns are observed, which no per-partition summary holds. Set {nameof(FidelityOptions)}.{nameof(FidelityOptions.Coefficient)} to Pearson, or evaluate in memory.");
        }

        foreach (var (stats, role) in new[] { (real, "real"), (synthetic, "synthetic") })
        {
            if (stats.Bins != options.Bins)
            {
                throw new ArgumentException($"The {role} statistics were computed with {stats.Bins} bins but {nameof(FidelityOptions)}.{nameof(FidelityOptions.Bins)} is {options.Bins}; compute them with {nameof(QualityStatisticsOptions)}.{nameof(QualityStatisticsOptions.Bins)} = {options.Bins}.", role);
            }

            if (stats.RowCount < 2) throw new ArgumentException($"The {role} data has {stats.RowCount} row(s); evaluation needs at least 2.", role);
        }

        var names = real.Ranges.Names;
        var index = CheckSameColumns(real, synthetic);
        for (int c = 0; c < names.Length; c++)
        {
            CheckObserved(real, c, names[c], "real");
            CheckObserved(synthetic, index[c], names[c], "synthetic");
        }

        var shapes = new ColumnShapeScore[names.Length];
        Parallel.For(0, names.Length, new ParallelOptions { CancellationToken = cancellationToken }, c =>
            shapes[c] = Shape(real, synthetic, c, index[c], names[c]));

        var scores = new ColumnPairScore[real.Pairs.Length];
        Parallel.For(0, real.Pairs.Length, new ParallelOptions { CancellationToken = cancellationToken }, p =>
            scores[p] = Pair(real, synthetic, p, index, options));
        return new FidelityResult(shapes, scores);
    }

    private static int[] CheckSameColumns(QualityStatistics real, QualityStatistics synthetic)
    {
        var r = real.Ranges;
        var s = synthetic.Ranges;
        var missing = r.Names.Where(n => !s.Names.Contains(n)).ToArray();
        var extra = s.Names.Where(n => !r.Names.Contains(n)).ToArray();
        if (missing.Length > 0 || extra.Length > 0)
        {
            var parts = new List<string>();
            if (missing.Length > 0) parts.Add($"missing from the synthetic data: {string.Join(", ", missing.Select(m => $"'{m}'"))}");
            if (extra.Length > 0) parts.Add($"only in the synthetic data: {string.Join(", ", extra.Select(m => $"'{m}'"))}");
            throw new ArgumentException($"The real and synthetic data must have the same columns; {string.Join("; ", parts)}.", nameof(synthetic));
        }

        var index = r.Names.Select(n => Array.IndexOf(s.Names, n)).ToArray();
        for (int c = 0; c < index.Length; c++)
        {
            if (r.Kinds[c] != s.Kinds[index[c]])
            {
                throw new ArgumentException($"Column '{r.Names[c]}' is {r.Kinds[c]} in the real data but {s.Kinds[index[c]]} in the synthetic data.", nameof(synthetic));
            }
        }

        return index;
    }

    private static void CheckObserved(QualityStatistics stats, int c, string name, string role)
    {
        long observed = stats.Values[c]?.Count ?? stats.Categories[c]!.Observed;
        if (observed == 0)
        {
            throw new ArgumentException($"Column '{name}' has only missing values in the {role} data: its distribution cannot be compared.", role);
        }

        // The bins span the ranges: they are the table's only if the statistics hold its extremes.
        if (stats.Values[c] is { } values && (values.Min != stats.Ranges.Min[c] || values.Max != stats.Ranges.Max[c]))
        {
            throw new ArgumentException($"Column '{name}': the {role} statistics were computed with the range [{stats.Ranges.Min[c]}, {stats.Ranges.Max[c]}] but their values span [{values.Min}, {values.Max}]: the ranges come from another table, or the statistics from only some of its partitions. Merge the ranges of every partition of the table (QualityStatisticsRanges.Merge), compute each partition's statistics with them, and merge all of those.", role);
        }
    }

    private static ColumnShapeScore Shape(QualityStatistics real, QualityStatistics synthetic, int c, int sc, string name)
    {
        if (real.Values[c] is { } realValues)
        {
            var (a, ca) = realValues.Points();
            var (b, cb) = synthetic.Values[sc]!.Points();
            return new ColumnShapeScore(name, "KSComplement", 1.0 - KSComplement.Statistic(a, ca, b, cb),
                Wasserstein.RangeNormalized(a, ca, b, cb), double.NaN);
        }

        var (_, p, q) = Frequencies(real.Categories[c]!, synthetic.Categories[sc]!);
        double tv = 0;
        for (int k = 0; k < p.Length; k++) tv += Math.Abs(p[k] - q[k]);
        return new ColumnShapeScore(name, "TVComplement", 1.0 - 0.5 * tv, double.NaN, JensenShannon.Distance(p, q));
    }

    /// <summary>The shared category space (real categories first, in text order; then synthetic-only ones) and both tables' frequencies over it.</summary>
    private static (Dictionary<string, int> Space, double[] Real, double[] Synthetic) Frequencies(CategoryCounts real, CategoryCounts synthetic)
    {
        var space = Space(real, synthetic);
        return (space, Frequency(real, space), Frequency(synthetic, space));
    }

    private static Dictionary<string, int> Space(CategoryCounts real, CategoryCounts synthetic)
    {
        var space = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in real.Texts.Order(StringComparer.Ordinal)) space.Add(t, space.Count);
        foreach (var t in synthetic.Texts.Order(StringComparer.Ordinal)) space.TryAdd(t, space.Count);
        return space;
    }

    private static double[] Frequency(CategoryCounts counts, Dictionary<string, int> space)
    {
        var f = new double[space.Count];
        double observed = counts.Observed;
        for (int k = 0; k < counts.Texts.Count; k++) f[space[counts.Texts[k]]] = counts.Counts[k];
        for (int k = 0; k < f.Length; k++) f[k] /= observed;
        return f;
    }

    private static ColumnPairScore Pair(QualityStatistics real, QualityStatistics synthetic, int p, int[] index, FidelityOptions options)
    {
        var (a, b) = real.Pairs[p];
        string nameA = real.Ranges.Names[a], nameB = real.Ranges.Names[b];
        int sa = index[a], sb = index[b];
        int sp = PairIndex(synthetic.Ranges.Names.Length, Math.Min(sa, sb), Math.Max(sa, sb));
        if (real.Cells[p] is null)
        {
            double rReal = double.NaN, rSynthetic = double.NaN, score = double.NaN;
            if (!IsConstant(real, a) && !IsConstant(real, b) && !IsConstant(synthetic, sa) && !IsConstant(synthetic, sb))
            {
                rReal = Zero(real.Moments[p].Pearson());
                rSynthetic = Zero(synthetic.Moments[sp].Pearson());
                score = 1.0 - Math.Abs(rReal - rSynthetic) / 2.0;
            }

            bool meets = options.CorrelationThreshold <= 0 || (!double.IsNaN(rReal) && Math.Abs(rReal) > options.CorrelationThreshold);
            return new ColumnPairScore(nameA, nameB, "CorrelationSimilarity", meets ? score : double.NaN, rReal, rSynthetic, double.NaN, meets);
        }

        // One code space per side for both tables: categories by text, bins by number, missing last.
        var (realA, synA, cardA) = Side(real, synthetic, a, sa, options.Bins);
        var (realB, synB, cardB) = Side(real, synthetic, b, sb, options.Bins);
        var realCells = Recode(real.Cells[p]!, realA, realB, cardA, cardB, false);
        var synCells = Recode(synthetic.Cells[sp]!, synA, synB, cardA, cardB, sa > sb);
        double association = double.NaN, similarity = double.NaN;
        if (options.AssociationThreshold > 0)
        {
            association = SparseContingency.CramersV(realCells, cardA + 1, cardB + 1);
        }

        if (options.AssociationThreshold <= 0 || (!double.IsNaN(association) && association > options.AssociationThreshold))
        {
            similarity = SparseContingency.Similarity(realCells, synCells, real.RowCount, synthetic.RowCount);
        }

        bool meetsAssociation = options.AssociationThreshold <= 0 || (!double.IsNaN(association) && association > options.AssociationThreshold);
        return new ColumnPairScore(nameA, nameB, "ContingencySimilarity", similarity, double.NaN, double.NaN, association, meetsAssociation);
    }

    /// <summary>The index of pair (a, b), a &lt; b, among the pairs of n columns in (a, b) order.</summary>
    private static int PairIndex(int n, int a, int b) => a * n - a * (a + 1) / 2 + (b - a - 1);

    private static double Zero(double r) => double.IsNaN(r) ? 0.0 : r;

    private static bool IsConstant(QualityStatistics stats, int c) =>
        stats.Values[c]!.Count > 0 && stats.Ranges.Min[c] == stats.Ranges.Max[c];

    /// <summary>The shared code of each real and synthetic code of one side, and the side's cardinality (missing gets the cardinality).</summary>
    private static (int[] Real, int[] Synthetic, int Cardinality) Side(QualityStatistics real, QualityStatistics synthetic, int c, int sc, int bins)
    {
        if (real.Categories[c] is not { } realCounts)
        {
            var identity = Enumerable.Range(0, bins + 2).ToArray();
            return (identity, identity, bins + 2);
        }

        var syntheticCounts = synthetic.Categories[sc]!;
        var space = Space(realCounts, syntheticCounts);
        return (realCounts.Texts.Select(t => space[t]).ToArray(), syntheticCounts.Texts.Select(t => space[t]).ToArray(), space.Count);
    }

    private static Dictionary<long, long> Recode(Dictionary<long, long> cells, int[] mapA, int[] mapB, int cardA, int cardB, bool swapped)
    {
        var result = new Dictionary<long, long>(cells.Count);
        long width = cardB + 1L;
        foreach (var (key, count) in cells)
        {
            var (x, y) = PairCells.Split(key);
            if (swapped) (x, y) = (y, x);
            long row = x < 0 ? cardA : mapA[x];
            long column = y < 0 ? cardB : mapB[y];
            long cell = row * width + column;
            result[cell] = result.GetValueOrDefault(cell) + count;
        }

        return result;
    }
}
