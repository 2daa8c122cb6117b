using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

/// <summary>Normal(μ, σ); samples are kept within the observed [min, max].</summary>
internal sealed class NormalMarginal(double min, double max, double mean, double sd) : Marginal(min, max)
{
    public double Mean { get; } = mean;

    public double Sd { get; } = sd;

    public override MarginalKind Kind => MarginalKind.Normal;

    public override double[] Parameters => [Mean, Sd];

    public override double Cdf(double x) => StandardNormal.Cdf((x - Mean) / Sd);

    public override string Describe() => $"normal(μ={F(Mean)}, σ={F(Sd)})";

    /// <summary>Maximum likelihood: the mean and the standard deviation with divisor n.</summary>
    public static NormalMarginal? Fit(WeightedSample sample)
    {
        var (mean, variance) = sample.MeanVariance();
        return variance > 0 ? new NormalMarginal(sample.First, sample.Last, mean, Math.Sqrt(variance)) : null;
    }
}
