using MathNet.Numerics;

namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>Sums and differences of numbers held as logarithms, log1p/expm1, and log erfc without underflow.</summary>
internal static class LogSpace
{
    /// <summary>log(e^a + e^b).</summary>
    public static double Add(double a, double b)
    {
        double lo = Math.Min(a, b), hi = Math.Max(a, b);
        return double.IsNegativeInfinity(lo) ? hi : Log1P(Math.Exp(lo - hi)) + hi;
    }

    /// <summary>log(e^a − e^b) for a ≥ b.</summary>
    public static double Subtract(double a, double b)
    {
        if (a < b)
        {
            throw new ArgumentException("The result of a log-space subtraction must be non-negative.", nameof(b));
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        if (a == b)
        {
            return double.NegativeInfinity;
        }

        double d = a - b;
        return d > 700 ? a : Math.Log(ExpM1(d)) + b;
    }

    /// <summary>log(1 + x), accurate for small x (Kahan's correction).</summary>
    public static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^x − 1, accurate for small x (Kahan's correction).</summary>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    /// <summary>log erfc(x), accurate where erfc(x) underflows (asymptotic series for large x).</summary>
    public static double LogErfc(double x)
    {
        if (x < 25)
        {
            return Math.Log(SpecialFunctions.Erfc(x));
        }

        double x2 = x * x;
        return (-Math.Log(Math.PI) / 2) - Math.Log(x) - x2
            + Log1P((-0.5 / x2) + (0.75 / (x2 * x2)) - (1.875 / (x2 * x2 * x2)) + (6.5625 / (x2 * x2 * x2 * x2)));
    }
}
