namespace Microsoft.ML.Synthetic.Privacy.Mechanisms;

/// <summary>
/// The exponential mechanism (McSherry &amp; Talwar 2007): choose candidate i with probability proportional to
/// exp(ε·u_i/(2Δu)), which is ε-DP when every utility u_i changes by at most Δu between neighbouring data sets.
/// </summary>
/// <remarks>
/// Probabilities are computed after subtracting the largest exponent (no overflow) and sampled by inversion
/// with a uniform on the grid k·2⁻⁵³, so each realised probability is within a relative 2⁻⁵² of the exact one.
/// </remarks>
internal static class ExponentialMechanism
{
    /// <summary>The selection probabilities of each candidate.</summary>
    public static double[] Probabilities(IReadOnlyList<double> utilities, double epsilon, double sensitivity)
    {
        ArgumentNullException.ThrowIfNull(utilities);
        PrivacyParameters.ThrowIfBadEpsilon(epsilon, nameof(epsilon));
        PrivacyParameters.ThrowIfBadPositive(sensitivity, nameof(sensitivity), "The utility sensitivity");
        if (utilities.Count == 0)
        {
            throw new ArgumentException("The exponential mechanism needs at least one candidate.", nameof(utilities));
        }

        for (int i = 0; i < utilities.Count; i++)
        {
            if (!double.IsFinite(utilities[i]))
            {
                throw new ArgumentException($"Utility {i} is {utilities[i]}; utilities must be finite.", nameof(utilities));
            }
        }

        double scale = epsilon / (2 * sensitivity);
        double max = utilities.Max() * scale;
        var weights = utilities.Select(u => Math.Exp((u * scale) - max)).ToArray();
        double total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }

    /// <summary>The index of the chosen candidate.</summary>
    public static int Select(IReadOnlyList<double> utilities, double epsilon, double sensitivity, NoiseSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var p = Probabilities(utilities, epsilon, sensitivity);
        double u = source.NextUnitDouble();
        double cumulative = 0;
        for (int i = 0; i < p.Length; i++)
        {
            cumulative += p[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        // u fell in the rounding gap above the cumulative sum: the last candidate with positive mass.
        return Array.FindLastIndex(p, x => x > 0);
    }
}
