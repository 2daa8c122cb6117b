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

    private sealed class Flags
    {
        public string A { get; set; } = "";
        public string B { get; set; } = "";
    }

    [TestMethod]
    public void TablesTooSmallForAnyLightGbmSplit_ScoreAucHalf_InsteadOfThrowing()
    {
        // 20 rows a table, 3 folds: a training fold holds about 27 rows, and LightGBM needs 20 rows in each leaf, so no
        // split is allowed and every tree is a single leaf, which ML.NET 6 cannot convert (dotnet/machinelearning#5022).
        // The detector must read that as "no split tells them apart", even though the tables differ.
        var ml = new MLContext(seed: 1);
        var real = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20).Select(i => new Flags { A = i % 2 == 0 ? "yes" : "no", B = "yes" }).ToList());
        var synthetic = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20).Select(i => new Flags { A = "no", B = i % 2 == 0 ? "yes" : "no" }).ToList());
        var options = new EvaluationOptions { Seed = 7, Detection = { LogisticRegression = false }, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false } };

        var d = ml.Synthetic().Evaluate(real, synthetic, options: options).Detection!;

        var lightGbm = d.Detectors.Single();
        CollectionAssert.AreEqual(Enumerable.Repeat(0.5, lightGbm.FoldAucs.Count).ToArray(), lightGbm.FoldAucs.ToArray());
        Assert.AreEqual(1.0, d.Score, 1e-12);
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
    public void SameSeed_SameFoldAucs()
    {
        var options = new DetectionOptions { MaxRowsPerTable = 1500, Iterations = 20 };
        var a = Evaluate(AdultFixture.ShuffleColumns(AdultFixture.Test, 4), options).Detection!;
        var b = Evaluate(AdultFixture.ShuffleColumns(AdultFixture.Test, 4), options).Detection!;
        for (int d = 0; d < 2; d++) CollectionAssert.AreEqual(a.Detectors[d].FoldAucs.ToArray(), b.Detectors[d].FoldAucs.ToArray());
    }

    [TestMethod]
    public void CancelledToken_StopsTheEvaluation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var ml = new MLContext(seed: 1);
        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Synthetic().Evaluate(AdultFixture.Train.ToDataView(), AdultFixture.Test.ToDataView(), cancellationToken: cancelled.Token));
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
