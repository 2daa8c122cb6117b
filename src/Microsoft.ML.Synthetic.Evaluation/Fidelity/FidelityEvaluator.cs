using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>Computes column shapes, column pair trends and the extra distances over aligned tables.</summary>
internal static class FidelityEvaluator
{
    public static FidelityResult Evaluate(AlignedTables tables, FidelityOptions options, int seed, CancellationToken cancellationToken)
    {
        var shapes = ColumnShapes(tables, cancellationToken);
        var pairs = ColumnPairTrends(tables, options, cancellationToken);
        var result = new FidelityResult(shapes, pairs);
        if (options.KernelMetrics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            KernelMetrics.Compute(tables, options.MaxRowsForKernelMetrics, seed, result, cancellationToken);
        }

        return result;
    }

    public static ColumnShapeScore[] ColumnShapes(AlignedTables tables, CancellationToken cancellationToken)
    {
        var scores = new ColumnShapeScore[tables.ColumnCount];
        Parallel.For(0, tables.ColumnCount, new ParallelOptions { CancellationToken = cancellationToken }, c =>
        {
            string name = tables.Names[c];
            if (tables.Kinds[c] == ColumnKind.Continuous)
            {
                var real = KSComplement.SortedObserved(tables.Real.ValuesOf(c), name);
                var synthetic = KSComplement.SortedObserved(tables.Synthetic.ValuesOf(c), name);
                scores[c] = new ColumnShapeScore(name, "KSComplement", 1.0 - KSComplement.Statistic(real, synthetic),
                    Wasserstein.RangeNormalizedSorted(real, synthetic), double.NaN);
            }
            else
            {
                int k = tables.Categories[c].Length;
                var p = TVComplement.Frequencies(tables.Real.CodesOf(c), k, name);
                var q = TVComplement.Frequencies(tables.Synthetic.CodesOf(c), k, name);
                double tv = 0;
                for (int i = 0; i < k; i++) tv += Math.Abs(p[i] - q[i]);
                scores[c] = new ColumnShapeScore(name, "TVComplement", 1.0 - 0.5 * tv, double.NaN, JensenShannon.Distance(p, q));
            }
        });
        return scores;
    }

    public static ColumnPairScore[] ColumnPairTrends(AlignedTables tables, FidelityOptions options, CancellationToken cancellationToken)
    {
        int n = tables.ColumnCount;
        var realBins = new int[]?[n];
        var syntheticBins = new int[]?[n];
        for (int c = 0; c < n; c++)
        {
            if (tables.Kinds[c] != ColumnKind.Continuous) continue;
            realBins[c] = EqualWidthBins.Codes(tables.Real.ValuesOf(c), options.Bins);
            syntheticBins[c] = EqualWidthBins.Codes(tables.Synthetic.ValuesOf(c), options.Bins);
        }

        var pairs = new List<(int A, int B)>();
        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++) pairs.Add((a, b));
        }

        var scores = new ColumnPairScore[pairs.Count];
        Parallel.For(0, pairs.Count, new ParallelOptions { CancellationToken = cancellationToken }, p =>
        {
            var (a, b) = pairs[p];
            string nameA = tables.Names[a], nameB = tables.Names[b];
            if (tables.Kinds[a] == ColumnKind.Continuous && tables.Kinds[b] == ColumnKind.Continuous)
            {
                var r = CorrelationSimilarity.Compute(tables.Real.ValuesOf(a), tables.Real.ValuesOf(b),
                    tables.Synthetic.ValuesOf(a), tables.Synthetic.ValuesOf(b), options.Coefficient);
                bool meets = options.CorrelationThreshold <= 0 || (!double.IsNaN(r.RealCorrelation) && Math.Abs(r.RealCorrelation) > options.CorrelationThreshold);
                scores[p] = new ColumnPairScore(nameA, nameB, "CorrelationSimilarity", meets ? r.Score : double.NaN,
                    r.RealCorrelation, r.SyntheticCorrelation, double.NaN, meets);
                return;
            }

            var (realA, synA, cardA) = Discrete(tables, a, realBins, syntheticBins, options.Bins);
            var (realB, synB, cardB) = Discrete(tables, b, realBins, syntheticBins, options.Bins);
            double score = ContingencySimilarity.Compute(realA, realB, synA, synB, cardA, cardB, options.AssociationThreshold, out double association);
            bool meetsAssociation = options.AssociationThreshold <= 0 || (!double.IsNaN(association) && association > options.AssociationThreshold);
            scores[p] = new ColumnPairScore(nameA, nameB, "ContingencySimilarity", score, double.NaN, double.NaN, association, meetsAssociation);
        });
        return scores;
    }

    private static (int[] Real, int[] Synthetic, int Cardinality) Discrete(AlignedTables tables, int c, int[]?[] realBins, int[]?[] syntheticBins, int bins) =>
        tables.Kinds[c] == ColumnKind.Continuous
            ? (realBins[c]!, syntheticBins[c]!, bins + 2)
            : (tables.Real.CodesOf(c), tables.Synthetic.CodesOf(c), tables.Categories[c].Length);
}
