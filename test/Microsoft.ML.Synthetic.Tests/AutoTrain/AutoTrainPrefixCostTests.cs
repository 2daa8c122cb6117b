using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.AutoTrain;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

/// <summary>The prefix refit cost: estimated after the first fold, reported, and optionally inside <c>MaxSeconds</c>.</summary>
[TestClass]
public sealed class AutoTrainPrefixCostTests
{
    private static IEstimator<ITransformer> SlowPrefix(MLContext ml, double seconds) =>
        new AutoTrainBinaryTests.SlowEstimator(ml.Transforms.Concatenate("Features", "A", "B"), TimeSpan.FromSeconds(seconds));

    [TestMethod]
    public void SlowPrefix_EstimatedAfterTheFirstFold_ReportedToProgressAndTheLog()
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };
        var reports = new List<AutoTrainProgress>();
        var options = new AutoTrainOptions
        {
            MaxTrials = 1, Folds = 3, Seed = 1, Trainers = ["LbfgsLogisticRegression"],
            Progress = new AutoTrainBinaryTests.SyncProgress(reports.Add),
        };

        ml.Synthetic().AutoTrain.BinaryClassification(SlowPrefix(ml, 0.4), "Label", options).Fit(AutoTrainLeakTests.Noise(ml, 200, seed: 1));

        var foldReports = reports.TakeWhile(r => r.Stage == "fold").ToList();
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, foldReports.Select(r => r.FoldsPrepared).ToArray());
        // 3 folds + the final refit on 3/2 of a fold's rows, each at least 0.4 s: at least 1.8 s.
        Assert.IsTrue(foldReports[0].EstimatedPrefixSeconds >= 1.8, $"estimate after the first fold: {foldReports[0].EstimatedPrefixSeconds}");
        Assert.AreEqual("folds", reports[3].Stage);
        lock (log)
        {
            Assert.IsTrue(log.Any(m => m.Contains("prefix refitted on fold 1 of 3", StringComparison.Ordinal)), string.Join("\n", log.Where(m => m.Contains("AutoTrain", StringComparison.Ordinal))));
        }
    }

    [TestMethod]
    public void MaxSecondsCoversEverything_PrefixTooSlowForTheBudget_StopsAfterTheFirstFoldNamingTheEstimate()
    {
        var ml = new MLContext(seed: 1);
        var options = new AutoTrainOptions { MaxSeconds = 2.5, MaxSecondsCoversEverything = true, Folds = 5, Seed = 1, Trainers = ["LbfgsLogisticRegression"] };
        var watch = Stopwatch.StartNew();

        var e = Assert.ThrowsExactly<InvalidOperationException>(() =>
            ml.Synthetic().AutoTrain.BinaryClassification(SlowPrefix(ml, 1), "Label", options).Fit(AutoTrainLeakTests.Noise(ml, 200, seed: 1)));

        Assert.IsTrue(watch.Elapsed.TotalSeconds < 4, $"took {watch.Elapsed.TotalSeconds:F1} s: it should stop after the first fold, not run all five");
        StringAssert.Contains(e.Message, "MaxSecondsCoversEverything");
        StringAssert.Contains(e.Message, "remaining 4 fold(s)");
    }

    [TestMethod]
    public void MaxSecondsCoversEverything_WholeFitWithASlowPrefix_StaysWithinTheBudget()
    {
        var ml = new MLContext(seed: 1);
        var options = new AutoTrainOptions { MaxSeconds = 4, MaxSecondsCoversEverything = true, Folds = 2, Seed = 1, Trainers = ["LbfgsLogisticRegression"] };
        var watch = Stopwatch.StartNew();

        var model = ml.Synthetic().AutoTrain.BinaryClassification(SlowPrefix(ml, 0.5), "Label", options).Fit(AutoTrainLeakTests.Noise(ml, 200, seed: 1));

        Assert.IsTrue(model.Leaderboard.Count >= 1);
        Assert.IsTrue(watch.Elapsed.TotalSeconds < 4 + 1.5, $"the whole fit took {watch.Elapsed.TotalSeconds:F1} s for a 4 s budget covering everything");
    }
}
