using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;

/// <summary>
/// A small table with a known joint distribution for checking what a deep synthesizer learned: X is bimodal
/// (N(−2, 0.5) or N(3, 1), equally likely), Y = X + N(0, 0.5) (correlation ≈ 0.98), Group = "low" when X &lt; 0 with
/// probability 0.95 ("high" otherwise, and the reverse for X ≥ 0).
/// </summary>
internal static class KnownDistribution
{
    public sealed class Row
    {
        public double X { get; set; }
        public double Y { get; set; }
        public string Group { get; set; } = "";
    }

    public static IDataView Create(MLContext ml, int rows, int seed)
    {
        var random = new Random(seed);
        var list = new List<Row>();
        for (int i = 0; i < rows; i++)
        {
            double x = random.NextDouble() < 0.5 ? -2 + (0.5 * TabularEncoder.StandardNormal(random)) : 3 + TabularEncoder.StandardNormal(random);
            bool flip = random.NextDouble() < 0.05;
            list.Add(new Row { X = x, Y = x + (0.5 * TabularEncoder.StandardNormal(random)), Group = (x < 0) ^ flip ? "low" : "high" });
        }

        return ml.Data.LoadFromEnumerable(list);
    }

    public static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>The two-sample Kolmogorov–Smirnov statistic.</summary>
    public static double KolmogorovSmirnov(double[] a, double[] b)
    {
        var x = a.OrderBy(v => v).ToArray();
        var y = b.OrderBy(v => v).ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v)
            {
                i++;
            }

            while (j < y.Length && y[j] <= v)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / x.Length) - ((double)j / y.Length)));
        }

        return d;
    }

    /// <summary>Uniform noise over the range of <paramref name="values"/>: the baseline a synthesizer must beat.</summary>
    public static double[] UniformLike(double[] values, int n, int seed)
    {
        var random = new Random(seed);
        double min = values.Min(), max = values.Max();
        return Enumerable.Range(0, n).Select(_ => min + ((max - min) * random.NextDouble())).ToArray();
    }

    /// <summary>
    /// Checks that <paramref name="synthetic"/> reproduces the known distribution within loose tolerances; the X–Y
    /// correlation must exceed <paramref name="minCorrelation"/> (real ≈ 0.98, independent columns 0), and Group must follow the
    /// sign of X in more than <paramref name="minAgreement"/> of the rows (real ≈ 0.95, independent columns 0.5).
    /// </summary>
    public static void AssertReproduced(TabularData real, TabularData synthetic, double maxKs, double minCorrelation, double minAgreement = 0.8)
    {
        var rx = ((ContinuousColumn)real["X"]).Values;
        var sx = ((ContinuousColumn)synthetic["X"]).Values;
        var sy = ((ContinuousColumn)synthetic["Y"]).Values;
        var group = (CategoricalColumn)synthetic["Group"];

        double ks = KolmogorovSmirnov(rx, sx);
        double ksUniform = KolmogorovSmirnov(rx, UniformLike(rx, sx.Length, 5));
        Assert.IsTrue(ks < maxKs && ks < ksUniform / 2, $"KS of X: synthetic {ks:F3}, uniform noise {ksUniform:F3}");
        Assert.AreEqual(0.5, sx.Count(v => v < 0) / (double)sx.Length, 0.1, "share of the lower mode");
        double correlation = Correlation(sx, sy);
        Assert.IsTrue(correlation > minCorrelation, $"correlation of X and Y: {correlation:F3} (real ≈ 0.98)");
        int agree = Enumerable.Range(0, sx.Length).Count(i => (sx[i] < 0) == (group.Categories[group.Codes[i]] == "low"));
        Assert.IsTrue(agree > minAgreement * sx.Length, $"Group follows X in {agree} of {sx.Length} rows (real: 95 %)");
    }
}
