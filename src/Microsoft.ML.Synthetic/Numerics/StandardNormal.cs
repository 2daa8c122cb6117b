namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>The standard normal distribution: density, distribution function and its inverse.</summary>
internal static class StandardNormal
{
    private const double InvSqrt2Pi = 0.39894228040143267794;
    private const double InvSqrt2 = 0.70710678118654752440;

    /// <summary>The density φ(x).</summary>
    public static double Pdf(double x) => double.IsInfinity(x) ? 0 : InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>
    /// The distribution function Φ(x) = erfc(−x/√2)/2, accurate in relative terms far into the lower tail
    /// (erfc from MathNet.Numerics, a rational approximation with double precision).
    /// </summary>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x == double.NegativeInfinity ? 0
            : x == double.PositiveInfinity ? 1
            : 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-x * InvSqrt2);
    }

    /// <summary>
    /// The quantile function Φ⁻¹(p): Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988),
    /// relative accuracy about 1e-16. Φ⁻¹(0) = −∞, Φ⁻¹(1) = +∞.
    /// </summary>
    public static double InverseCdf(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            return double.NaN;
        }

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - (q * q);
            return q * (((((((((2.5090809287301226727e3 * r) + 3.3430575583588128105e4) * r) + 6.7265770927008700853e4) * r
                        + 4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                        + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
                   / (((((((((5.2264952788528545610e3 * r) + 2.8729085735721942674e4) * r) + 3.9307895800092710610e4) * r
                        + 2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                        + 4.2313330701600911252e1) * r + 1.0);
        }

        double rr = q < 0 ? p : 1 - p;
        rr = Math.Sqrt(-Math.Log(rr));
        double value;
        if (rr <= 5)
        {
            rr -= 1.6;
            value = (((((((((7.74545014278341407640e-4 * rr) + 2.27238449892691845833e-2) * rr) + 2.41780725177450611770e-1) * rr
                      + 1.27045825245236838258e0) * rr + 3.64784832476320460504e0) * rr + 5.76949722146069140550e0) * rr
                      + 4.63033784615654529590e0) * rr + 1.42343711074968357734e0)
                  / (((((((((1.05075007164441684324e-9 * rr) + 5.47593808499534494600e-4) * rr) + 1.51986665636164571966e-2) * rr
                      + 1.48103976427480074590e-1) * rr + 6.89767334985100004550e-1) * rr + 1.67638483018380384940e0) * rr
                      + 2.05319162663775882187e0) * rr + 1.0);
        }
        else
        {
            rr -= 5;
            value = (((((((((2.01033439929228813265e-7 * rr) + 2.71155556874348757815e-5) * rr) + 1.24266094738807843860e-3) * rr
                      + 2.65321895265761230930e-2) * rr + 2.96560571828504891230e-1) * rr + 1.78482653991729133580e0) * rr
                      + 5.46378491116411436990e0) * rr + 6.65790464350110377720e0)
                  / (((((((((2.04426310338993978564e-15 * rr) + 1.42151175831644588870e-7) * rr) + 1.84631831751005468180e-5) * rr
                      + 7.86869131145613259100e-4) * rr + 1.48753612908506148525e-2) * rr + 1.36929880922735805310e-1) * rr
                      + 5.99832206555887937690e-1) * rr + 1.0);
        }

        return q < 0 ? -value : value;
    }

    /// <summary>
    /// E[Z | Φ⁻¹(lo) &lt; Z &lt; Φ⁻¹(hi)] for a standard normal Z: the mean of the normal scores of the probability
    /// interval (lo, hi). For an interval narrower than 1e-10 it is Φ⁻¹ of the midpoint.
    /// </summary>
    public static double IntervalMean(double lo, double hi)
    {
        double width = hi - lo;
        if (width < 1e-10)
        {
            return InverseCdf(Math.Clamp(0.5 * (lo + hi), 1e-300, 1 - 1e-16));
        }

        return (Pdf(InverseCdf(lo)) - Pdf(InverseCdf(hi))) / width;
    }
}
