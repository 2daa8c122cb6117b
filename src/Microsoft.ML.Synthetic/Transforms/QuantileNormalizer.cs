using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// The quantile transform to a standard normal that TabDDPM applies to continuous columns (as scikit-learn's
/// QuantileTransformer with a normal output): z = Φ⁻¹(F(x)) with F the interpolated empirical distribution of at most
/// 1000 quantile knots, and back x = F⁻¹(Φ(z)). A value shared by many rows (a point mass such as Adult's
/// capital-gain = 0) is given a u drawn uniformly over its flat run of F, so the normal scores are continuous and
/// decode back to exactly that value.
/// </summary>
internal sealed class QuantileNormalizer
{
    /// <summary>The most knots, as scikit-learn's default n_quantiles.</summary>
    public const int MaxKnots = 1000;

    private const double Clip = 1e-7;

    public QuantileNormalizer(double[] knots)
    {
        Marginal = new EmpiricalMarginal(knots);
        Knots = knots;
    }

    public EmpiricalMarginal Marginal { get; }

    public double[] Knots { get; }

    /// <summary>Fits the knots to the finite values of <paramref name="values"/> (a single 0 knot when there is none).</summary>
    public static QuantileNormalizer Fit(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return new QuantileNormalizer(sorted.Length == 0 ? [0.0] : EmpiricalMarginal.Fit(sorted, MaxKnots).Parameters);
    }

    /// <summary>The normal score of <paramref name="x"/>; ties spread over their flat run with <paramref name="random"/>.</summary>
    public double Forward(double x, Random random)
    {
        if (Knots.Length == 1)
        {
            return 0;
        }

        double upper = Marginal.Cdf(x);
        int first = Array.BinarySearch(Knots, x);
        if (first >= 0)
        {
            while (first > 0 && Knots[first - 1] == x)
            {
                first--;
            }

            double lower = (double)first / (Knots.Length - 1);
            upper = lower + (random.NextDouble() * (upper - lower));
        }

        return StandardNormal.InverseCdf(Math.Clamp(upper, Clip, 1 - Clip));
    }

    /// <summary>The value whose normal score is <paramref name="z"/>.</summary>
    public double Inverse(double z) => Marginal.Quantile(StandardNormal.Cdf(z));
}
