using MathNet.Numerics;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

/// <summary>Gamma(k, θ) shifted by a location (Pearson type III), fitted by the method of moments.</summary>
internal sealed class GammaMarginal(double min, double max, double shape, double scale, double location) : Marginal(min, max)
{
    public double Shape { get; } = shape;

    public double Scale { get; } = scale;

    public double Location { get; } = location;

    public override MarginalKind Kind => MarginalKind.Gamma;

    public override double[] Parameters => [Shape, Scale, Location];

    public override double Cdf(double x) =>
        x <= Location ? 0 : SpecialFunctions.GammaLowerRegularized(Shape, (x - Location) / Scale);

    public override string Describe() => $"gamma(k={F(Shape)}, θ={F(Scale)}, shift={F(Location)})";

    /// <summary>
    /// From the mean μ, standard deviation σ and skewness γ &gt; 0: k = 4/γ², θ = σγ/2, location = μ − kθ.
    /// No fit for data without right skew.
    /// </summary>
    public static GammaMarginal? Fit(WeightedSample sample)
    {
        if (!(sample.Last > sample.First))
        {
            return null;
        }

        var (mean, variance) = sample.MeanVariance();
        double sd = Math.Sqrt(variance);
        double skew = sample.CentralSumOfCubes(mean) / sample.Count / (sd * sd * sd);
        if (!(skew > 1e-3))
        {
            return null;
        }

        double k = 4 / (skew * skew), theta = sd * skew / 2;
        return new GammaMarginal(sample.First, sample.Last, k, theta, mean - (k * theta));
    }
}
