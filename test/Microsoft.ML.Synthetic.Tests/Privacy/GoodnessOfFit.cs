using MathNet.Numerics.Distributions;

namespace Microsoft.ML.Synthetic.Tests.Privacy;

/// <summary>Pearson's chi-square goodness-of-fit test against a closed-form probability mass function.</summary>
internal static class GoodnessOfFit
{
    /// <summary>The p-value threshold every statistical test here uses (fixed seeds, so results are deterministic).</summary>
    public const double PValueThreshold = 1e-3;

    /// <summary>
    /// The p-value of observed integer samples against <paramref name="pmf"/> on [lo, hi]; values outside
    /// that range (and cells with expected count &lt; 5) are pooled into a remainder cell.
    /// </summary>
    public static double ChiSquarePValue(IReadOnlyList<long> samples, Func<long, double> pmf, long lo, long hi)
    {
        int n = samples.Count;
        var observed = new Dictionary<long, int>();
        int rest = 0;
        foreach (var s in samples)
        {
            if (s < lo || s > hi)
            {
                rest++;
            }
            else
            {
                observed[s] = observed.GetValueOrDefault(s) + 1;
            }
        }

        double statistic = 0, restExpectedProbability = 1;
        int cells = 0;
        for (long x = lo; x <= hi; x++)
        {
            double p = pmf(x);
            double expected = p * n;
            int o = observed.GetValueOrDefault(x);
            if (expected < 5)
            {
                rest += o;
                continue;
            }

            restExpectedProbability -= p;
            statistic += (o - expected) * (o - expected) / expected;
            cells++;
        }

        double restExpected = Math.Max(0, restExpectedProbability) * n;
        if (restExpected >= 5)
        {
            statistic += (rest - restExpected) * (rest - restExpected) / restExpected;
            cells++;
        }
        else if (rest > 10)
        {
            return 0;   // many observations where almost none are expected
        }

        return 1 - ChiSquared.CDF(cells - 1, statistic);
    }
}
