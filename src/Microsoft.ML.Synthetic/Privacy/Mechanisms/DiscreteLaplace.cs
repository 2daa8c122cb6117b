using System.Numerics;

namespace Microsoft.ML.Synthetic.Privacy.Mechanisms;

/// <summary>
/// The discrete Laplace distribution on the integers, P[X = x] ∝ exp(−|x|/b), sampled exactly for a rational
/// scale b (Canonne, Kamath &amp; Steinke 2020, Algorithm 2). Adding it to an integer query of sensitivity Δ with
/// b = Δ/ε is ε-differentially private (Ghosh, Roughgarden &amp; Sundararajan 2009's geometric mechanism).
/// </summary>
internal static class DiscreteLaplace
{
    /// <summary>One sample with scale <paramref name="scale"/> (b &gt; 0).</summary>
    public static BigInteger Sample(NoiseSource source, ExactRational scale)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (scale.Numerator.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), "The scale must be positive.");
        }

        // Scale b = t/s with integers t = num, s = den.
        BigInteger t = scale.Numerator, s = scale.Denominator;
        while (true)
        {
            var u = source.NextBelow(t);
            if (!ExactBernoulli.SampleExpMinus(source, u, t))
            {
                continue;
            }

            BigInteger v = 0;
            while (ExactBernoulli.SampleExpMinus(source, BigInteger.One, BigInteger.One))
            {
                v++;
            }

            var x = u + (t * v);            // geometric: P[x] ∝ exp(−x/t)
            var y = x / s;                  // P[y] ∝ exp(−y·s/t)
            bool negative = source.NextBit();
            if (negative && y.IsZero)
            {
                continue;                   // zero would otherwise be counted twice
            }

            return negative ? -y : y;
        }
    }

    /// <summary>One sample with a scale given as a double (converted exactly).</summary>
    public static long Sample(NoiseSource source, double scale) => (long)Sample(source, ExactRational.FromDouble(scale));

    /// <summary>The probability mass at <paramref name="x"/>: (1 − e^(−1/b))/(1 + e^(−1/b)) · e^(−|x|/b).</summary>
    public static double Pmf(long x, double scale)
    {
        double r = Math.Exp(-1 / scale);
        return (1 - r) / (1 + r) * Math.Exp(-Math.Abs(x) / scale);
    }

    /// <summary>The variance, 2e^(−1/b)/(1 − e^(−1/b))².</summary>
    public static double Variance(double scale)
    {
        double r = Math.Exp(-1 / scale);
        return 2 * r / ((1 - r) * (1 - r));
    }
}
