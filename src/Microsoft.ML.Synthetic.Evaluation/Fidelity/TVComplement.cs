namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// TVComplement (SDMetrics): <c>1 − TVD</c>, where the total variation distance
/// <c>TVD = ½ Σ_k |p_real(k) − p_synthetic(k)|</c> runs over every category seen in either sample, with the
/// frequencies taken over the observed (non-missing) values. 1 = identical category frequencies.
/// </summary>
internal static class TVComplement
{
    /// <summary>The TVComplement of two samples of a categorical column; null marks a missing value.</summary>
    /// <exception cref="ArgumentException">A sample has no observed value.</exception>
    public static double Compute(IReadOnlyList<string?> real, IReadOnlyList<string?> synthetic)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var realCodes = Encode(real, index);
        var syntheticCodes = Encode(synthetic, index);
        return Compute(realCodes, syntheticCodes, index.Count);
    }

    /// <summary>The TVComplement of two coded samples (codes in <c>[0, categoryCount)</c>, -1 = missing).</summary>
    internal static double Compute(int[] real, int[] synthetic, int categoryCount)
    {
        var p = Frequencies(real, categoryCount, nameof(real));
        var q = Frequencies(synthetic, categoryCount, nameof(synthetic));
        double tv = 0;
        for (int k = 0; k < categoryCount; k++) tv += Math.Abs(p[k] - q[k]);
        return 1.0 - 0.5 * tv;
    }

    /// <summary>Category frequencies over the observed values.</summary>
    internal static double[] Frequencies(int[] codes, int categoryCount, string name)
    {
        var counts = new double[categoryCount];
        int observed = 0;
        foreach (var c in codes)
        {
            if (c >= 0)
            {
                counts[c]++;
                observed++;
            }
        }

        if (observed == 0) throw new ArgumentException("The sample has no observed (non-missing) value.", name);
        for (int k = 0; k < categoryCount; k++) counts[k] /= observed;
        return counts;
    }

    internal static int[] Encode(IReadOnlyList<string?> values, Dictionary<string, int> index)
    {
        var codes = new int[values.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            var v = values[i];
            if (v is null)
            {
                codes[i] = -1;
                continue;
            }

            if (!index.TryGetValue(v, out int code))
            {
                code = index.Count;
                index.Add(v, code);
            }

            codes[i] = code;
        }

        return codes;
    }
}
