using Microsoft.ML.Synthetic.Synthesizers.Diffusion;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Diffusion;

/// <summary>The schedule's closed forms against the forward process composed step by step and against Bayes' rule.</summary>
[TestClass]
public sealed class NoiseScheduleTests
{
    [TestMethod]
    [DataRow(DiffusionSchedule.Cosine, 100)]
    [DataRow(DiffusionSchedule.Linear, 1000)]
    public void ForwardMarginal_ComposedStepByStep_HasMeanSqrtAlphaBarAndVarianceOneMinusAlphaBar(DiffusionSchedule kind, int steps)
    {
        var schedule = new NoiseSchedule(steps, kind);
        double x0 = 1.7, mean = x0, variance = 0;
        for (int t = 0; t < steps; t++)
        {
            // x_t = √α_t x_{t−1} + √β_t ε
            mean *= Math.Sqrt(schedule.Alphas[t]);
            variance = (schedule.Alphas[t] * variance) + schedule.Betas[t];
            Assert.AreEqual(Math.Sqrt(schedule.AlphaBars[t]) * x0, mean, 1e-9, $"mean at t = {t}");
            Assert.AreEqual(1 - schedule.AlphaBars[t], variance, 1e-9, $"variance at t = {t}");
        }
    }

    [TestMethod]
    public void CosineSchedule_AlphaBarIsTheSquaredCosineRatio_AndLinearEndsAtThePublishedBetas()
    {
        const int T = 50;
        var cosine = new NoiseSchedule(T, DiffusionSchedule.Cosine);
        static double F(double u) => Math.Pow(Math.Cos((u + 0.008) / 1.008 * Math.PI / 2), 2);
        for (int t = 0; t < T - 1; t++)   // the last β is clipped at 0.999
        {
            Assert.AreEqual(F((t + 1.0) / T) / F(0), cosine.AlphaBars[t], 1e-9, $"ᾱ at t = {t}");
        }

        var linear = new NoiseSchedule(1000, DiffusionSchedule.Linear);
        Assert.AreEqual(1e-4, linear.Betas[0], 1e-12);
        Assert.AreEqual(0.02, linear.Betas[^1], 1e-12);
        Assert.AreEqual(1.0, cosine.AlphaBarsPrevious[0]);
    }

    [TestMethod]
    [DataRow(DiffusionSchedule.Cosine)]
    [DataRow(DiffusionSchedule.Linear)]
    public void GaussianPosterior_EqualsTheProductOfPriorAndOneStepLikelihood(DiffusionSchedule kind)
    {
        var schedule = new NoiseSchedule(200, kind);
        double x0 = -0.4, xt = 1.3;
        foreach (int t in new[] { 1, 5, 60, 199 })
        {
            // Prior x_{t−1} | x_0 ~ N(√ᾱ_{t−1} x_0, 1 − ᾱ_{t−1}); likelihood x_t | x_{t−1} ~ N(√α_t x_{t−1}, β_t).
            double priorVariance = 1 - schedule.AlphaBarsPrevious[t];
            double precision = (1 / priorVariance) + (schedule.Alphas[t] / schedule.Betas[t]);
            double mean = ((Math.Sqrt(schedule.AlphaBarsPrevious[t]) * x0 / priorVariance) + (Math.Sqrt(schedule.Alphas[t]) * xt / schedule.Betas[t])) / precision;
            Assert.AreEqual(1 / precision, schedule.PosteriorVariance[t], 1e-9 / precision, $"variance at t = {t}");
            Assert.AreEqual(mean, (schedule.PosteriorCoefficientX0[t] * x0) + (schedule.PosteriorCoefficientXt[t] * xt), 1e-9, $"mean at t = {t}");
        }
    }
}
