using Microsoft.ML.Synthetic.Privacy.Accounting;

namespace Microsoft.ML.Synthetic.Privacy.DpSgd;

/// <summary>The smallest noise multiplier that keeps DP-SGD within a target ε (RDP or PRV accounting, bisection).</summary>
internal static class NoiseMultiplierSearch
{
    /// <summary>
    /// The smallest σ (to within <paramref name="tolerance"/>, rounded up) such that <paramref name="steps"/>
    /// subsampled Gaussian steps at rate <paramref name="sampleRate"/> are (ε ≤ <paramref name="targetEpsilon"/>, δ)-DP
    /// under <paramref name="accountant"/> (RDP by default; PRV: its ε upper bound). The RDP σ brackets the PRV search
    /// from above (PRV's ε is the tighter one), and false position narrows it in a handful of PRV evaluations.
    /// </summary>
    public static double ForTargetEpsilon(double targetEpsilon, double delta, double sampleRate, long steps, double tolerance = 1e-4, IReadOnlyList<double>? orders = null, PrivacyAccountant accountant = PrivacyAccountant.Rdp)
    {
        PrivacyParameters.ThrowIfBadEpsilon(targetEpsilon, nameof(targetEpsilon));
        PrivacyParameters.ThrowIfBadDelta(delta, nameof(delta));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        if (!(sampleRate > 0 && sampleRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sampling rate must lie in (0, 1].");
        }

        double rdpSigma = Search(sigma => RdpAccountant.Epsilon(sigma, sampleRate, steps, delta, orders), 0, 1);
        return accountant == PrivacyAccountant.Rdp ? rdpSigma : Search(PrvEpsilon, 0.8 * rdpSigma, rdpSigma, falsePosition: true);

        double PrvEpsilon(double sigma)
        {
            try
            {
                return PrvAccountant.Epsilon(sigma, sampleRate, steps, delta).Upper;
            }
            catch (ArgumentOutOfRangeException e) when (sigma < rdpSigma && e.ParamName == "epsilonError")
            {
                // The grid would exceed its cap: RDP's ε at δ/4000 is then above a hundred, far beyond any target.
                return double.PositiveInfinity;
            }
        }

        // Doubling from `high` until ε fits, then a bracket [low, high] with ε(low) > target ≥ ε(high) (low = 0 when a
        // given low fits) narrowed to the tolerance: by bisection, or (PRV, whose evaluations cost more) by false
        // position with the Illinois modification (Dowell & Jarratt 1971) on f(σ) = 1/target − 1/ε(σ) — close to
        // linear in σ, since ε falls about as 1/σ, and finite where ε is infinite (f(0) = 1/target) — its points kept
        // tolerance/2 inside the bracket so that it closes from both sides.
        double Search(Func<double, double> epsilon, double low, double high, bool falsePosition = false)
        {
            double F(double sigma) => (1 / targetEpsilon) - (1 / epsilon(sigma));
            double fLow = 1 / targetEpsilon, fHigh;
            bool doubled = false;
            while ((fHigh = F(high)) > 0)
            {
                doubled = true;
                low = high;
                fLow = fHigh;
                high *= 2;
                if (high > 1e4)
                {
                    throw new ArgumentOutOfRangeException(nameof(targetEpsilon), targetEpsilon, $"No noise multiplier up to 1e4 reaches ε = {targetEpsilon} at δ = {delta} in {steps} steps with q = {sampleRate}: the budget is too low.");
                }
            }

            if (!doubled && low > 0 && (fLow = F(low)) <= 0)
            {
                (low, high, fHigh, fLow) = (0, low, fLow, 1 / targetEpsilon);
            }

            int kept = 0;   // +1: the last step kept low; −1: it kept high
            while (high - low > tolerance)
            {
                double x = (low + high) / 2;
                if (falsePosition && double.IsFinite(fHigh) && fLow > fHigh)
                {
                    x = Math.Clamp(((low * fHigh) - (high * fLow)) / (fHigh - fLow), low + (tolerance / 2), high - (tolerance / 2));
                }

                double fx = F(x);
                if (fx <= 0)
                {
                    (high, fHigh) = (x, fx);
                    fLow /= kept == 1 ? 2 : 1;
                    kept = 1;
                }
                else
                {
                    (low, fLow) = (x, fx);
                    fHigh /= kept == -1 ? 2 : 1;
                    kept = -1;
                }
            }

            return high;
        }
    }
}
