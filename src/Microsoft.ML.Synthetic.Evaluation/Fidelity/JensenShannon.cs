namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// The Jensen–Shannon distance between two category distributions: the square root of
/// <c>JSD = ½ KL(p ‖ m) + ½ KL(q ‖ m)</c>, <c>m = (p + q) / 2</c>, in bits, so it lies in [0, 1]
/// (0 = identical, 1 = disjoint supports). Frequencies over observed values.
/// </summary>
internal static class JensenShannon
{
    /// <summary>The JS distance of two samples of a categorical column; null marks a missing value.</summary>
    public static double Distance(IReadOnlyList<string?> real, IReadOnlyList<string?> synthetic)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var r = TVComplement.Encode(real, index);
        var s = TVComplement.Encode(synthetic, index);
        return Distance(TVComplement.Frequencies(r, index.Count, nameof(real)), TVComplement.Frequencies(s, index.Count, nameof(synthetic)));
    }

    /// <summary>The JS distance of two probability vectors of equal length.</summary>
    internal static double Distance(double[] p, double[] q)
    {
        double js = 0;
        for (int k = 0; k < p.Length; k++)
        {
            double m = 0.5 * (p[k] + q[k]);
            if (p[k] > 0) js += 0.5 * p[k] * Math.Log2(p[k] / m);
            if (q[k] > 0) js += 0.5 * q[k] * Math.Log2(q[k] / m);
        }

        return Math.Sqrt(Math.Max(0, js));
    }
}
