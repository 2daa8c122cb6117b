using System.Numerics;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;

namespace Microsoft.ML.Synthetic.Tests.Privacy;

/// <summary>The samplers draw from their closed-form distributions (chi-square, p &gt; 0.001 at fixed seeds).</summary>
[TestClass]
public sealed class MechanismDistributionTests
{
    [TestMethod]
    [DataRow(0.5)]
    [DataRow(2.75)]
    public void BernoulliExpMinus_FrequencyMatchesExp(double gamma)
    {
        var source = NoiseSource.CreateUnsafeSeeded(11);
        var g = ExactRational.FromDouble(gamma);
        const int n = 40000;
        int ones = 0;
        for (int i = 0; i < n; i++)
        {
            ones += ExactBernoulli.SampleExpMinus(source, g.Numerator, g.Denominator) ? 1 : 0;
        }

        double p = Math.Exp(-gamma);
        double z = (ones - (n * p)) / Math.Sqrt(n * p * (1 - p));
        Assert.IsTrue(Math.Abs(z) < 3.3, $"z = {z}");   // two-sided p ≈ 0.001
    }

    [TestMethod]
    [DataRow(0.7)]
    [DataRow(3.5)]
    public void DiscreteLaplace_MatchesPmfAndVariance(double scale)
    {
        var source = NoiseSource.CreateUnsafeSeeded(3);
        var samples = Enumerable.Range(0, 30000).Select(_ => DiscreteLaplace.Sample(source, scale)).ToArray();
        // Expected values from the closed forms (Canonne, Kamath & Steinke 2020, Definition 28 / Fact 29), computed
        // here, not by DiscreteLaplace: P(x) = (e^(1/t) − 1)/(e^(1/t) + 1)·e^(−|x|/t), variance as the series Σ x²·P(x).
        double Pmf(long x) => (Math.Exp(1 / scale) - 1) / (Math.Exp(1 / scale) + 1) * Math.Exp(-Math.Abs(x) / scale);
        double p = GoodnessOfFit.ChiSquarePValue(samples, Pmf, -60, 60);
        Assert.IsTrue(p > GoodnessOfFit.PValueThreshold, $"chi-square p = {p}");

        double variance = samples.Select(x => (double)x * x).Average();
        double expected = Enumerable.Range(-2000, 4001).Sum(x => (double)x * x * Pmf(x));
        Assert.AreEqual(expected, DiscreteLaplace.Variance(scale), 1e-9 * expected, "the library's closed-form variance");
        Assert.AreEqual(expected, variance, 0.05 * expected);
        Assert.AreEqual(0, samples.Average(), 4 * Math.Sqrt(expected / samples.Length));
    }

    [TestMethod]
    [DataRow(0.6)]
    [DataRow(4.0)]
    [DataRow(30.25)]
    public void DiscreteGaussian_MatchesPmf(double sigmaSquared)
    {
        var source = NoiseSource.CreateUnsafeSeeded(5);
        var samples = Enumerable.Range(0, 30000).Select(_ => DiscreteGaussian.Sample(source, sigmaSquared)).ToArray();
        int radius = (int)Math.Ceiling(8 * Math.Sqrt(sigmaSquared));
        // P(x) = e^(−x²/2σ²) / Σ_y e^(−y²/2σ²) (CKS 2020, Definition 1), normalised here over ±20σ (the tail beyond
        // is below 1e-80), not by DiscreteGaussian.
        int wide = (int)Math.Ceiling(20 * Math.Sqrt(sigmaSquared)) + 1;
        double normalizer = Enumerable.Range(-wide, (2 * wide) + 1).Sum(y => Math.Exp(-(double)y * y / (2 * sigmaSquared)));
        var pmf = Enumerable.Range(-radius, (2 * radius) + 1).Select(x => Math.Exp(-(double)x * x / (2 * sigmaSquared)) / normalizer).ToArray();
        var libraryPmf = DiscreteGaussian.Pmf(sigmaSquared, radius);
        for (int i = 0; i < pmf.Length; i++)
        {
            Assert.AreEqual(pmf[i], libraryPmf[i], 1e-12 * Math.Max(pmf[i], 1e-300), $"P({i - radius})");
        }

        double p = GoodnessOfFit.ChiSquarePValue(samples, x => Math.Abs(x) <= radius ? pmf[x + radius] : 0, -radius, radius);
        Assert.IsTrue(p > GoodnessOfFit.PValueThreshold, $"chi-square p = {p}");

        // The discrete Gaussian's variance is below σ² and tends to it (CKS 2020, Proposition 19).
        double exactVariance = pmf.Select((m, i) => m * (i - radius) * (double)(i - radius)).Sum();
        Assert.IsTrue(exactVariance <= sigmaSquared + 1e-12);
        double variance = samples.Select(x => (double)x * x).Average();
        Assert.AreEqual(exactVariance, variance, 0.05 * exactVariance);
    }

    [TestMethod]
    public void DiscreteGaussian_LargeRationalSigma_StaysExactAndCentred()
    {
        var source = NoiseSource.CreateUnsafeSeeded(8);
        var sigma2 = new ExactRational(new BigInteger(10_000_000_001), new BigInteger(10));   // σ² ≈ 1e9
        var samples = Enumerable.Range(0, 4000).Select(_ => (double)DiscreteGaussian.Sample(source, sigma2)).ToArray();
        double sd = Math.Sqrt(samples.Select(x => x * x).Average());
        Assert.AreEqual(Math.Sqrt(1e9), sd, 0.05 * Math.Sqrt(1e9));
    }

    [TestMethod]
    public void ExponentialMechanism_SelectsWithClosedFormProbabilities()
    {
        double[] utilities = [0, 1, 2, 5, 3];
        double epsilon = 1.2, sensitivity = 1;
        var probabilities = ExponentialMechanism.Probabilities(utilities, epsilon, sensitivity);
        double norm = utilities.Sum(u => Math.Exp(epsilon * u / 2));
        for (int i = 0; i < utilities.Length; i++)
        {
            Assert.AreEqual(Math.Exp(epsilon * utilities[i] / 2) / norm, probabilities[i], 1e-15);
        }

        var source = NoiseSource.CreateUnsafeSeeded(9);
        var picks = Enumerable.Range(0, 20000).Select(_ => (long)ExponentialMechanism.Select(utilities, epsilon, sensitivity, source)).ToArray();
        double p = GoodnessOfFit.ChiSquarePValue(picks, x => x >= 0 && x < utilities.Length ? probabilities[x] : 0, 0, utilities.Length - 1);
        Assert.IsTrue(p > GoodnessOfFit.PValueThreshold, $"chi-square p = {p}");
    }

    [TestMethod]
    public void RandomizedResponse_ReportsWithKrrProbabilities_AndEstimatesUnbias()
    {
        const int k = 4;
        const double epsilon = 1;
        var rr = new RandomizedResponse(k, epsilon);
        Assert.AreEqual(Math.E / (Math.E + 3), rr.KeepProbability, 1e-15);
        Assert.AreEqual(1 / (Math.E + 3), rr.OtherProbability, 1e-15);

        double[] truth = [0.5, 0.3, 0.15, 0.05];
        const int n = 60000;
        var source = NoiseSource.CreateUnsafeSeeded(21);
        var counts = new long[k];
        int row = 0;
        for (int c = 0; c < k; c++)
        {
            int m = (int)(truth[c] * n);
            for (int i = 0; i < m; i++, row++)
            {
                counts[rr.Respond(c, source)]++;
            }
        }

        // Reported frequencies follow π·p + (1 − π)·q; the estimates recover π within 4 standard errors.
        var estimates = rr.EstimateFrequencies(counts);
        for (int c = 0; c < k; c++)
        {
            double reported = (truth[c] * rr.KeepProbability) + ((1 - truth[c]) * rr.OtherProbability);
            double se = Math.Sqrt(reported * (1 - reported) / n) / (rr.KeepProbability - rr.OtherProbability);
            Assert.AreEqual(truth[c], estimates[c], 4 * se, $"category {c}");
        }

        Assert.AreEqual(1.0, estimates.Sum(), 1e-12);
    }

    [TestMethod]
    public void SeededSource_IsReproducibleAndMarkedUnsafe_SecureSourceIsSecure()
    {
        var a = NoiseSource.CreateUnsafeSeeded(1);
        var b = NoiseSource.CreateUnsafeSeeded(1);
        var xs = Enumerable.Range(0, 50).Select(_ => DiscreteLaplace.Sample(a, 2.0)).ToArray();
        var ys = Enumerable.Range(0, 50).Select(_ => DiscreteLaplace.Sample(b, 2.0)).ToArray();
        CollectionAssert.AreEqual(xs, ys);
        Assert.IsFalse(a.IsSecure);
        Assert.IsTrue(NoiseSource.Secure.IsSecure);

        var counts = new int[3];
        for (int i = 0; i < 3000; i++)
        {
            counts[(int)NoiseSource.Secure.NextBelow(3UL)]++;
        }

        Assert.IsTrue(counts.All(c => c > 850 && c < 1150), string.Join(",", counts));
    }
}
