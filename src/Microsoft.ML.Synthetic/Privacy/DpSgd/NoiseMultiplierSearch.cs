using Microsoft.ML.Synthetic.Privacy.Accounting;

namespace Microsoft.ML.Synthetic.Privacy.DpSgd;

/// <summary>The smallest noise multiplier that keeps DP-SGD within a target ε (RDP or PRV accounting, bisection).</summary>
public static class NoiseMultiplierSearch
{
    /// <summary>
    /// The smallest σ (to within <paramref name="tolerance"/>, rounded up) such that <paramref name="steps"/>
    /// subsampled Gaussian steps at rate <paramref name="sampleRate"/> are (ε ≤ <paramref name="targetEpsilon"/>, δ)-DP
    /// under <paramref name="accountant"/> (RDP by default; PRV: its ε upper bound). The RDP σ brackets the PRV search
    /// from above (PRV's ε is the tighter one), so a PRV search costs about log₂(σ/tolerance) PRV evaluations.
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
        return accountant == PrivacyAccountant.Rdp ? rdpSigma : Search(PrvEpsilon, rdpSigma / 2, rdpSigma);

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

        // Doubling from `high` until ε fits, then bisection on [low, high], ε(low) > target (low = 0 when a given low fits).
        double Search(Func<double, double> epsilon, double low, double high)
        {
            bool doubled = false;
            while (epsilon(high) > targetEpsilon)
            {
                doubled = true;
                low = high;
                high *= 2;
                if (high > 1e4)
                {
                    throw new ArgumentOutOfRangeException(nameof(targetEpsilon), targetEpsilon, $"No noise multiplier up to 1e4 reaches ε = {targetEpsilon} at δ = {delta} in {steps} steps with q = {sampleRate}: the budget is too low.");
                }
            }

            if (!doubled && low > 0 && epsilon(low) <= targetEpsilon)
            {
                (low, high) = (0, low);
            }

            while (high - low > tolerance)
            {
                double mid = (low + high) / 2;
                if (epsilon(mid) <= targetEpsilon)
                {
                    high = mid;
                }
                else
                {
                    low = mid;
                }
            }

            return high;
        }
    }
}
