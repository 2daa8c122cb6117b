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
        for (int i = 0; i < codes.Length; i++)
        {
            double x = values[i];
            if (double.IsNaN(x))
            {
                codes[i] = edges.Length;
                continue;
            }

            int lo = 0, hi = edges.Length;   // first edge > x
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (edges[mid] <= x) lo = mid + 1;
                else hi = mid;
            }

            codes[i] = lo;
        }

        return codes;
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

        if (double.IsPositiveInfinity(min))
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
