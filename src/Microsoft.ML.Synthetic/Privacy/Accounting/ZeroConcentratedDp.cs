namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>
/// Zero-concentrated DP (Bun &amp; Steinke 2016): ρ-zCDP composes by adding ρ, ε-DP implies (ε²/2)-zCDP, and ρ-zCDP
/// converts to (ε, δ)-DP with the exact optimization over Rényi orders of Canonne, Kamath &amp; Steinke 2020
/// (Proposition 12 / Corollary 13): δ = min_{α&gt;1} exp((α − 1)(αρ − ε) + α·log(1 − 1/α))/(α − 1).
/// </summary>
internal static class ZeroConcentratedDp
{
    private const int Iterations = 1000;

    /// <summary>The smallest δ such that ρ-zCDP implies (ε, δ)-DP.</summary>
    public static double Delta(double rho, double epsilon)
    {
        if (!(rho >= 0) || !(epsilon >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), "ρ and ε must be non-negative.");
        }

        if (rho == 0)
        {
            return 0;
        }

        // The objective is convex in α; bisect on the sign of its derivative (2α − 1)ρ − ε + log(1 − 1/α).
        // α ≥ 1.01 keeps it numerically stable; the optimum is at least (1 + ε/ρ)/2 in useful regimes.
        double low = 1.01, high = ((epsilon + 1) / (2 * rho)) + 2, alpha = low;
        for (int i = 0; i < Iterations; i++)
        {
            alpha = (low + high) / 2;
            double derivative = (((2 * alpha) - 1) * rho) - epsilon + LogSpace.Log1P(-1.0 / alpha);
            if (derivative < 0)
            {
                low = alpha;
            }
            else
            {
                high = alpha;
            }
        }

        double delta = Math.Exp(((alpha - 1) * ((alpha * rho) - epsilon)) + (alpha * LogSpace.Log1P(-1 / alpha))) / (alpha - 1.0);
        return Math.Min(delta, 1.0);
    }

    /// <summary>The largest ρ whose ρ-zCDP implies (ε, δ)-DP (bisection on <see cref="Delta"/>).</summary>
    public static double Rho(double epsilon, double delta)
    {
        PrivacyParameters.ThrowIfBadEpsilon(epsilon, nameof(epsilon));
        PrivacyParameters.ThrowIfBadDelta(delta, nameof(delta));
        double low = 0, high = epsilon + 1;   // Delta(low) ≤ δ < Delta(high)
        for (int i = 0; i < Iterations; i++)
        {
            double rho = (low + high) / 2;
            if (Delta(rho, epsilon) <= delta)
            {
                low = rho;
            }
            else
            {
                high = rho;
            }
        }

        return low;
    }

    /// <summary>The smallest ε such that ρ-zCDP implies (ε, δ)-DP (bisection on <see cref="Delta"/>).</summary>
    public static double Epsilon(double rho, double delta)
    {
        if (!(rho >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "ρ must be non-negative.");
        }

        PrivacyParameters.ThrowIfBadDelta(delta, nameof(delta));
        if (rho == 0)
        {
            return 0;
        }

        double low = 0, high = rho + (2 * Math.Sqrt(rho * Math.Log(1 / delta)));   // Delta(high) ≤ δ (Bun & Steinke 2016, Prop. 1.3)
        for (int i = 0; i < Iterations; i++)
        {
            double eps = (low + high) / 2;
            if (Delta(rho, eps) <= delta)
            {
                high = eps;
            }
            else
            {
                low = eps;
            }
        }

        return high;
    }

    /// <summary>ρ implied by pure ε-DP: ε²/2 (Bun &amp; Steinke 2016, Proposition 1.4).</summary>
    public static double RhoOfPureDp(double epsilon) => epsilon * epsilon / 2;
}
