namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// The 1-Wasserstein (earth mover's) distance between two empirical distributions,
/// <c>W₁ = ∫ |F_real(x) − F_synthetic(x)| dx</c>, divided by the range of the real values so that columns on
/// different scales compare (0 = identical; 1 = the synthetic mass sits one real range away).
/// </summary>
internal static class Wasserstein
{
    /// <summary>The range-normalized W₁ distance; NaN values are dropped; a constant real column divides by 1.</summary>
    public static double RangeNormalized(IReadOnlyList<double> real, IReadOnlyList<double> synthetic)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        var a = KSComplement.SortedObserved(real, nameof(real));
        var b = KSComplement.SortedObserved(synthetic, nameof(synthetic));
        return RangeNormalizedSorted(a, b);
    }

    internal static double RangeNormalizedSorted(double[] a, double[] b)
    {
        double range = a[^1] - a[0];
        return Distance(a, b) / (range > 0 ? range : 1.0);
    }

    /// <summary>The range-normalized W₁ of two samples given as distinct ascending values with their counts.</summary>
    internal static double RangeNormalized(double[] a, long[] countsA, double[] b, long[] countsB)
    {
        double range = a[^1] - a[0];
        double na = countsA.Sum(), nb = countsB.Sum(), area = 0;
        long ca = 0, cb = 0;
        int i = 0, j = 0;
        double x = Math.Min(a[0], b[0]);
        while (i < a.Length || j < b.Length)
        {
            double next = Math.Min(i < a.Length ? a[i] : double.PositiveInfinity, j < b.Length ? b[j] : double.PositiveInfinity);
            area += Math.Abs(ca / na - cb / nb) * (next - x);
            x = next;
            if (i < a.Length && a[i] <= x) ca += countsA[i++];
            if (j < b.Length && b[j] <= x) cb += countsB[j++];
        }

        return area / (range > 0 ? range : 1.0);
    }

    /// <summary>W₁ of two sorted samples: the area between their step CDFs.</summary>
    internal static double Distance(double[] a, double[] b)
    {
        int i = 0, j = 0;
        double na = a.Length, nb = b.Length, area = 0;
        double x = Math.Min(a[0], b[0]);
        while (i < a.Length || j < b.Length)
        {
            double next = Math.Min(i < a.Length ? a[i] : double.PositiveInfinity, j < b.Length ? b[j] : double.PositiveInfinity);
            area += Math.Abs(i / na - j / nb) * (next - x);
            x = next;
            while (i < a.Length && a[i] <= x) i++;
            while (j < b.Length && b[j] <= x) j++;
        }

        return area;
    }
}
