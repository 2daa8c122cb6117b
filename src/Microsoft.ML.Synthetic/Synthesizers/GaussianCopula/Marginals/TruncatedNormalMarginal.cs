using MathNet.Numerics.Optimization;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

/// <summary>Normal(μ, σ) restricted to the observed [min, max], fitted by maximum likelihood.</summary>
internal sealed class TruncatedNormalMarginal : Marginal
{
    private readonly double _cdfMin;
    private readonly double _mass;

    public TruncatedNormalMarginal(double min, double max, double mu, double sigma)
        : base(min, max)
    {
        Mu = mu;
        Sigma = sigma;
        _cdfMin = StandardNormal.Cdf((min - mu) / sigma);
        _mass = StandardNormal.Cdf((max - mu) / sigma) - _cdfMin;
    }

    public double Mu { get; }

    public double Sigma { get; }

    public override MarginalKind Kind => MarginalKind.TruncatedNormal;

    public override double[] Parameters => [Mu, Sigma];

    public override double Cdf(double x) =>
        x <= Min ? 0 : x >= Max ? 1 : _mass > 0 ? (StandardNormal.Cdf((x - Mu) / Sigma) - _cdfMin) / _mass : (x - Min) / (Max - Min);

    public override string Describe() => $"truncated normal(μ={F(Mu)}, σ={F(Sigma)}) on [{F(Min)}, {F(Max)}]";

    /// <summary>
    /// Maximum likelihood for (μ, log σ) by Nelder–Mead from the sample moments. The log-likelihood needs only n, Σx and
    /// Σx²: −n·log σ − Σ(x−μ)²/(2σ²) − n·log(Φ((b−μ)/σ) − Φ((a−μ)/σ)).
    /// </summary>
    public static TruncatedNormalMarginal? Fit(WeightedSample sample)
    {
        double a = sample.First, b = sample.Last;
        if (!(b > a))
        {
            return null;
        }

        var (mean, variance) = sample.MeanVariance();
        double n = sample.Count, sum = mean * n, sumSq = (variance + (mean * mean)) * n;
        double scale = Math.Sqrt(variance);

        // Work in standardized units so the simplex tolerances are scale-free.
        double NegLogLik(double mu, double logSigma)
        {
            double sigma = Math.Exp(logSigma);
            double mass = StandardNormal.Cdf((b - mu) / sigma) - StandardNormal.Cdf((a - mu) / sigma);
            if (!(mass > 1e-300))
            {
                return double.MaxValue;
            }

            double ss = sumSq - (2 * mu * sum) + (n * mu * mu);
            return (n * logSigma) + (ss / (2 * sigma * sigma)) + (n * Math.Log(mass));
        }

        var objective = ObjectiveFunction.Value(v => NegLogLik(mean + (v[0] * scale), Math.Log(scale) + v[1]));
        try
        {
            var result = NelderMeadSimplex.Minimum(objective, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([0.0, 0.0]), 1e-10, 2000);
            var v = result.MinimizingPoint;
            double mu = mean + (v[0] * scale), sigma = scale * Math.Exp(v[1]);
            return double.IsFinite(mu) && double.IsFinite(sigma) && sigma > 0 ? new TruncatedNormalMarginal(a, b, mu, sigma) : null;
        }
        catch (MaximumIterationsException)
        {
            return null;
        }
    }
}
