using MathNet.Numerics;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

/// <summary>Beta(α, β) on the observed [min, max], fitted by the method of moments.</summary>
internal sealed class BetaMarginal(double min, double max, double alpha, double beta) : Marginal(min, max)
{
    public double Alpha { get; } = alpha;

    public double Beta { get; } = beta;

    public override MarginalKind Kind => MarginalKind.Beta;

    public override double[] Parameters => [Alpha, Beta];

    public override double Cdf(double x) =>
        x <= Min ? 0 : x >= Max ? 1 : SpecialFunctions.BetaRegularized(Alpha, Beta, (x - Min) / (Max - Min));

    public override string Describe() => $"beta(α={F(Alpha)}, β={F(Beta)}) on [{F(Min)}, {F(Max)}]";

    /// <summary>
    /// Moments of y = (x − min)/(max − min): with mean m and variance v, α = m·c and β = (1 − m)·c where
    /// c = m(1 − m)/v − 1; no fit when v ≥ m(1 − m), or when α or β exceeds <see cref="Marginal.MaxShape"/> (values so
    /// concentrated are better left to another family).
    /// </summary>
    public static BetaMarginal? Fit(WeightedSample sample)
    {
        double a = sample.First, b = sample.Last;
        if (!(b > a))
        {
            return null;
        }

        var (mean, variance) = sample.MeanVariance();
        double m = (mean - a) / (b - a), v = variance / ((b - a) * (b - a));
        double c = (m * (1 - m) / v) - 1;
        double alpha = m * c, beta = (1 - m) * c;
        return c > 0 && m > 0 && m < 1 && alpha <= MaxShape && beta <= MaxShape ? new BetaMarginal(a, b, alpha, beta) : null;
    }
}
