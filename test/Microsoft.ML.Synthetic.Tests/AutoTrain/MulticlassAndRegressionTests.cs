using Microsoft.ML;
using Microsoft.ML.Synthetic.AutoTrain;
using Microsoft.ML.Synthetic.AutoTrain.Tasks;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

[TestClass]
public sealed class MulticlassAndRegressionTests
{
    public sealed class Row
    {
        public float A { get; set; }
        public float B { get; set; }
        public float Y { get; set; }
        public string Class { get; set; } = "";
    }

    private static IDataView Data(MLContext ml, int n, int seed)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(_ =>
        {
            float a = (float)random.NextDouble(), b = (float)random.NextDouble();
            return new Row
            {
                A = a, B = b,
                Y = 3 * a - 2 * b * b + 0.1f * (float)(random.NextDouble() - 0.5),
                Class = a + b < 0.7 ? "low" : a + b < 1.3 ? "mid" : "high",
            };
        }).ToList());
    }

    [TestMethod]
    public void Multiclass_SearchLearnsTheClasses_AndMetricsMatchMlNet()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, 600, seed: 2);
        var prefix = ml.Transforms.Conversion.MapValueToKey("Label", "Class").Append(ml.Transforms.Concatenate("Features", "A", "B"));
        var options = new AutoTrainOptions { MaxTrials = 6, Folds = 3, Seed = 3 };
        var model = ml.Synthetic().AutoTrain.MulticlassClassification(prefix, "Label", options).Fit(data);

        Assert.AreEqual(AutoTrainMetric.MicroAccuracy, model.BestTrial.Metric);
        Assert.IsTrue(model.BestTrial.MetricMean > 0.85, model.Leaderboard.ToString());
        CollectionAssert.IsSubsetOf(model.Leaderboard.Select(t => t.Trainer).Distinct().ToList(),
            new[] { "LightGbm", "SdcaMaximumEntropy", "LbfgsMaximumEntropy", "OneVersusAllFastTree" });
        Assert.AreEqual(4, model.Leaderboard.Select(t => t.Trainer).Distinct().Count(), "every trainer gets its low-cost first trial");

        var scored = model.Transform(Data(ml, 300, seed: 9));
        var expected = ml.MulticlassClassification.Evaluate(scored);
        var task = TaskDefinition.For(AutoTrainTask.MulticlassClassification);
        Assert.AreEqual(expected.MicroAccuracy, task.Compute(scored, "Label", AutoTrainMetric.MicroAccuracy), 1e-9);
        Assert.AreEqual(expected.MacroAccuracy, task.Compute(scored, "Label", AutoTrainMetric.MacroAccuracy), 1e-9);
    }

    [TestMethod]
    public void Regression_SearchFitsTheFunction_AndMetricsMatchMlNet()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, 600, seed: 4);
        var prefix = ml.Transforms.CopyColumns("Label", "Y").Append(ml.Transforms.Concatenate("Features", "A", "B"));
        var options = new AutoTrainOptions { MaxTrials = 8, Folds = 3, Seed = 3 };
        var model = ml.Synthetic().AutoTrain.Regression(prefix, "Label", options).Fit(data);

        Assert.IsTrue(model.BestTrial.MetricMean > 0.9, model.Leaderboard.ToString());
        var scored = model.Transform(Data(ml, 300, seed: 10));
        var expected = ml.Regression.Evaluate(scored);
        var task = TaskDefinition.For(AutoTrainTask.Regression);
        Assert.AreEqual(expected.RSquared, task.Compute(scored, "Label", AutoTrainMetric.RSquared), 1e-6);
        Assert.AreEqual(expected.RootMeanSquaredError, task.Compute(scored, "Label", AutoTrainMetric.RootMeanSquaredError), 1e-6);
        Assert.AreEqual(expected.MeanAbsoluteError, task.Compute(scored, "Label", AutoTrainMetric.MeanAbsoluteError), 1e-6);
    }

    [TestMethod]
    public void Regression_LowerIsBetterMetric_RanksSmallestErrorFirst()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, 300, seed: 5);
        var prefix = ml.Transforms.CopyColumns("Label", "Y").Append(ml.Transforms.Concatenate("Features", "A", "B"));
        var options = new AutoTrainOptions { MaxTrials = 5, Folds = 2, Seed = 1, Metric = AutoTrainMetric.RootMeanSquaredError };
        var model = ml.Synthetic().AutoTrain.Regression(prefix, "Label", options).Fit(data);
        Assert.AreEqual(model.Leaderboard.Min(t => t.MetricMean), model.BestTrial.MetricMean);
    }

    [TestMethod]
    public void WrongLabelTypes_AndMetrics_AreRejectedPerTask()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, 60, seed: 1);
        var synthetic = ml.Synthetic();
        var features = ml.Transforms.Concatenate("Features", "A", "B");
        var options = new AutoTrainOptions { MaxTrials = 1, Folds = 2 };

        var notKey = Assert.ThrowsExactly<ArgumentException>(() => synthetic.AutoTrain.MulticlassClassification(features, "Y", options).Fit(data));
        StringAssert.Contains(notKey.Message, "MapValueToKey");
        var notSingle = Assert.ThrowsExactly<ArgumentException>(() => synthetic.AutoTrain.Regression(features, "Class", options).Fit(data));
        StringAssert.Contains(notSingle.Message, "'Class'");
        Assert.ThrowsExactly<ArgumentException>(() => synthetic.AutoTrain.Regression(features, "Y", new AutoTrainOptions { Metric = AutoTrainMetric.AreaUnderRocCurve }));
        Assert.ThrowsExactly<ArgumentException>(() => synthetic.AutoTrain.MulticlassClassification(features, "Y", new AutoTrainOptions { Metric = AutoTrainMetric.RSquared }));
        var constant = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new Row { A = i, B = i, Y = 1, Class = "x" }));
        var e = Assert.ThrowsExactly<ArgumentException>(() => synthetic.AutoTrain.Regression(ml.Transforms.CopyColumns("Label", "Y").Append(features), "Label", options).Fit(constant));
        StringAssert.Contains(e.Message, "constant");
    }
}
