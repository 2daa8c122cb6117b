using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Detection;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Detection;

[TestClass]
public sealed class DetectionTests
{
    private static QualityReport Evaluate(TabularData synthetic, DetectionOptions detection)
    {
        var ml = new MLContext(seed: 1);
        var options = new EvaluationOptions { Seed = 7, Detection = detection, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false } };
        return ml.Synthetic().Evaluate(AdultFixture.Train.ToDataView(), synthetic.ToDataView(), options: options);
    }

    [TestMethod]
    public void Auc_HandComputedCases()
    {
        // Pairs (positive, negative): (.35,.1) (.35,.4) (.8,.1) (.8,.4): 3 of 4 ranked right.
        Assert.AreEqual(0.75, Auc.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 1e-15);
        Assert.AreEqual(0.5, Auc.Compute([1, 1, 1, 1], [false, true, false, true]), 1e-15);
        Assert.AreEqual(0.0, Auc.Compute([2, 1], [false, true]), 1e-15);
    }

    [TestMethod]
    public void RealHoldout_IsIndistinguishable()
    {
        var report = Evaluate(AdultFixture.Test, new DetectionOptions());
        var d = report.Detection!;
        Console.WriteLine($"holdout as synthetic: detection {d.Score:F4}; " + string.Join("; ", d.Detectors.Select(x => $"{x.Detector} AUC {x.MeanAuc:F4} score {x.Score:F4}")));
        Assert.IsGreaterThanOrEqualTo(0.9, d.Score);
        Assert.HasCount(2, d.Detectors);
        Assert.AreEqual(d.Detectors.Min(x => x.Score), d.Score, 1e-15);
        Assert.AreEqual(AdultFixture.Test.RowCount, d.SyntheticRows);
    }

    [TestMethod]
    public void ShiftedColumn_IsDetected()
    {
        var age = (ContinuousColumn)AdultFixture.Test["age"];
        var broken = AdultFixture.Replace(AdultFixture.Test, new ContinuousColumn("age", age.Values.Select(v => v + 30).ToArray(), true));
        var d = Evaluate(broken, new DetectionOptions { MaxRowsPerTable = 3000, Iterations = 30 }).Detection!;
        Console.WriteLine($"age + 30: detection {d.Score:F4}");
        Assert.IsLessThan(0.3, d.Score);
    }

    [TestMethod]
    public void ShuffledColumns_AreDetectedByTheTrees()
    {
        var options = new DetectionOptions { MaxRowsPerTable = 3000, Iterations = 50, LogisticRegression = false };
        var holdout = Evaluate(AdultFixture.Test, options).Detection!;
        var shuffled = Evaluate(AdultFixture.ShuffleColumns(AdultFixture.Test, 4), options).Detection!;
        Console.WriteLine($"GBDT detection: holdout {holdout.Score:F4}, shuffled columns {shuffled.Score:F4}");
        Assert.IsLessThan(holdout.Score - 0.2, shuffled.Score);
    }

    [TestMethod]
    public void StratifiedFolds_KeepTheClassRatio()
    {
        var labels = Enumerable.Range(0, 300).Select(i => i % 3 == 0).ToArray();
        var folds = DetectionEvaluator.StratifiedFolds(labels, 3, 1);
        for (int f = 0; f < 3; f++)
        {
            Assert.AreEqual(100, folds.Count(x => x == f), 1);
            Assert.AreEqual(100 / 3, Enumerable.Range(0, 300).Count(i => folds[i] == f && labels[i]), 1);
        }
    }
}
