namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// CorrelationSimilarity (SDMetrics): <c>1 − |ρ_real − ρ_synthetic| / 2</c> for a pair of continuous columns,
/// ρ computed on the rows where both values are observed. When a column is constant in either table the
/// correlation is undefined and the score is NaN (reported, and left out of averages, as SDMetrics does).
/// </summary>
internal static class CorrelationSimilarity
{
    /// <summary>Compares the correlation of (<paramref name="realA"/>, <paramref name="realB"/>) with that of (<paramref name="syntheticA"/>, <paramref name="syntheticB"/>).</summary>
    public static CorrelationSimilarityResult Compute(IReadOnlyList<double> realA, IReadOnlyList<double> realB,
        IReadOnlyList<double> syntheticA, IReadOnlyList<double> syntheticB,
        CorrelationCoefficient coefficient = CorrelationCoefficient.Pearson)
    {
        ArgumentNullException.ThrowIfNull(realA);
        ArgumentNullException.ThrowIfNull(realB);
        ArgumentNullException.ThrowIfNull(syntheticA);
        ArgumentNullException.ThrowIfNull(syntheticB);
        if (realA.Count != realB.Count) throw new ArgumentException("The two real columns must have the same length.", nameof(realB));
        if (syntheticA.Count != syntheticB.Count) throw new ArgumentException("The two synthetic columns must have the same length.", nameof(syntheticB));
        if (IsConstant(realA) || IsConstant(realB) || IsConstant(syntheticA) || IsConstant(syntheticB))
        {
            return new CorrelationSimilarityResult(double.NaN, double.NaN, double.NaN);
        }

        double real = Correlation(realA, realB, coefficient);
        double synthetic = Correlation(syntheticA, syntheticB, coefficient);
        return new CorrelationSimilarityResult(1.0 - Math.Abs(real - synthetic) / 2.0, real, synthetic);
    }

    /// <summary>
    /// The correlation of two columns over the rows where both are observed; 0 when it is undefined there
    /// (fewer than two such rows, or no spread among them), as SDMetrics does.
    /// </summary>
    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b, CorrelationCoefficient coefficient = CorrelationCoefficient.Pearson)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var xs = new List<double>(a.Count);
        var ys = new List<double>(a.Count);
        for (int i = 0; i < a.Count; i++)
        {
            if (!double.IsNaN(a[i]) && !double.IsNaN(b[i]))
            {
                xs.Add(a[i]);
                ys.Add(b[i]);
            }
        }

        double[] x = xs.ToArray(), y = ys.ToArray();
        if (coefficient == CorrelationCoefficient.Spearman)
        {
            x = Ranks(x);
            y = Ranks(y);
        }

        double r = Pearson(x, y);
        return double.IsNaN(r) ? 0.0 : r;
    }

    /// <summary>Pearson's r (two-pass, centred); NaN when undefined.</summary>
    internal static double Pearson(double[] x, double[] y)
    {
        int n = x.Length;
        if (n < 2) return double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx == 0 || syy == 0) return double.NaN;
        double r = sxy / Math.Sqrt(sxx * syy);
        return Math.Clamp(r, -1.0, 1.0);
    }

    /// <summary>Average ranks (1-based), ties sharing the mean of their ranks.</summary>
    internal static double[] Ranks(double[] values)
    {
        int n = values.Length;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = (double[])values.Clone();
        Array.Sort(keys, order);
        var ranks = new double[n];
        int i = 0;
        while (i < n)
        {
            int j = i;
            while (j + 1 < n && keys[j + 1] == keys[i]) j++;
            double rank = (i + j) / 2.0 + 1.0;
            for (int k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }

        return ranks;
    }

    /// <summary>Whether the observed values hold exactly one distinct value (pandas' <c>nunique() == 1</c>).</summary>
    internal static bool IsConstant(IReadOnlyList<double> values)
    {
        double first = double.NaN;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            if (double.IsNaN(first)) first = v;
            else if (v != first) return false;
        }

        return !double.IsNaN(first);
    }
}

/// <summary>The outcome of <see cref="CorrelationSimilarity.Compute"/>.</summary>
/// <param name="Score">1 − |ρ_real − ρ_synthetic| / 2, NaN when a column is constant.</param>
/// <param name="RealCorrelation">ρ in the real data.</param>
/// <param name="SyntheticCorrelation">ρ in the synthetic data.</param>
internal sealed record CorrelationSimilarityResult(double Score, double RealCorrelation, double SyntheticCorrelation);
