namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// KSComplement (SDMetrics): <c>1 − D</c>, where D is the two-sample Kolmogorov–Smirnov statistic, the largest
/// gap between the empirical distribution functions of the real and synthetic values. Missing values (NaN) are
/// dropped first. 1 = identical marginals, 0 = disjoint supports.
/// </summary>
internal static class KSComplement
{
    /// <summary>The KSComplement of two samples of a continuous column.</summary>
    /// <exception cref="ArgumentException">A sample has no observed (non-NaN) value.</exception>
    public static double Compute(IReadOnlyList<double> real, IReadOnlyList<double> synthetic)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        return 1.0 - Statistic(SortedObserved(real, nameof(real)), SortedObserved(synthetic, nameof(synthetic)));
    }

    /// <summary>The two-sample KS statistic of two sorted samples without NaN.</summary>
    internal static double Statistic(double[] a, double[] b)
    {
        int i = 0, j = 0;
        double d = 0;
        double na = a.Length, nb = b.Length;
        while (i < a.Length && j < b.Length)
        {
            double x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x) i++;
            while (j < b.Length && b[j] <= x) j++;
            d = Math.Max(d, Math.Abs(i / na - j / nb));
        }

        return d;
    }

    /// <summary>
    /// The KS statistic of two samples given as distinct ascending values with their counts (the mergeable form:
    /// the same number as <see cref="Statistic(double[], double[])"/> on the expanded samples).
    /// </summary>
    internal static double Statistic(double[] a, long[] countsA, double[] b, long[] countsB)
    {
        double na = countsA.Sum(), nb = countsB.Sum();
        long ca = 0, cb = 0;
        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            double x = Math.Min(a[i], b[j]);
            if (a[i] <= x) ca += countsA[i++];
            if (b[j] <= x) cb += countsB[j++];
            d = Math.Max(d, Math.Abs(ca / na - cb / nb));
        }

        return d;
    }

    internal static double[] SortedObserved(IReadOnlyList<double> values, string name)
    {
        var observed = new List<double>(values.Count);
        foreach (var v in values)
        {
            if (!double.IsNaN(v)) observed.Add(v);
        }

        if (observed.Count == 0)
        {
            throw new ArgumentException("The sample has no observed (non-missing) value.", name);
        }

        var array = observed.ToArray();
        Array.Sort(array);
        return array;
    }
}
