using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula;

/// <summary>Statistics the copula tests compare real and synthetic data with.</summary>
internal static class CopulaTestHelpers
{
    /// <summary>The two-sample Kolmogorov–Smirnov statistic of the observed (non-missing) values.</summary>
    public static double KsStatistic(double[] a, double[] b)
    {
        var x = a.Where(v => !double.IsNaN(v)).Order().ToArray();
        var y = b.Where(v => !double.IsNaN(v)).Order().ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double t = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= t) i++;
            while (j < y.Length && y[j] <= t) j++;
            d = Math.Max(d, Math.Abs(((double)i / x.Length) - ((double)j / y.Length)));
        }

        return d;
    }

    /// <summary>The Pearson correlation.</summary>
    public static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>The share of rows holding each category, and of missing rows (key "(missing)").</summary>
    public static Dictionary<string, double> Frequencies(CategoricalColumn column)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var code in column.Codes)
        {
            var key = code < 0 ? "(missing)" : column.Categories[code];
            result[key] = result.GetValueOrDefault(key) + (1.0 / column.Length);
        }

        return result;
    }

    public static double Mean(ContinuousColumn column) => column.ObservedValues().Average();
}
