using Microsoft.ML;
using Microsoft.ML.Synthetic.AutoTrain;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

[TestClass]
public sealed class AutoTrainBinaryTests
{
    internal sealed class SyncProgress(Action<AutoTrainProgress> onReport) : IProgress<AutoTrainProgress>
    {
        public void Report(AutoTrainProgress value) => onReport(value);
    }

    private static AutoTrainOptions TrialBudget(int trials, int seed = 5) => new() { MaxTrials = trials, Folds = 3, Seed = seed };

    [TestMethod]
    public void Adult_BestChain_LearnsPredictsWithAnEngine_AndSavesAndLoads()
    {
        var ml = new MLContext(seed: 1);
        var data = AdultPipeline.Load(ml, 3000);
        var model = ml.Synthetic().AutoTrain.BinaryClassification(AdultPipeline.Prefix(ml), "Label", TrialBudget(8)).Fit(data);

        Assert.AreEqual(8, model.Leaderboard.Count);
        Assert.IsTrue(model.BestTrial.MetricMean > 0.85, model.Leaderboard.ToString());
        Assert.IsTrue(model.Leaderboard.Zip(model.Leaderboard.Skip(1)).All(p => p.First.MetricMean >= p.Second.MetricMean), "ranked best first");
        StringAssert.Contains(model.Leaderboard.ToString(), model.BestTrial.Trainer);
        Assert.AreEqual(3, model.BestTrial.FoldMetrics.Count);

        var row = ml.Data.CreateEnumerable<AdultPipeline.AdultRow>(data, reuseRowObject: false).First();
        var engine = ml.Model.CreatePredictionEngine<AdultPipeline.AdultRow, AdultPipeline.Prediction>(model);
        float score = engine.Predict(row).Score;

        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        float loadedScore = ml.Model.CreatePredictionEngine<AdultPipeline.AdultRow, AdultPipeline.Prediction>(loaded).Predict(row).Score;
        Assert.AreEqual(score, loadedScore, 1e-5f);
    }

    [TestMethod]
    public void SameSeedAndTrialBudget_GiveTheSameLeaderboard()
    {
        string Run()
        {
            var ml = new MLContext(seed: 1);
            var data = AdultPipeline.Load(ml, 1500);
            var model = ml.Synthetic().AutoTrain.BinaryClassification(AdultPipeline.Prefix(ml), "Label", TrialBudget(10, seed: 9)).Fit(data);
            return string.Join("\n", model.Leaderboard.Select(t => $"{t.Index} {t.Trainer} {t.HyperparametersText} {string.Join(",", t.FoldMetrics.Select(m => m.ToString("R")))}"));
        }

        string first = Run();
        Assert.AreEqual(first, Run());
        StringAssert.Contains(first, "LightGbm");
    }

    [TestMethod]
    public void TimeBudget_IsHonoured_AndProgressReportsEveryTrial()
    {
        var ml = new MLContext(seed: 1);
        var data = AdultPipeline.Load(ml, 3000);
        var reports = new List<AutoTrainProgress>();
        var options = new AutoTrainOptions { MaxSeconds = 8, Folds = 3, Seed = 2, Progress = new SyncProgress(reports.Add) };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var model = ml.Synthetic().AutoTrain.BinaryClassification(AdultPipeline.Prefix(ml), "Label", options).Fit(data);
        watch.Stop();

        double search = watch.Elapsed.TotalSeconds - model.FoldPreparationSeconds - model.FinalFitSeconds;
        Assert.IsTrue(search < 8 + 1.5, $"the search took {search:F1} s for an 8 s budget");
        Assert.IsTrue(model.Leaderboard.Count >= 3, model.Leaderboard.ToString());
        Assert.AreEqual("folds", reports.First(r => r.Stage != "fold").Stage);
        Assert.AreEqual(model.Leaderboard.Count, reports.Count(r => r.Stage == "trial"));
        Assert.AreSame(model.BestTrial, reports[^1].BestTrial);
    }

    /// <summary>A prefix stage whose fit takes a fixed time, as a deep generator's training does.</summary>
    internal sealed class SlowEstimator(IEstimator<ITransformer> inner, TimeSpan delay) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input)
        {
            Thread.Sleep(delay);
            return inner.Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inner.GetOutputSchema(inputSchema);
    }

    [TestMethod]
    public void SlowPrefix_DoesNotUseUpTheSearchBudget()
    {
        var ml = new MLContext(seed: 1);
        var data = AutoTrainLeakTests.Noise(ml, 200, seed: 1);
        var prefix = new SlowEstimator(ml.Transforms.Concatenate("Features", "A", "B"), TimeSpan.FromSeconds(1));
        var options = new AutoTrainOptions { MaxSeconds = 1.5, Folds = 3, Seed = 1, Trainers = ["LbfgsLogisticRegression"] };

        var model = ml.Synthetic().AutoTrain.BinaryClassification(prefix, "Label", options).Fit(data);

        Assert.IsTrue(model.FoldPreparationSeconds >= 3, $"three prefix fits of 1 s took {model.FoldPreparationSeconds:F1} s");
        Assert.IsTrue(model.Leaderboard.Count >= 1, "the search ran after the prefix fits, which exceed its budget");
    }

    [TestMethod]
    public void Cancellation_StopsTheSearch()
    {
        var ml = new MLContext(seed: 1);
        var data = AutoTrainLeakTests.Noise(ml, 200, seed: 1);
        using var cancel = new CancellationTokenSource();
        int trials = 0;
        var options = new AutoTrainOptions
        {
            MaxTrials = 1000, Folds = 2, Seed = 1, Trainers = ["LightGbm"],
            Progress = new SyncProgress(p => { if (p.Stage == "trial" && ++trials == 2) cancel.Cancel(); }),
        };
        var estimator = ml.Synthetic().AutoTrain.BinaryClassification(ml.Transforms.Concatenate("Features", "A", "B"), "Label", options);
        Assert.ThrowsExactly<OperationCanceledException>(() => estimator.Fit(data, cancel.Token));
        Assert.AreEqual(2, trials);
    }

    [TestMethod]
    public void BudgetTooSmallForOneTrial_ThrowsAClearError()
    {
        var ml = new MLContext(seed: 1);
        var data = AdultPipeline.Load(ml, 3000);
        var options = new AutoTrainOptions { MaxSeconds = 0.01, Folds = 3, Seed = 1 };
        var e = Assert.ThrowsExactly<InvalidOperationException>(() =>
            ml.Synthetic().AutoTrain.BinaryClassification(AdultPipeline.Prefix(ml), "Label", options).Fit(data));
        StringAssert.Contains(e.Message, "time budget of 0.01 s");
        StringAssert.Contains(e.Message, "MaxSeconds");
    }

    [TestMethod]
    public void OneClassLabel_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 50).Select(i => new AutoTrainLeakTests.NoiseRow { A = i, B = -i, Label = false });
        var data = ml.Data.LoadFromEnumerable(rows);
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().AutoTrain
            .BinaryClassification(ml.Transforms.Concatenate("Features", "A", "B"), "Label", TrialBudget(2)).Fit(data));
        StringAssert.Contains(e.Message, "'Label'");
        StringAssert.Contains(e.Message, "only one class");
    }

    [TestMethod]
    public void MetricOfAnotherTask_IsRejected()
    {
        var ml = new MLContext(seed: 1);
        var options = new AutoTrainOptions { MaxTrials = 2, Metric = AutoTrainMetric.RSquared };
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            ml.Synthetic().AutoTrain.BinaryClassification(ml.Transforms.Concatenate("Features", "A"), "Label", options));
        StringAssert.Contains(e.Message, "RSquared");
        StringAssert.Contains(e.Message, "BinaryClassification");
    }

    [TestMethod]
    public void MissingOrNonBooleanLabel_AndUnknownTrainer_AndBadBudgets_AreRejected()
    {
        var ml = new MLContext(seed: 1);
        var data = AutoTrainLeakTests.Noise(ml, 40, seed: 1);
        var synthetic = ml.Synthetic();
        var prefix = ml.Transforms.Concatenate("Features", "A", "B");

        var missing = Assert.ThrowsExactly<ArgumentException>(() => synthetic.AutoTrain.BinaryClassification(prefix, "Target", TrialBudget(1)).Fit(data));
        StringAssert.Contains(missing.Message, "'Target'");
        var notBoolean = Assert.ThrowsExactly<ArgumentException>(() => synthetic.AutoTrain.BinaryClassification(prefix, "A", TrialBudget(1)).Fit(data));
        StringAssert.Contains(notBoolean.Message, "Boolean");
        var noFeatures = Assert.ThrowsExactly<ArgumentException>(() =>
            synthetic.AutoTrain.BinaryClassification(ml.Transforms.CopyColumns("X", "A"), "Label", TrialBudget(1)).Fit(data));
        StringAssert.Contains(noFeatures.Message, "'Features'");
        var unknown = Assert.ThrowsExactly<ArgumentException>(() =>
            synthetic.AutoTrain.BinaryClassification(prefix, "Label", new AutoTrainOptions { Trainers = ["XgBoost"] }));
        StringAssert.Contains(unknown.Message, "XgBoost");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => synthetic.AutoTrain.BinaryClassification(prefix, "Label", new AutoTrainOptions { MaxSeconds = 0 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => synthetic.AutoTrain.BinaryClassification(prefix, "Label", new AutoTrainOptions { MaxTrials = 0 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => synthetic.AutoTrain.BinaryClassification(prefix, "Label", new AutoTrainOptions { Folds = 0 }));
    }

    [TestMethod]
    public void HoldoutValidation_WithOneFold_ScoresOnePart()
    {
        var ml = new MLContext(seed: 1);
        var data = AdultPipeline.Load(ml, 1500);
        var options = new AutoTrainOptions { MaxTrials = 3, Folds = 1, HoldoutFraction = 0.25, Seed = 3 };
        var model = ml.Synthetic().AutoTrain.BinaryClassification(AdultPipeline.Prefix(ml), "Label", options).Fit(data);
        Assert.IsTrue(model.Leaderboard.All(t => t.FoldMetrics.Count == 1 && t.MetricStandardDeviation == 0));
        Assert.IsTrue(model.BestTrial.MetricMean > 0.8);
    }

    [TestMethod]
    public void AppendedToAFeaturizer_TheSearchFitsAndScoresLikeAnyLastStage()
    {
        var ml = new MLContext(seed: 1);
        var data = AdultPipeline.Load(ml, 1500);
        var pipeline = AdultPipeline.Prefix(ml).Append(ml.Synthetic().AutoTrain.BinaryClassification("Label", TrialBudget(3)));
        var model = pipeline.Fit(data);
        Assert.AreEqual(3, model.LastTransformer.Leaderboard.Count);
        var engine = ml.Model.CreatePredictionEngine<AdultPipeline.AdultRow, AdultPipeline.Prediction>(model);
        var row = ml.Data.CreateEnumerable<AdultPipeline.AdultRow>(data, reuseRowObject: false).First();
        Assert.IsTrue(float.IsFinite(engine.Predict(row).Score));
    }
}
