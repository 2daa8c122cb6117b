using System.Runtime.CompilerServices;

namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>
/// Standard normal variates by the Ziggurat method (Marsaglia and Tsang, J. Stat. Softw. 5(8), 2000) in Doornik's
/// 128-layer form with independent bits for the layer and the abscissa ("An improved Ziggurat method to generate
/// normal random samples", 2005), and Marsaglia's exponential rejection for the tail beyond R.
/// </summary>
internal static class ZigguratNormal
{
    private const int Layers = 128;
    private const double R = 3.442619855899;
    private const double V = 9.91256303526217e-3;
    private static readonly double[] X = BuildX();
    private static readonly double[] Ratio = BuildRatio();

    private static double[] BuildX()
    {
        var x = new double[Layers + 1];
        double f = Math.Exp(-0.5 * R * R);
        x[0] = V / f;
        x[1] = R;
        x[Layers] = 0;
        for (int i = 2; i < Layers; i++)
        {
            x[i] = Math.Sqrt(-2 * Math.Log((V / x[i - 1]) + f));
            f = Math.Exp(-0.5 * x[i] * x[i]);
        }

        return x;
    }

    private static double[] BuildRatio()
    {
        var r = new double[Layers];
        for (int i = 0; i < Layers; i++)
        {
            r[i] = X[i + 1] / X[i];
        }

        return r;
    }

    /// <summary>One standard normal variate drawn with <paramref name="rng"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Next(Xoshiro256StarStar rng)
    {
        while (true)
        {
            ulong bits = rng.NextUInt64();
            int i = (int)(bits & 0x7F);
            double u = (2.0 * ((bits >> 11) * (1.0 / (1UL << 53)))) - 1.0;
            if (Math.Abs(u) < Ratio[i])
            {
                return u * X[i];
            }

            double? slow = Slow(rng, i, u);
            if (slow.HasValue)
            {
                return slow.Value;
            }
        }
    }

    private static double? Slow(Xoshiro256StarStar rng, int i, double u)
    {
        if (i == 0)
        {
            // The base layer's overhang is the tail beyond R: Marsaglia's (1964) method.
            double x, y;
            do
            {
                x = Math.Log(rng.NextOpenDouble()) / R;
                y = Math.Log(rng.NextOpenDouble());
            }
            while (-2 * y < x * x);

            return u < 0 ? x - R : R - x;
        }

        double z = u * X[i];
        double f0 = Math.Exp(-0.5 * ((X[i] * X[i]) - (z * z)));
        double f1 = Math.Exp(-0.5 * ((X[i + 1] * X[i + 1]) - (z * z)));
        return f1 + (rng.NextDouble() * (f0 - f1)) < 1.0 ? z : null;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal variates.</summary>
    public static void Fill(Xoshiro256StarStar rng, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Next(rng);
        }
    }
}
