namespace Microsoft.ML.Synthetic;

/// <summary>One column's shape comparison.</summary>
/// <param name="Column">The column name.</param>
/// <param name="Metric"><c>KSComplement</c> (continuous) or <c>TVComplement</c> (categorical).</param>
/// <param name="Score">The metric's value in [0, 1]; 1 = same marginal distribution.</param>
/// <param name="WassersteinDistance">Range-normalized W₁ (continuous columns; NaN otherwise).</param>
/// <param name="JensenShannonDistance">Jensen–Shannon distance in bits (categorical columns; NaN otherwise).</param>
public sealed record ColumnShapeScore(string Column, string Metric, double Score, double WassersteinDistance, double JensenShannonDistance);

/// <summary>One column pair's trend comparison.</summary>
/// <param name="Column1">The first column (real-table order).</param>
/// <param name="Column2">The second column.</param>
/// <param name="Metric"><c>CorrelationSimilarity</c> (two continuous columns) or <c>ContingencySimilarity</c>.</param>
/// <param name="Score">The metric's value in [0, 1], or NaN when undefined (constant column) or under the threshold.</param>
/// <param name="RealCorrelation">ρ in the real data (correlation pairs; NaN otherwise).</param>
/// <param name="SyntheticCorrelation">ρ in the synthetic data (correlation pairs; NaN otherwise).</param>
/// <param name="RealAssociation">Cramér's V of the real contingency table, computed only when an association threshold is set.</param>
/// <param name="MeetsThreshold">Whether the pair counts toward the average (always, with the thresholds at 0).</param>
public sealed record ColumnPairScore(string Column1, string Column2, string Metric, double Score,
    double RealCorrelation, double SyntheticCorrelation, double RealAssociation, bool MeetsThreshold);

/// <summary>
/// Fidelity as SDMetrics' QualityReport defines it (column shapes and column pair trends, overall = their mean)
/// plus distances beyond SDMetrics.
/// </summary>
public sealed class FidelityResult
{
    internal FidelityResult(IReadOnlyList<ColumnShapeScore> shapes, IReadOnlyList<ColumnPairScore> pairs)
    {
        Shapes = shapes;
        Pairs = pairs;
        ColumnShapes = MeanOfDefined(shapes.Select(s => s.Score));
        ColumnPairTrends = MeanOfDefined(pairs.Where(p => p.MeetsThreshold).Select(p => p.Score));
        Overall = MeanOfDefined([ColumnShapes, ColumnPairTrends]);
    }

    /// <summary>Mean column-shape score over the columns (NaN scores left out).</summary>
    public double ColumnShapes { get; }

    /// <summary>Mean pair-trend score over the pairs that meet the thresholds (NaN scores left out).</summary>
    public double ColumnPairTrends { get; }

    /// <summary>The overall quality score: the mean of <see cref="ColumnShapes"/> and <see cref="ColumnPairTrends"/>.</summary>
    public double Overall { get; }

    /// <summary>Per-column details.</summary>
    public IReadOnlyList<ColumnShapeScore> Shapes { get; }

    /// <summary>Per-pair details.</summary>
    public IReadOnlyList<ColumnPairScore> Pairs { get; }

    /// <summary>Maximum mean discrepancy with an RBF kernel (median heuristic) on the mixed encoding; NaN when not computed.</summary>
    public double Mmd { get; internal set; } = double.NaN;

    /// <summary>α-precision (Alaa et al. 2022): how much of the synthetic data falls in the real data's α-supports; NaN when not computed.</summary>
    public double AlphaPrecision { get; internal set; } = double.NaN;

    /// <summary>β-recall (Alaa et al. 2022): how much of the real data falls in the synthetic data's β-supports; NaN when not computed.</summary>
    public double BetaRecall { get; internal set; } = double.NaN;

    internal static double MeanOfDefined(IEnumerable<double> values)
    {
        double sum = 0;
        int n = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            n++;
        }

        return n == 0 ? double.NaN : sum / n;
    }
}
