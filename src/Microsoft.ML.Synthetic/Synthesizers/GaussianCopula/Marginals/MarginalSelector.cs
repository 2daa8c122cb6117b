namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

/// <summary>A fitted marginal with its Kolmogorov–Smirnov distance to the training values.</summary>
internal sealed record MarginalFit(Marginal Marginal, double KsStatistic);

/// <summary>
/// Chooses a continuous column's marginal by goodness of fit. Every parametric candidate (normal, truncated normal,
/// beta, gamma, uniform) is fitted and scored by its Kolmogorov–Smirnov distance D to the training values (for a
/// whole-number column, to the distribution rounded to whole numbers). The candidate with the smallest D is kept
/// when the KS test at the 5 % level does not reject it (D ≤ 1.358/√n); otherwise no family fits and the empirical
/// marginal is used, which matches any shape.
/// </summary>
internal static class MarginalSelector
{
    private const int MaxKsPoints = 4000;

    private static readonly MarginalKind[] Parametric =
        [MarginalKind.Uniform, MarginalKind.Normal, MarginalKind.TruncatedNormal, MarginalKind.Beta, MarginalKind.Gamma];

    /// <summary>The marginal of one column, from its observed values sorted ascending (at least one).</summary>
    public static MarginalFit Select(string column, double[] sorted, bool whole, MarginalKind requested, int maxKnots) =>
        Select(column, WeightedSample.FromSorted(sorted), whole, requested, maxKnots);

    /// <summary>The marginal of one column, from its observed values as distinct values with counts.</summary>
    public static MarginalFit Select(string column, WeightedSample sorted, bool whole, MarginalKind requested, int maxKnots)
    {
        if (sorted.First == sorted.Last)
        {
            // A constant column is reproduced as constant, whatever family was asked for.
            return new MarginalFit(new EmpiricalMarginal([sorted.First]), 0);
        }

        if (requested == MarginalKind.Empirical)
        {
            var empirical = EmpiricalMarginal.Fit(sorted, maxKnots);
            return new MarginalFit(empirical, KsStatistic(empirical, sorted, whole));
        }

        if (requested != MarginalKind.Auto)
        {
            var forced = FitKind(requested, sorted)
                ?? throw new ArgumentException($"Column '{column}': a {requested} marginal cannot be fitted to its values ({Reason(requested)}). Choose another {nameof(MarginalKind)} for it, or {nameof(MarginalKind.Auto)}.", nameof(requested));
            return new MarginalFit(forced, KsStatistic(forced, sorted, whole));
        }

        double critical = 1.358 / Math.Sqrt(sorted.Count);
        foreach (var kind in Parametric)
        {
            var candidate = FitKind(kind, sorted);
            if (candidate is null)
            {
                continue;
            }

            double d = KsStatistic(candidate, sorted, whole);
            if (d <= critical)
            {
                return new MarginalFit(candidate, d);
            }
        }

        var fallback = EmpiricalMarginal.Fit(sorted, maxKnots);
        return new MarginalFit(fallback, KsStatistic(fallback, sorted, whole));
    }

    private static Marginal? FitKind(MarginalKind kind, WeightedSample sorted) => kind switch
    {
        MarginalKind.Normal => NormalMarginal.Fit(sorted),
        MarginalKind.TruncatedNormal => TruncatedNormalMarginal.Fit(sorted),
        MarginalKind.Beta => BetaMarginal.Fit(sorted),
        MarginalKind.Gamma => GammaMarginal.Fit(sorted),
        MarginalKind.Uniform => UniformMarginal.Fit(sorted),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Reason(MarginalKind kind) => kind switch
    {
        MarginalKind.Gamma => "a gamma marginal needs right-skewed values",
        MarginalKind.Beta => "the variance is too large for a beta distribution on the observed range, or so small that α or β would exceed 10⁷",
        _ => "the fit did not converge",
    };

    /// <summary>
    /// D = sup |Fₙ(x) − F(x)| over the distinct training values (both sides of each step of Fₙ). A whole-number column
    /// compares with the model rounded to whole numbers: P(X ≤ k) = F(k + ½). With more than a few thousand distinct
    /// values, an even subset of them is checked (D is then exact up to the largest skipped step).
    /// </summary>
    public static double KsStatistic(Marginal marginal, WeightedSample sorted, bool whole)
    {
        double n = sorted.Count;
        double d = 0;
        int distinct = sorted.Values.Length;
        int stride = Math.Max(1, distinct / MaxKsPoints);
        for (int run = 0; run < distinct; run++)
        {
            if (run % stride == 0 || run == distinct - 1)
            {
                double x = sorted.Values[run];
                double below = whole ? marginal.Cdf(x - 0.5) : marginal.Cdf(x);
                double atOrBelow = whole ? marginal.Cdf(x + 0.5) : marginal.Cdf(x);
                d = Math.Max(d, Math.Max(Math.Abs((sorted.CountBelow(run) / n) - below), Math.Abs((sorted.CountBelow(run + 1) / n) - atOrBelow)));
            }
        }

        return d;
    }
}
