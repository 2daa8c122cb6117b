namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

/// <summary>Uniform on the observed [min, max] (the maximum-likelihood fit).</summary>
internal sealed class UniformMarginal(double min, double max) : Marginal(min, max)
{
    public override MarginalKind Kind => MarginalKind.Uniform;

    public override double[] Parameters => [];

    public override double Cdf(double x) => x <= Min ? 0 : x >= Max ? 1 : (x - Min) / (Max - Min);

    public override string Describe() => $"uniform[{F(Min)}, {F(Max)}]";

    public static UniformMarginal? Fit(WeightedSample sample) =>
        sample.Last > sample.First ? new UniformMarginal(sample.First, sample.Last) : null;
}
