namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>Composition theorems for (ε, δ)-DP.</summary>
internal static class Composition
{
    /// <summary>
    /// Basic (sequential) composition: running mechanisms that are (ε_i, δ_i)-DP on the same data is
    /// (Σε_i, Σδ_i)-DP (Dwork, Kenthapadi, McSherry, Mironov &amp; Naor 2006; Dwork &amp; Roth 2014, Theorem 3.16).
    /// </summary>
    public static (double Epsilon, double Delta) Basic(IEnumerable<(double Epsilon, double Delta)> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        double eps = 0, delta = 0;
        foreach (var (e, d) in steps)
        {
            if (!(e >= 0) || !(d >= 0 && d <= 1))
            {
                throw new ArgumentException($"A step has ε = {e}, δ = {d}; expected ε ≥ 0 and δ in [0, 1].", nameof(steps));
            }

            eps += e;
            delta += d;
        }

        return (eps, Math.Min(1, delta));
    }

    /// <summary>
    /// Advanced composition (Dwork, Rothblum &amp; Vadhan 2010; Dwork &amp; Roth 2014, Theorem 3.20): k mechanisms each
    /// (ε, δ)-DP compose to (ε·√(2k·ln(1/δ')) + k·ε·(e^ε − 1), k·δ + δ')-DP for any δ' &gt; 0.
    /// </summary>
    public static (double Epsilon, double Delta) Advanced(double epsilon, double delta, int k, double deltaPrime)
    {
        PrivacyParameters.ThrowIfBadEpsilon(epsilon, nameof(epsilon));
        if (!(delta >= 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "δ must lie in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        PrivacyParameters.ThrowIfBadDelta(deltaPrime, nameof(deltaPrime));
        double eps = (epsilon * Math.Sqrt(2 * k * Math.Log(1 / deltaPrime))) + (k * epsilon * LogSpace.ExpM1(epsilon));
        return (eps, Math.Min(1, (k * delta) + deltaPrime));
    }
}
