using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Tests.Transforms;

[TestClass]
public sealed class BayesianGaussianMixtureTests
{
    private static readonly (double Weight, double Mean, double Sd)[] Truth = [(0.3, -5, 1), (0.5, 0, 0.5), (0.2, 6, 1.5)];

    private static double[] SampleMixture(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            var c = u < Truth[0].Weight ? Truth[0] : u < Truth[0].Weight + Truth[1].Weight ? Truth[1] : Truth[2];
            values[i] = c.Mean + (c.Sd * DecodeDraws.StandardNormal(random));
        }

        return values;
    }

    private static string Describe(BayesianGaussianMixture m) =>
        string.Join("; ", m.Components.Select(c => $"{c.Weight:F4} {c.Mean:F3} {c.StandardDeviation:F3}"));

    // Variational inference may keep two overlapping components for one true one (a scale mixture fits a sample's
    // tails slightly better); what must hold is that every kept component sits on a true mode, every true mode is
    // found with its weight, and the components the data do not need are dropped.
    [TestMethod]
    public void Fit_ThreeComponentMixture_RecoversEachMeanWithinATenthSigma_AndDropsTheUnusedComponents()
    {
        var mixture = BayesianGaussianMixture.Fit(SampleMixture(4000, 11), maxComponents: 10);
        var kept = mixture.Components.Where(c => c.Weight >= 0.005).ToArray();
        var nearest = kept.Select(c => Enumerable.Range(0, 3).MinBy(j => Math.Abs(c.Mean - Truth[j].Mean))).ToArray();
        for (int i = 0; i < kept.Length; i++)
        {
            var truth = Truth[nearest[i]];
            Assert.AreEqual(truth.Mean, kept[i].Mean, 0.25 * truth.Sd, $"kept component {i} is off its mode: {Describe(mixture)}");
        }

        for (int j = 0; j < 3; j++)
        {
            var found = kept.Where((_, i) => nearest[i] == j).ToArray();
            Assert.IsTrue(found.Length >= 1, $"true mode {j} not found: {Describe(mixture)}");
            double weight = found.Sum(c => c.Weight);
            double mean = found.Sum(c => c.Weight * c.Mean) / weight;
            double sd = Math.Sqrt(found.Sum(c => c.Weight * ((c.StandardDeviation * c.StandardDeviation) + ((c.Mean - mean) * (c.Mean - mean)))) / weight);
            Assert.AreEqual(Truth[j].Mean, mean, 0.1 * Truth[j].Sd, $"mean of mode {j}");
            Assert.AreEqual(Truth[j].Sd, sd, 0.1 * Truth[j].Sd, $"spread of mode {j}");
            Assert.AreEqual(Truth[j].Weight, weight, 0.03, $"weight of mode {j}");
        }

        Assert.IsTrue(kept.Length <= 5, $"at most a split of two modes: {Describe(mixture)}");
        Assert.IsTrue(mixture.Components.Count - kept.Length >= 5, $"unused components dropped: {Describe(mixture)}");
    }

    [TestMethod]
    public void Fit_SingleGaussian_KeptComponentsTogetherHaveItsMeanAndSpread()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 2000).Select(_ => 10 + (2 * DecodeDraws.StandardNormal(random))).ToArray();
        var mixture = BayesianGaussianMixture.Fit(values);
        var kept = mixture.Components.Where(c => c.Weight >= 0.005).ToArray();
        double weight = kept.Sum(c => c.Weight);
        double mean = kept.Sum(c => c.Weight * c.Mean) / weight;
        Assert.IsTrue(weight > 0.99, Describe(mixture));
        Assert.AreEqual(values.Average(), mean, 0.2, Describe(mixture));   // 0.1 σ
        double sd = Math.Sqrt(kept.Sum(c => c.Weight * ((c.StandardDeviation * c.StandardDeviation) + ((c.Mean - 10) * (c.Mean - 10)))) / weight);
        Assert.AreEqual(2, sd, 0.1, Describe(mixture));
    }

    [TestMethod]
    public void Digamma_MatchesKnownValues()
    {
        const double eulerGamma = 0.57721566490153286;
        Assert.AreEqual(-eulerGamma, BayesianGaussianMixture.Digamma(1), 1e-12);
        Assert.AreEqual(-eulerGamma - (2 * Math.Log(2)), BayesianGaussianMixture.Digamma(0.5), 1e-12);
        Assert.AreEqual(1 - eulerGamma + 0.5, BayesianGaussianMixture.Digamma(3), 1e-12);   // ψ(n) = H(n−1) − γ
    }

    [TestMethod]
    public void SaveAndRead_GivesTheSameComponents()
    {
        var mixture = BayesianGaussianMixture.Fit(SampleMixture(500, 2));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            mixture.Write(writer);
        }

        stream.Position = 0;
        var read = BayesianGaussianMixture.Read(new BinaryReader(stream));
        CollectionAssert.AreEqual(mixture.Components.ToArray(), read.Components.ToArray());
    }
}
