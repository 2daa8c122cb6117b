namespace Microsoft.ML.Synthetic.Tests.Privacy;

/// <summary>
/// A test-side implementation of the zCDP → (ε, δ)-DP conversion of Canonne, Kamath &amp; Steinke 2020 (Corollary 13):
/// δ(ρ, ε) = inf_{α&gt;1} exp((α − 1)(αρ − ε) + α·log(1 − 1/α)) / (α − 1). It minimises the logarithm of the objective by
/// golden-section search over log(α − 1) (the library bisects on the derivative in α), so the tests compare the
/// library's accountant with an independent computation rather than with itself.
/// </summary>
internal static class ZcdpReference
{
    /// <summary>The smallest δ such that ρ-zCDP implies (ε, δ)-DP.</summary>
    public static double Delta(double rho, double epsilon)
    {
        double LogObjective(double t)
        {
            double alpha = 1 + Math.Exp(t);
            return ((alpha - 1) * ((alpha * rho) - epsilon)) + (alpha * Math.Log(1 - (1 / alpha))) - Math.Log(alpha - 1);
        }

        double low = Math.Log(1e-6), high = Math.Log(1e7), golden = (Math.Sqrt(5) - 1) / 2;
        for (int i = 0; i < 300; i++)
        {
            double c = high - (golden * (high - low)), d = low + (golden * (high - low));
            if (LogObjective(c) < LogObjective(d)) high = d;
            else low = c;
        }

        return Math.Min(1, Math.Exp(LogObjective((low + high) / 2)));
    }

    /// <summary>The largest ρ with <see cref="Delta"/>(ρ, ε) ≤ δ (bisection).</summary>
    public static double Rho(double epsilon, double delta) => Bisect(0, 10 * (epsilon + 1), rho => Delta(rho, epsilon) <= delta, keepLow: true);

    /// <summary>The smallest ε with <see cref="Delta"/>(ρ, ε) ≤ δ (bisection).</summary>
    public static double Epsilon(double rho, double delta) => Bisect(0, 100 * (rho + 1), eps => Delta(rho, eps) <= delta, keepLow: false);

    private static double Bisect(double low, double high, Func<double, bool> holds, bool keepLow)
    {
        for (int i = 0; i < 200; i++)
        {
            double mid = (low + high) / 2;
            if (holds(mid) == keepLow) low = mid;
            else high = mid;
        }

        return keepLow ? low : high;
    }
}
