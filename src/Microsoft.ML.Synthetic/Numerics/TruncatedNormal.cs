namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>Draws from a standard normal restricted to an interval, exactly.</summary>
internal static class TruncatedNormal
{
    /// <summary>
    /// One draw of Z ~ N(0, 1) conditioned on <paramref name="lower"/> &lt; Z &lt; <paramref name="upper"/> (either may be
    /// infinite). Inversion of Φ on the side of the interval nearer zero, where Φ keeps its relative precision; when
    /// the whole interval lies beyond 37 standard deviations, Robert's exponential rejection sampler (Statistics and
    /// Computing 5, 1995).
    /// </summary>
    public static double Sample(Xoshiro256StarStar rng, double lower, double upper)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(lower < upper))
        {
            if (lower == upper)
            {
                return lower;
            }

            throw new ArgumentException($"The interval ({lower}, {upper}) is empty.", nameof(lower));
        }

        // Work in the lower tail: flip an interval that lies above zero.
        bool flip = lower > 0;
        double a = flip ? -upper : lower, b = flip ? -lower : upper;
        double pa = StandardNormal.Cdf(a), pb = StandardNormal.Cdf(b);
        double z;
        if (pb - pa > 0 && pb > 1e-300)
        {
            double p = pa + (rng.NextOpenDouble() * (pb - pa));
            z = Math.Clamp(StandardNormal.InverseCdf(p), a, b);
        }
        else
        {
            z = -RobertTail(rng, -b, -a);
        }

        return flip ? -z : z;
    }

    /// <summary>Z conditioned on lo &lt; Z &lt; hi with lo ≫ 0: an exponential proposal with rate (lo + √(lo² + 4))/2.</summary>
    private static double RobertTail(Xoshiro256StarStar rng, double lo, double hi)
    {
        double alpha = 0.5 * (lo + Math.Sqrt((lo * lo) + 4));
        for (int attempt = 0; attempt < 10_000; attempt++)
        {
            double z = lo - (Math.Log(rng.NextOpenDouble()) / alpha);
            if (z > hi)
            {
                continue;
            }

            double d = z - alpha;
            if (Math.Log(rng.NextOpenDouble()) <= -0.5 * d * d)
            {
                return z;
            }
        }

        return lo;
    }
}
