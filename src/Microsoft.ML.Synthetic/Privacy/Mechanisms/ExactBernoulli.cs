using System.Numerics;

namespace Microsoft.ML.Synthetic.Privacy.Mechanisms;

/// <summary>
/// Exact Bernoulli trials on rational parameters, with no floating point (Canonne, Kamath &amp; Steinke 2020,
/// "The Discrete Gaussian for Differential Privacy", Algorithm 1).
/// </summary>
internal static class ExactBernoulli
{
    /// <summary>True with probability exactly <paramref name="numerator"/>/<paramref name="denominator"/>.</summary>
    public static bool Sample(NoiseSource source, BigInteger numerator, BigInteger denominator)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (numerator.Sign < 0 || denominator.Sign <= 0 || numerator > denominator)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), "A probability num/den needs 0 ≤ num ≤ den and den > 0.");
        }

        return source.NextBelow(denominator) < numerator;
    }

    /// <summary>True with probability exactly exp(−<paramref name="numerator"/>/<paramref name="denominator"/>).</summary>
    public static bool SampleExpMinus(NoiseSource source, BigInteger numerator, BigInteger denominator)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (numerator.Sign < 0 || denominator.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), "exp(−γ) needs γ = num/den ≥ 0.");
        }

        // γ > 1: exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ − ⌊γ⌋)), each factor an independent trial.
        var whole = BigInteger.DivRem(numerator, denominator, out var remainder);
        for (BigInteger k = 0; k < whole; k++)
        {
            if (!SampleExpMinusAtMostOne(source, BigInteger.One, BigInteger.One))
            {
                return false;
            }
        }

        return SampleExpMinusAtMostOne(source, remainder, denominator);
    }

    // γ ∈ [0, 1]: draw A_k ~ Bernoulli(γ/k) for k = 1, 2, … until the first failure at K; P[K odd] = exp(−γ).
    private static bool SampleExpMinusAtMostOne(NoiseSource source, BigInteger numerator, BigInteger denominator)
    {
        BigInteger k = 1;
        while (source.NextBelow(denominator * k) < numerator)
        {
            k++;
        }

        return !k.IsEven;
    }
}
