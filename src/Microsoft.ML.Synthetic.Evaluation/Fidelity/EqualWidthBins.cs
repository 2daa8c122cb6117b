namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// Discretizes a continuous column into equal-width bins over its own observed range, exactly as SDMetrics'
/// quality report does (<c>numpy.histogram_bin_edges</c> with 10 bins, then <c>numpy.digitize</c>): with edges
/// e_0 … e_B, a value x gets the number of edges ≤ x, so the bins are 1 … B, the maximum lands in B + 1 with
/// any missing value (NaN sorts last in numpy), and a constant column is widened to ±0.5.
/// </summary>
internal static class EqualWidthBins
{
    /// <summary>The bin code of each value (0 … bins + 1).</summary>
    public static int[] Codes(double[] values, int bins)
    {
        var edges = Edges(values, bins);
        var codes = new int[values.Length];
        for (int i = 0; i < codes.Length; i++) codes[i] = Code(values[i], edges);
        return codes;
    }

    /// <summary>The bin code of one value under <paramref name="edges"/> (the number of edges ≤ x; NaN → edges.Length).</summary>
    public static int Code(double x, double[] edges)
    {
        if (double.IsNaN(x)) return edges.Length;
        int lo = 0, hi = edges.Length;   // first edge > x
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= x) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    /// <summary><c>numpy.histogram_bin_edges(observed, bins)</c>.</summary>
    public static double[] Edges(double[] values, int bins)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }

        return Edges(min, max, bins);
    }

    /// <summary>The edges over an observed range [<paramref name="min"/>, <paramref name="max"/>] (+∞/−∞ when nothing was observed).</summary>
    public static double[] Edges(double min, double max, int bins)
    {
        if (double.IsPositiveInfinity(min) || double.IsNaN(min))
        {
            min = 0;
            max = 1;
        }
        else if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        var edges = new double[bins + 1];
        double step = (max - min) / bins;
        for (int i = 0; i < bins; i++) edges[i] = i * step + min;
        edges[bins] = max;
        return edges;
    }
}
