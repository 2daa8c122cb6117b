using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula;
using static Microsoft.ML.Synthetic.Tests.Synthesizers.Arf.ArfTestData;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Arf;

/// <summary>Samples of a fitted ARF reproduce known distributions (moments, dependence, conditional frequencies).</summary>
[TestClass]
public sealed class ArfFidelityTests
{
    [TestMethod]
    public void Sample_CorrelatedGaussians_ReproducesMeansDeviationsAndCorrelation()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Arf(seed: 3).Fit(CorrelatedGaussians(ml, 3000, 0.8, seed: 11));
        var sample = model.SampleTable(20_000, null, 5);
        double[] x = Values(sample, "X"), y = Values(sample, "Y");
        // Truth: means 0, deviations 1, correlation 0.8. Tolerances: sampling error of 3,000 training rows (±0.05 on a
        // mean at 3σ) plus the piecewise-constant approximation of the leaves.
        Assert.AreEqual(0, x.Average(), 0.08, "mean of X");
        Assert.AreEqual(0, y.Average(), 0.08, "mean of Y");
        Assert.AreEqual(1, StdDev(x), 0.1, "deviation of X");
        Assert.AreEqual(1, StdDev(y), 0.1, "deviation of Y");
        Assert.AreEqual(0.8, CopulaTestHelpers.Pearson(x, y), 0.08, "correlation");
    }

    [TestMethod]
    public void Sample_CategoryDrivesNumber_ReproducesFrequenciesAndConditionalMeans()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Arf(seed: 3).Fit(Groups(ml, 3000, seed: 12));
        var sample = model.SampleTable(20_000, null, 5);
        var groups = Labels(sample, "Group");
        var values = Values(sample, "Value");
        var shares = CopulaTestHelpers.Frequencies((CategoricalColumn)sample["Group"]);
        Assert.AreEqual(0.5, shares["a"], 0.04);
        Assert.AreEqual(0.3, shares["b"], 0.04);
        Assert.AreEqual(0.2, shares["c"], 0.04);
        foreach (var (group, mean) in new[] { ("a", 0.0), ("b", 5.0), ("c", -5.0) })
        {
            var within = values.Where((_, i) => groups[i] == group).ToArray();
            Assert.AreEqual(mean, within.Average(), 0.25, $"mean of Value in group {group}");
        }
    }

    [TestMethod]
    public void Sample_BimodalMixture_KeepsTheGapBetweenModes()
    {
        // X = ±3 + N(0, 0.5²) with equal weights, Y independent: a single normal would put 38 % of its mass in |x| < 1;
        // the mixture puts 2 × (Φ(−4) − Φ(−8)) ≈ 0.006 %.
        var ml = new MLContext(seed: 1);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 2000).Select(_ => new PairRow
        {
            X = (random.NextDouble() < 0.5 ? -3 : 3) + (0.5 * Normal(random)),
            Y = Normal(random),
        }).ToArray();
        var model = ml.Synthetic().Synthesizers.Arf(seed: 3).Fit(ml.Data.LoadFromEnumerable(rows));
        var x = Values(model.SampleTable(20_000, null, 9), "X");
        double gap = x.Count(v => Math.Abs(v) < 1) / (double)x.Length;
        double positive = x.Count(v => v > 0) / (double)x.Length;
        Assert.IsTrue(gap < 0.03, $"{gap:P2} of the rows fall between the modes");
        Assert.AreEqual(0.5, positive, 0.04, "weight of the upper mode");
    }

    [TestMethod]
    public void Sample_IntegerAndMissingValues_KeepsWholeNumbersAndTheMissingShare()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 1000).Select(i => new PairRow
        {
            X = random.NextDouble() < 0.2 ? double.NaN : random.Next(0, 7),
            Y = Normal(random),
        }).ToArray();
        var table = TabularData.FromDataView(ml.Data.LoadFromEnumerable(rows));
        var model = ml.Synthetic().Synthesizers.Arf(seed: 3).Fit(table);
        var x = Values(model.SampleTable(10_000, null, 4), "X");
        double missing = x.Count(double.IsNaN) / (double)x.Length;
        Assert.AreEqual(table.Columns[0].MissingCount / 1000.0, missing, 0.03, "share of missing X");
        Assert.IsTrue(x.Where(v => !double.IsNaN(v)).All(v => v == Math.Round(v) && v is >= 0 and <= 6), "whole numbers within the training range");
    }

    private static double StdDev(double[] v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}
