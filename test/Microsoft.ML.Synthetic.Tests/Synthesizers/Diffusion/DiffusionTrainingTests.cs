using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Tests.Synthesizers.Tvae;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Diffusion;

[TestClass]
public sealed class DiffusionTrainingTests
{
    private static double Mean(double[] v) => v.Average();

    private static double Sd(double[] v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Select(x => (x - m) * (x - m)).Average());
    }

    [TestMethod]
    public void ShortTraining_ReproducesMeansCorrelationAndFrequencies_AndReportsEveryEpoch()
    {
        var ml = new MLContext(seed: 1);
        var data = DiffusionTestData.Correlated(ml, 2000, seed: 3);
        var reported = new List<DeepTrainingProgress>();
        var model = ml.Synthetic().Synthesizers.Diffusion(new DiffusionOptions
        {
            Epochs = 120, BatchSize = 256, Steps = 50, HiddenDims = [128, 128], Seed = 4, Progress = new SynchronousProgress(reported.Add),
        }).Fit(data);

        Assert.HasCount(120, reported);
        Assert.IsTrue(reported[^1].Losses["gaussian"] < reported[0].Losses["gaussian"], "the noise MSE falls");
        // 20,000 rows: the short-trained model's P(a | X > 1) is about 0.72 (0.70 to 0.74 over ten 3,000-row samples), so
        // a 3,000-row estimate (standard error 0.012) can fall below the 0.7 the tolerance allows; 20,000 (0.0045) cannot.
        var sample = model.SampleTable(20_000, null, 9);
        var x = ((ContinuousColumn)sample["X"]).Values;
        var y = ((ContinuousColumn)sample["Y"]).Values;
        var group = (CategoricalColumn)sample["Group"];
        Assert.AreEqual(1, Mean(x), 0.2, "mean of X");
        Assert.AreEqual(3, Mean(y), 0.15, "mean of Y");
        Assert.AreEqual(2, Sd(x), 0.25, "sd of X");
        Assert.AreEqual(-0.8, KnownDistribution.Correlation(x, y), 0.1, "correlation of X and Y");
        int a = group.Categories.ToList().IndexOf("a");
        Assert.AreEqual(0.5, group.Codes.Count(c => c == a) / (double)group.Codes.Length, 0.06, "P(Group = a)");
        var high = Enumerable.Range(0, x.Length).Where(i => x[i] > 1).ToArray();
        Assert.AreEqual(0.8, high.Count(i => group.Codes[i] == a) / (double)high.Length, 0.1, "P(a | X > 1)");
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("C")]
    public void CategoricalOnlyTable_FitsAndSamples_TheCategoriesItLearnt(string? label)
    {
        // NLTCS-like: binary columns only, so the Gaussian part is empty (found by the leaderboard's second table).
        var ml = new MLContext(seed: 1);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 400).Select(_ =>
        {
            bool a = random.NextDouble() < 0.7;
            return new BinaryRow { A = a ? "1" : "0", B = (random.NextDouble() < 0.9) == a ? "1" : "0", C = random.NextDouble() < 0.5 ? "1" : "0" };
        }).ToList();
        var options = DiffusionTestData.Tiny(label);
        options.Epochs = 30;
        var model = ml.Synthetic().Synthesizers.Diffusion(options).Fit(ml.Data.LoadFromEnumerable(rows));
        var sample = model.SampleTable(1_000, null, 3);
        Assert.AreEqual(1_000, sample.RowCount);
        foreach (var name in new[] { "A", "B", "C" })
        {
            var column = (CategoricalColumn)sample[name];
            CollectionAssert.IsSubsetOf(column.Categories.ToList(), new[] { "0", "1" }, name);
        }

        var conditioned = model.SampleTable(200, new SampleConditions { ["C"] = "1" }, 4);
        Assert.IsTrue(((CategoricalColumn)conditioned["C"]).Codes.All(c => ((CategoricalColumn)conditioned["C"]).Categories[c] == "1"));
    }

    private sealed class BinaryRow
    {
        public string A { get; set; } = "";
        public string B { get; set; } = "";
        public string C { get; set; } = "";
    }

    [TestMethod]
    public void AnnealLearningRate_KeepsTheFirstStepsRate_AndLowersTheLaterOnes()
    {
        var ml = new MLContext(seed: 1);
        var data = DiffusionTestData.Correlated(ml, 300, seed: 3);
        double[] Fit(int epochs, bool anneal)
        {
            var options = DiffusionTestData.Tiny();
            options.Epochs = epochs;
            options.BatchSize = 300;
            options.Seed = 4;
            options.AnnealLearningRate = anneal;
            var sample = ml.Synthetic().Synthesizers.Diffusion(options).Fit(data).SampleTable(200, null, 5);
            return ((ContinuousColumn)sample["X"]).Values;
        }

        // One step: the annealed rate is the full rate, so the fits agree bit for bit; later steps use lower rates.
        CollectionAssert.AreEqual(Fit(1, anneal: false), Fit(1, anneal: true));
        CollectionAssert.AreNotEqual(Fit(3, anneal: false), Fit(3, anneal: true));
    }

    [TestMethod]
    public void ClassConditional_SampleConditionedOnTheLabel_GivesThatClassWithItsDistribution()
    {
        var ml = new MLContext(seed: 1);
        var data = DiffusionTestData.Correlated(ml, 2000, seed: 3);
        var model = ml.Synthetic().Synthesizers.Diffusion(new DiffusionOptions
        {
            Epochs = 120, BatchSize = 256, Steps = 30, HiddenDims = [128, 128], Seed = 4, LabelColumn = "Group",
        }).Fit(data);

        Assert.AreEqual("Group", model.LabelColumn);
        var a = model.SampleTable(2000, new SampleConditions { ["Group"] = "a" }, 5);
        var b = model.SampleTable(2000, new SampleConditions { ["Group"] = "b" }, 5);
        var groupA = (CategoricalColumn)a["Group"];
        Assert.IsTrue(groupA.Codes.All(c => groupA.Categories[c] == "a"), "every row has the requested class");
        // Real: E[X | a] = 1 + 2·E[u | a] ≈ 1 + 2·0.48 = 1.96, E[X | b] ≈ 0.04.
        double meanA = Mean(((ContinuousColumn)a["X"]).Values), meanB = Mean(((ContinuousColumn)b["X"]).Values);
        Assert.IsTrue(meanA > 1.5 && meanA - meanB > 1.2, $"E[X | a] = {meanA:F2}, E[X | b] = {meanB:F2} (real ≈ 1.96 and 0.04)");

        var unconditional = (CategoricalColumn)model.SampleTable(2000, null, 6)["Group"];
        Assert.AreEqual(0.5, unconditional.Codes.Count(c => unconditional.Categories[c] == "a") / 2000.0, 0.05, "classes drawn at their training frequency");

        var ranged = model.SampleTable(200, new SampleConditions { ["Group"] = "a", ["X"] = SampleCondition.Between(0, 2) }, 7);
        Assert.IsTrue(((ContinuousColumn)ranged["X"]).Values.All(v => v is >= 0 and <= 2), "other conditions are met by rejection");
    }

    [TestMethod]
    public void Fit_Cancelled_Throws()
    {
        var ml = new MLContext(seed: 1);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var options = DiffusionTestData.Tiny();
        options.CancellationToken = cancel.Token;
        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Synthetic().Synthesizers.Diffusion(options).Fit(DiffusionTestData.Correlated(ml, 100, 1)));
    }

    [TestMethod]
    [DataRow("Steps")]
    [DataRow("HiddenDims")]
    [DataRow("TimeEmbeddingDim")]
    [DataRow("LearningRate")]
    [DataRow("Epochs")]
    public void Options_BadValue_IsAnErrorNamingIt(string setting)
    {
        var options = new DiffusionOptions();
        switch (setting)
        {
            case "Steps": options.Steps = 1; break;
            case "HiddenDims": options.HiddenDims = [64, 0]; break;
            case "TimeEmbeddingDim": options.TimeEmbeddingDim = 7; break;
            case "LearningRate": options.LearningRate = double.NaN; break;
            case "Epochs": options.Epochs = 0; break;
        }

        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext(1).Synthetic().Synthesizers.Diffusion(options));
        StringAssert.Contains(e.Message, setting);
    }

    [TestMethod]
    public void LabelColumn_UnknownOrContinuous_IsAnErrorNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var data = DiffusionTestData.Correlated(ml, 50, 1);
        var unknown = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Diffusion(DiffusionTestData.Tiny("Income")).Fit(data));
        StringAssert.Contains(unknown.Message, "Income");
        var continuous = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Diffusion(DiffusionTestData.Tiny("X")).Fit(data));
        StringAssert.Contains(continuous.Message, "continuous");
    }

    [TestMethod]
    public void DifferentialPrivacy_IsRejectedWithAClearError()
    {
        var options = DiffusionTestData.Tiny();
        options.Epsilon = 1;
        var e = Assert.ThrowsExactly<ArgumentException>(() => new MLContext(1).Synthetic().Synthesizers.Diffusion(options));
        StringAssert.Contains(e.Message, "DifferentialPrivacy");
    }
}
