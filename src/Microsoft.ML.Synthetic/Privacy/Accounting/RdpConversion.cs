namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>
/// From Rényi DP to (ε, δ)-DP with the improved conversion of Balle, Barthe, Gaboardi, Hsu &amp; Sato 2020
/// ("Hypothesis Testing Interpretations and Rényi Differential Privacy", Theorem 21; the same bound is
/// Canonne, Kamath &amp; Steinke 2020, Proposition 12), which Opacus and TensorFlow Privacy use:
/// ε = min_α [ RDP(α) + log((α − 1)/α) − (log δ + log α)/(α − 1) ].
/// </summary>
internal static class RdpConversion
{
    /// <summary>The best ε over the given orders, and the order that attains it.</summary>
    public static (double Epsilon, double Order) ToEpsilon(IReadOnlyList<double> orders, IReadOnlyList<double> rdp, double delta)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(rdp);
        PrivacyParameters.ThrowIfBadDelta(delta, nameof(delta));
        if (orders.Count != rdp.Count || orders.Count == 0)
        {
            throw new ArgumentException("Give one RDP value per order, and at least one order.", nameof(rdp));
        }

        double best = double.PositiveInfinity, bestOrder = double.NaN;
        for (int i = 0; i < orders.Count; i++)
        {
            double a = orders[i], r = rdp[i];
            if (r < 0 || !(a > 1))
            {
                throw new ArgumentException($"Order {a} has RDP {r}: orders must exceed 1 and RDP values must be non-negative.", nameof(rdp));
            }

            double eps;
            if ((delta * delta) + LogSpace.ExpM1(-r) > 0)
            {
                eps = 0;   // KL bound: δ ≤ √(1 − e^(−RDP)) already holds at ε = 0
            }
            else if (a > 1.01)
            {
                eps = r + LogSpace.Log1P(-1 / a) - (Math.Log(delta * a) / (a - 1));
            }
            else
            {
                eps = double.PositiveInfinity;   // numerically unstable as α → 1
            }

            if (eps < best)
            {
                best = eps;
                bestOrder = a;
            }
        }

        return (Math.Max(0, best), bestOrder);
    }
}
