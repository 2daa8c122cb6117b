using MathNet.Numerics.Integration;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;

namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>
/// The privacy loss random variable (PRV) of one step of the Poisson-subsampled Gaussian mechanism (Gopi, Lee &amp;
/// Wutschitz 2021, "Numerical Composition of Differential Privacy", Appendix B): with P = (1 − q)·N(0, σ²) + q·N(1, σ²)
/// and Q = N(0, σ²), Y = log(P(X)/Q(X)) for X ~ P. Writing z = (X − ½)/σ² (the loss of N(1, σ²) against N(0, σ²)),
/// Y = log(1 − q + q·e^z), so Y &gt; log(1 − q), and
/// P(Y ≤ t) = q·Φ(σz − 1/(2σ)) + (1 − q)·Φ(σz + 1/(2σ)) with z = log((e^t − (1 − q))/q).
/// </summary>
internal sealed class SubsampledGaussianPrv
{
    private readonly double _logQ;

    public SubsampledGaussianPrv(double noiseMultiplier, double sampleRate)
    {
        PrivacyParameters.ThrowIfBadPositive(noiseMultiplier, nameof(noiseMultiplier), "The noise multiplier");
        if (!(sampleRate > 0 && sampleRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sampling rate q must lie in (0, 1].");
        }

        Sigma = noiseMultiplier;
        Q = sampleRate;
        _logQ = Math.Log(sampleRate);
        LowerEnd = sampleRate == 1 ? double.NegativeInfinity : LogSpace.Log1P(-sampleRate);
    }

    /// <summary>σ.</summary>
    public double Sigma { get; }

    /// <summary>q.</summary>
    public double Q { get; }

    /// <summary>log(1 − q): Y exceeds it almost surely (−∞ for q = 1).</summary>
    public double LowerEnd { get; }

    /// <summary>
    /// The two tails at t: (P(Y ≤ t), P(Y &gt; t)), one of them computed directly and the other as its complement —
    /// the left tail directly where z ≤ 0, the right tail directly above — so that both small tails keep their
    /// relative accuracy.
    /// </summary>
    public (double Below, double Above, bool BelowIsDirect) Tails(double t)
    {
        if (t <= LowerEnd)
        {
            return (0, 1, true);
        }

        double z = LossOfUnsampled(t);
        double a = Sigma * z, b = 1 / (2 * Sigma);
        if (z <= 0)
        {
            double below = (Q * Phi(a - b)) + ((1 - Q) * Phi(a + b));
            return (below, 1 - below, true);
        }

        double above = (Q * Phi(b - a)) + ((1 - Q) * Phi(-a - b));
        return (1 - above, above, false);
    }

    /// <summary>
    /// E[Y | lower &lt; Y ≤ upper] and P(lower &lt; Y ≤ upper), by composite Gauss–Legendre quadrature over x (where
    /// Y = g(x) is smooth and X has a two-Gaussian density) on panels of width min(σ, σ²)/8 between the x of the
    /// truncation points, cut at 38σ beyond the mixture's means (where the density underflows).
    /// </summary>
    public (double Mean, double Mass) TruncatedMean(double lower, double upper)
    {
        double xLow = lower <= LowerEnd ? double.NegativeInfinity : (Sigma * Sigma * LossOfUnsampled(lower)) + 0.5;
        double xHigh = (Sigma * Sigma * LossOfUnsampled(upper)) + 0.5;
        xLow = Math.Max(xLow, -38 * Sigma);
        xHigh = Math.Min(xHigh, 1 + (38 * Sigma));
        if (!(xHigh > xLow))
        {
            throw new InvalidOperationException("The truncated privacy loss distribution holds no mass.");
        }

        double width = Math.Min(Sigma, Sigma * Sigma) / 8;
        int panels = (int)Math.Ceiling((xHigh - xLow) / width);
        double h = (xHigh - xLow) / panels;
        double mass = 0, moment = 0;
        for (int i = 0; i < panels; i++)
        {
            double a = xLow + (i * h), b = i == panels - 1 ? xHigh : a + h;
            mass += GaussLegendreRule.Integrate(Density, a, b, 16);
            moment += GaussLegendreRule.Integrate(x => Density(x) * LossAt(x), a, b, 16);
        }

        return (moment / mass, mass);
    }

    // z = log((e^t − (1 − q))/q), computed without cancellation on either side of 0 (z = t for q = 1).
    private double LossOfUnsampled(double t) =>
        Q == 1 ? t : t > 0 ? t + LogSpace.Log1P(-(1 - Q) * Math.Exp(-t)) - _logQ : LogSpace.Log1P(LogSpace.ExpM1(t) / Q);

    // Y at x: log(1 − q + q·e^z), z = (x − ½)/σ².
    private double LossAt(double x)
    {
        double z = (x - 0.5) / (Sigma * Sigma);
        return z <= 0 ? LogSpace.Log1P(Q * LogSpace.ExpM1(z)) : z + Math.Log(Q + ((1 - Q) * Math.Exp(-z)));
    }

    // The density of X ~ (1 − q)·N(0, σ²) + q·N(1, σ²).
    private double Density(double x)
    {
        double u0 = x / Sigma, u1 = (x - 1) / Sigma;
        return (((1 - Q) * Math.Exp(-u0 * u0 / 2)) + (Q * Math.Exp(-u1 * u1 / 2))) / (Sigma * Math.Sqrt(2 * Math.PI));
    }

    private static double Phi(double x) => AnalyticGaussian.Phi(x);
}
