using MathNet.Numerics;

namespace Microsoft.ML.Synthetic.Privacy.Mechanisms;

/// <summary>
/// The analytic Gaussian mechanism (Balle &amp; Wang 2018, "Improving the Gaussian Mechanism for Differential
/// Privacy", Algorithm 1): the smallest σ for which adding N(0, σ²) to a query of L2 sensitivity Δ is
/// (ε, δ)-DP, from the exact condition of their Theorem 8 rather than the classical
/// σ = Δ·√(2 ln(1.25/δ))/ε bound (which only holds for ε &lt; 1 and is loose).
/// </summary>
internal static class AnalyticGaussian
{
    /// <summary>The calibrated σ for (ε, δ) and L2 sensitivity Δ.</summary>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="delta">δ in (0, 1).</param>
    /// <param name="sensitivity">The L2 sensitivity Δ &gt; 0.</param>
    public static double Sigma(double epsilon, double delta, double sensitivity = 1)
    {
        PrivacyParameters.ThrowIfBadEpsilon(epsilon, nameof(epsilon));
        PrivacyParameters.ThrowIfBadDelta(delta, nameof(delta));
        PrivacyParameters.ThrowIfBadPositive(sensitivity, nameof(sensitivity), "The sensitivity");

        double delta0 = Phi(0) - (Math.Exp(epsilon) * Phi(-Math.Sqrt(2 * epsilon)));
        double alpha;
        if (delta >= delta0)
        {
            // B+(v) = Φ(√(εv)) − e^ε Φ(−√(ε(v+2))) increases from δ0: v* = sup{v ≥ 0 : B+(v) ≤ δ}.
            double v = Search(v => BPlus(epsilon, v) <= delta);
            alpha = Math.Sqrt(1 + (v / 2)) - Math.Sqrt(v / 2);
        }
        else
        {
            // B−(u) = Φ(−√(εu)) − e^ε Φ(−√(ε(u+2))) decreases from δ0: u* = inf{u ≥ 0 : B−(u) ≤ δ}.
            double u = Search(u => BMinus(epsilon, u) > delta);
            alpha = Math.Sqrt(1 + (u / 2)) + Math.Sqrt(u / 2);
        }

        return alpha * sensitivity / Math.Sqrt(2 * epsilon);
    }

    /// <summary>
    /// The exact δ of the Gaussian mechanism with noise σ at ε (Balle &amp; Wang 2018, Theorem 8):
    /// Φ(Δ/(2σ) − εσ/Δ) − e^ε·Φ(−Δ/(2σ) − εσ/Δ).
    /// </summary>
    public static double Delta(double sigma, double epsilon, double sensitivity = 1)
    {
        double a = sensitivity / (2 * sigma), b = epsilon * sigma / sensitivity;
        return Phi(a - b) - (Math.Exp(epsilon) * Phi(-a - b));
    }

    /// <summary>The classical calibration σ = Δ·√(2 ln(1.25/δ))/ε (Dwork &amp; Roth 2014, Theorem A.1), for comparison.</summary>
    public static double ClassicalSigma(double epsilon, double delta, double sensitivity = 1) =>
        sensitivity * Math.Sqrt(2 * Math.Log(1.25 / delta)) / epsilon;

    private static double BPlus(double epsilon, double v) =>
        Phi(Math.Sqrt(epsilon * v)) - (Math.Exp(epsilon) * Phi(-Math.Sqrt(epsilon * (v + 2))));

    private static double BMinus(double epsilon, double u) =>
        Phi(-Math.Sqrt(epsilon * u)) - (Math.Exp(epsilon) * Phi(-Math.Sqrt(epsilon * (u + 2))));

    /// <summary>The boundary of a predicate that holds on [0, x*) and fails beyond: doubling, then bisection to machine precision.</summary>
    private static double Search(Func<double, bool> holds)
    {
        double low = 0, high = 1;
        while (holds(high))
        {
            low = high;
            high *= 2;
        }

        for (int i = 0; i < 200 && high - low > 1e-15 * high; i++)
        {
            double mid = (low + high) / 2;
            if (holds(mid))
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }

    internal static double Phi(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));
}
