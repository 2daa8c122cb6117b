using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using static Microsoft.ML.Synthetic.Tests.Synthesizers.Arf.ArfTestData;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Arf;

/// <summary>The adversarial loop, options, progress, cancellation, threads and saved files.</summary>
[TestClass]
public sealed class ArfTrainingTests
{
    [TestMethod]
    public void Fit_DependentColumns_OobAccuracyFallsTowardChance()
    {
        // With ρ = 0.9 the product of marginals is told from real rows (round 0: about 0.66–0.70 over data seeds; chance
        // is 0.5, as the independent case below shows); rows drawn from the leaves are not. Later rounds can fall below
        // ½: synthetic rows reuse real values, so an out-of-bag real row meets in-bag synthetic copies of its values.
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Arf(new ArfOptions { Seed = 2, EarlyStop = false, MaxIterations = 3 })
            .Fit(CorrelatedGaussians(ml, 2000, 0.9, seed: 8));
        var accuracy = model.OobAccuracies;
        Assert.IsTrue(accuracy[0] > 0.6, $"round 0 accuracy {accuracy[0]:F3}");
        Assert.IsTrue(accuracy.Skip(1).Min() < 0.6, $"later accuracies {string.Join(", ", accuracy.Select(a => a.ToString("F3")))}");
        Assert.IsTrue(accuracy.Skip(1).Min() < accuracy[0] - 0.1);
    }

    [TestMethod]
    public void Fit_IndependentColumns_StopsAfterTheFirstForestNearChance()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Arf(seed: 2).Fit(CorrelatedGaussians(ml, 2000, 0, seed: 8));
        Assert.AreEqual(0.5, model.OobAccuracies[0], 0.05, "independent columns: the product of marginals is the truth");
    }

    [TestMethod]
    public void Fit_ThreadCount_DoesNotChangeTheModel()
    {
        var ml = new MLContext(seed: 1);
        var data = Groups(ml, 800, seed: 3);
        var one = ml.Synthetic().Synthesizers.Arf(new ArfOptions { Seed = 4, Threads = 1 }).Fit(data);
        var two = ml.Synthetic().Synthesizers.Arf(new ArfOptions { Seed = 4, Threads = 2 }).Fit(data);
        CollectionAssert.AreEqual(one.OobAccuracies.ToArray(), two.OobAccuracies.ToArray());
        SynthesizerContractTests.AssertSameRows(one.SampleTable(500, null, 1), two.SampleTable(500, null, 1));
    }

    [TestMethod]
    public void Fit_ReportsEachRound_AndLeavesHoldAtLeastMinLeafSizeRows()
    {
        var ml = new MLContext(seed: 1);
        var reports = new List<ArfProgress>();
        var options = new ArfOptions { Seed = 4, MinLeafSize = 7, Progress = new SyncProgress(reports) };
        var model = ml.Synthetic().Synthesizers.Arf(options).Fit(Groups(ml, 800, seed: 3));
        CollectionAssert.AreEqual(model.OobAccuracies.ToArray(), reports.Select(r => r.OobAccuracy).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(0, reports.Count).ToArray(), reports.Select(r => r.Round).ToArray());
        // Each leaf's weight is (its real rows) / (rows × trees): at least 7 / (800 × 10).
        Assert.IsTrue(model.Leaves.Weights.All(w => w >= (7 / 8000.0) - 1e-12), "every leaf holds at least MinLeafSize real rows");
        Assert.AreEqual(1, model.Leaves.Weights.Sum(), 1e-9);
    }

    [TestMethod]
    public void Fit_CancelledToken_ThrowsOperationCanceledException()
    {
        var ml = new MLContext(seed: 1);
        var options = new ArfOptions { CancellationToken = new CancellationToken(canceled: true) };
        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Synthetic().Synthesizers.Arf(options).Fit(Groups(ml, 100, seed: 1)));
    }

    [TestMethod]
    public void Fit_CancelledDuringTheLoop_ThrowsOperationCanceledException()
    {
        var ml = new MLContext(seed: 1);
        using var source = new CancellationTokenSource();
        var options = new ArfOptions { Seed = 1, CancellationToken = source.Token, Progress = new CancelOnReport(source) };
        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Synthetic().Synthesizers.Arf(options).Fit(CorrelatedGaussians(ml, 500, 0.9, seed: 1)));
    }

    [TestMethod]
    [DataRow(nameof(ArfOptions.Trees))]
    [DataRow(nameof(ArfOptions.MinLeafSize))]
    [DataRow(nameof(ArfOptions.Delta))]
    [DataRow(nameof(ArfOptions.MaxIterations))]
    [DataRow(nameof(ArfOptions.ColumnsPerSplit))]
    [DataRow(nameof(ArfOptions.Alpha))]
    [DataRow(nameof(ArfOptions.Threads))]
    public void Create_InvalidOption_IsAnErrorNamingTheSetting(string setting)
    {
        var options = new ArfOptions();
        switch (setting)
        {
            case nameof(ArfOptions.Trees): options.Trees = 0; break;
            case nameof(ArfOptions.MinLeafSize): options.MinLeafSize = 0; break;
            case nameof(ArfOptions.Delta): options.Delta = 0.7; break;
            case nameof(ArfOptions.MaxIterations): options.MaxIterations = -1; break;
            case nameof(ArfOptions.ColumnsPerSplit): options.ColumnsPerSplit = 0; break;
            case nameof(ArfOptions.Alpha): options.Alpha = double.NaN; break;
            case nameof(ArfOptions.Threads): options.Threads = 0; break;
        }

        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext(1).Synthetic().Synthesizers.Arf(options));
        StringAssert.Contains(e.Message, $"ArfOptions.{setting}");
    }

    [TestMethod]
    public void Sample_AlphaSmoothing_GivesEveryAllowedCategorySomeMass()
    {
        // One leaf (no adversarial rounds, one tree that cannot split): with α = 1 every category gets (n_k + 1)/(n + K).
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 40).Select(i => new GroupRow { Group = i < 38 ? "a" : i < 39 ? "b" : "c", Value = i % 2, Count = 0 }).ToArray();
        var model = ml.Synthetic().Synthesizers.Arf(new ArfOptions { Seed = 1, Trees = 1, MinLeafSize = 1000, MaxIterations = 0, Alpha = 1 })
            .Fit(ml.Data.LoadFromEnumerable(rows));
        var groups = Labels(model.SampleTable(30_000, null, 2), "Group");
        Assert.AreEqual(39 / 43.0, groups.Count(g => g == "a") / 30_000.0, 0.01);
        Assert.AreEqual(2 / 43.0, groups.Count(g => g == "c") / 30_000.0, 0.006);
    }

    [TestMethod]
    public void Load_TruncatedFile_ThrowsInvalidDataExceptionNamingTheFormat()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Arf(seed: 1).Fit(Groups(ml, 300, seed: 2));
        using var stream = new MemoryStream();
        model.Save(stream);
        var bytes = stream.ToArray();
        var e = Assert.ThrowsExactly<InvalidDataException>(() => ml.Synthetic().Synthesizers.Load(new MemoryStream(bytes[..(bytes.Length - 9)])));
        StringAssert.Contains(e.Message, "model file");
    }

    [TestMethod]
    public void Load_SavedModel_KeepsAccuraciesAndLeaves()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Arf(seed: 1).Fit(Groups(ml, 300, seed: 2));
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = (ArfModel)ml.Synthetic().Synthesizers.Load(stream);
        CollectionAssert.AreEqual(model.OobAccuracies.ToArray(), loaded.OobAccuracies.ToArray());
        Assert.AreEqual(model.LeafCount, loaded.LeafCount);
        var conditions = new SampleConditions { ["Group"] = "c" };
        SynthesizerContractTests.AssertSameRows(model.SampleTable(300, conditions, 3), loaded.SampleTable(300, conditions, 3));
    }

    private sealed class CancelOnReport(CancellationTokenSource source) : IProgress<ArfProgress>
    {
        public void Report(ArfProgress value) => source.Cancel();
    }

    private sealed class SyncProgress(List<ArfProgress> reports) : IProgress<ArfProgress>
    {
        public void Report(ArfProgress value) => reports.Add(value);
    }
}
