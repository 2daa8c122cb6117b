using Microsoft.ML.Synthetic.Privacy.Accounting;

namespace Microsoft.ML.Synthetic.Privacy.DpSgd;

/// <summary>The smallest noise multiplier that keeps DP-SGD within a target ε (RDP accounting, bisection).</summary>
internal static class NoiseMultiplierSearch
{
    /// <summary>
    /// The smallest σ (to within <paramref name="tolerance"/>, rounded up) such that <paramref name="steps"/>
    /// subsampled Gaussian steps at rate <paramref name="sampleRate"/> are (ε ≤ <paramref name="targetEpsilon"/>, δ)-DP.
    /// </summary>
    public static double ForTargetEpsilon(double targetEpsilon, double delta, double sampleRate, long steps, double tolerance = 1e-4, IReadOnlyList<double>? orders = null)
    {
        PrivacyParameters.ThrowIfBadEpsilon(targetEpsilon, nameof(targetEpsilon));
        PrivacyParameters.ThrowIfBadDelta(delta, nameof(delta));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        if (!(sampleRate > 0 && sampleRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sampling rate must lie in (0, 1].");
        }

        double Eps(double sigma) => RdpAccountant.Epsilon(sigma, sampleRate, steps, delta, orders);
        double low = 0, high = 1;
        while (Eps(high) > targetEpsilon)
        {
            low = high;
            high *= 2;
            if (high > 1e4)
            {
                throw new ArgumentOutOfRangeException(nameof(targetEpsilon), targetEpsilon, $"No noise multiplier up to 1e4 reaches ε = {targetEpsilon} at δ = {delta} in {steps} steps with q = {sampleRate}: the budget is too low.");
            }
        }

        while (high - low > tolerance)
        {
            double mid = (low + high) / 2;
            if (Eps(mid) <= targetEpsilon)
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
