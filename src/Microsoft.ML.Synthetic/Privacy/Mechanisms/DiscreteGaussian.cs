using System.Numerics;

namespace Microsoft.ML.Synthetic.Privacy.Mechanisms;

/// <summary>
/// The discrete Gaussian N_Z(0, σ²) on the integers, P[X = x] ∝ exp(−x²/(2σ²)), sampled exactly for a rational
/// σ² by rejection from a discrete Laplace (Canonne, Kamath &amp; Steinke 2020, Algorithm 3). Adding it to an
/// integer query of sensitivity Δ is ρ-zCDP with ρ = Δ²/(2σ²) (their Theorem 4), and (ε, δ)-DP with δ as in
/// <see cref="ApproximateDpDelta"/> (their Theorem 7).
/// </summary>
internal static class DiscreteGaussian
{
    /// <summary>One sample with variance parameter <paramref name="sigmaSquared"/> (σ² &gt; 0).</summary>
    public static BigInteger Sample(NoiseSource source, ExactRational sigmaSquared)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (sigmaSquared.Numerator.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(sigmaSquared), "σ² must be positive.");
        }

        BigInteger n = sigmaSquared.Numerator, d = sigmaSquared.Denominator;
        var t = IntegerSqrt(n / d) + 1;     // ⌊σ⌋ + 1
        var laplaceScale = new ExactRational(t, BigInteger.One);
        while (true)
        {
            var y = DiscreteLaplace.Sample(source, laplaceScale);
            // Accept with probability exp(−(|y| − σ²/t)²/(2σ²)) = exp(−(|y|·t·d − n)² / (2·n·t²·d)).
            var diff = (BigInteger.Abs(y) * t * d) - n;
            if (ExactBernoulli.SampleExpMinus(source, diff * diff, 2 * n * t * t * d))
            {
                return y;
            }
        }
    }

    /// <summary>One sample with σ² given as a double (converted exactly).</summary>
    public static long Sample(NoiseSource source, double sigmaSquared) => (long)Sample(source, ExactRational.FromDouble(sigmaSquared));

    /// <summary>The probability masses on [−<paramref name="radius"/>, <paramref name="radius"/>] (index x + radius), normalized by the full sum.</summary>
    public static double[] Pmf(double sigmaSquared, int radius)
    {
        var mass = new double[(2 * radius) + 1];
        double normalizer = Normalizer(sigmaSquared);
        for (int x = -radius; x <= radius; x++)
        {
            mass[x + radius] = Math.Exp(-(double)x * x / (2 * sigmaSquared)) / normalizer;
        }

        return mass;
    }

    /// <summary>
    /// The smallest δ for which adding N_Z(0, σ²) to an integer query of sensitivity Δ is (ε, δ)-DP:
    /// δ = P[Y &gt; εσ²/Δ − Δ/2] − e^ε·P[Y &gt; εσ²/Δ + Δ/2] (Canonne, Kamath &amp; Steinke 2020, Theorem 7).
    /// </summary>
    public static double ApproximateDpDelta(double sigmaSquared, double epsilon, long sensitivity)
    {
        double normalizer = Normalizer(sigmaSquared);
        double a = (epsilon * sigmaSquared / sensitivity) - (sensitivity / 2.0);
        double b = a + sensitivity;
        return Math.Max(0, (UpperTail(sigmaSquared, a) - (Math.Exp(epsilon) * UpperTail(sigmaSquared, b))) / normalizer);
    }

    // Σ_{y > a} exp(−y²/(2σ²)), unnormalized; terms beyond 40σ past the mode are below 1e-300 of the largest.
    private static double UpperTail(double sigmaSquared, double a)
    {
        double sigma = Math.Sqrt(sigmaSquared);
        long first = (long)Math.Floor(a) + 1;
        long start = Math.Max(first, -(long)Math.Ceiling(40 * sigma) - 1);
        long end = Math.Max(start, (long)Math.Ceiling(40 * sigma) + 1);
        double sum = 0;
        for (long y = end; y >= start; y--)
        {
            sum += Math.Exp(-(double)y * y / (2 * sigmaSquared));
        }

        return sum;
    }

    /// <summary>Σ_y exp(−y²/(2σ²)).</summary>
    private static double Normalizer(double sigmaSquared) => UpperTail(sigmaSquared, -(40 * Math.Sqrt(sigmaSquared)) - 2);

    private static BigInteger IntegerSqrt(BigInteger n)
    {
        if (n < 2)
        {
            return n;
        }

        var x = (BigInteger)Math.Sqrt((double)n);
        while (x * x > n)
        {
            x--;
        }

        while ((x + 1) * (x + 1) <= n)
        {
            x++;
        }

        return x;
    }
}
