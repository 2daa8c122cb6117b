using Microsoft.ML.Synthetic.Privacy.Mechanisms;

namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// The Gaussian measurement of marginal counts used by MST and AIM, with the discrete Gaussian on the integer counts
/// (Canonne, Kamath &amp; Steinke 2020): scale σ and sensitivity 1 give ρ = 1/(2σ²)-zCDP, as the continuous one.
/// </summary>
internal static class MarginalNoise
{
    /// <summary><paramref name="counts"/> plus independent discrete Gaussian noise of scale <paramref name="sigma"/>.</summary>
    public static double[] Add(double[] counts, double sigma, NoiseSource source)
    {
        var ratio = ExactRational.FromDouble(sigma * sigma);
        return [.. counts.Select(x => x + (double)DiscreteGaussian.Sample(source, ratio))];
    }
}
