using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests;

[TestClass]
public sealed class EvaluateTests
{
    private static readonly EvaluationOptions FidelityOnly = new() { Seed = 1, Detection = new() { Enabled = false }, Privacy = new() { Enabled = false } };

    private static QualityReport Evaluate(TabularData real, TabularData synthetic, TabularData? holdout = null, EvaluationOptions? options = null)
    {
        var ml = new MLContext(seed: 1);
        return ml.Synthetic().Evaluate(real.ToDataView(), synthetic.ToDataView(), holdout?.ToDataView(), options ?? FidelityOnly);
    }

    [TestMethod]
    public void RealHoldoutScoredAsSynthetic_ScoresNearOne()
    {
        var report = Evaluate(AdultFixture.Train, AdultFixture.Test);
        Console.WriteLine($"holdout as synthetic: overall {report.OverallQuality:F4}, shapes {report.Fidelity.ColumnShapes:F4}, pairs {report.Fidelity.ColumnPairTrends:F4}, mmd {report.Fidelity.Mmd:F4}, α {report.Fidelity.AlphaPrecision:F4}, β {report.Fidelity.BetaRecall:F4}");
        Assert.IsGreaterThanOrEqualTo(0.97, report.OverallQuality);
        Assert.HasCount(15, report.Fidelity.Shapes);
        Assert.HasCount(105, report.Fidelity.Pairs);
        Assert.AreEqual(15, report.Fidelity.Pairs.Count(p => p.Metric == "CorrelationSimilarity"));
        Assert.AreEqual((report.Fidelity.ColumnShapes + report.Fidelity.ColumnPairTrends) / 2, report.OverallQuality, 1e-15);
    }

    [TestMethod]
    public void ColumnsShuffledIndependently_KeepShapesButLosePairTrends()
    {
        var holdout = Evaluate(AdultFixture.Train, AdultFixture.Test);
        var shuffled = Evaluate(AdultFixture.Train, AdultFixture.ShuffleColumns(AdultFixture.Test, 3));
        Console.WriteLine($"shuffled columns: overall {shuffled.OverallQuality:F4}, shapes {shuffled.Fidelity.ColumnShapes:F4}, pairs {shuffled.Fidelity.ColumnPairTrends:F4}, mmd {shuffled.Fidelity.Mmd:F4}");
        Assert.AreEqual(holdout.Fidelity.ColumnShapes, shuffled.Fidelity.ColumnShapes, 1e-12, "shuffling rows within a column keeps its marginal");
        Assert.IsLessThan(holdout.Fidelity.ColumnPairTrends - 0.05, shuffled.Fidelity.ColumnPairTrends);
        Assert.IsGreaterThan(holdout.Fidelity.Mmd, shuffled.Fidelity.Mmd);
    }

    [TestMethod]
    public void BrokenColumn_LowersItsShapeScore()
    {
        var test = AdultFixture.Test;
        var age = (ContinuousColumn)test["age"];
        var broken = AdultFixture.Replace(test, new ContinuousColumn("age", age.Values.Select(v => v + 30).ToArray(), true));
        var report = Evaluate(AdultFixture.Train, broken);
        var ageShape = report.Fidelity.Shapes.Single(s => s.Column == "age");
        Assert.IsLessThan(0.5, ageShape.Score);
        Assert.IsGreaterThan(0.3, ageShape.WassersteinDistance);
        Assert.IsGreaterThan(0.97, report.Fidelity.Shapes.Where(s => s.Column != "age").Min(s => s.Score));
    }

    [TestMethod]
    public void ModeCollapse_LowersAlphaPrecisionAndBetaRecall()
    {
        var collapsed = AdultFixture.Test.SelectRows(Enumerable.Repeat(0, 500).Concat(Enumerable.Repeat(1, 500)).ToArray());
        var good = Evaluate(AdultFixture.Train, AdultFixture.Test);
        var bad = Evaluate(AdultFixture.Train, collapsed);
        Console.WriteLine($"α/β: holdout {good.Fidelity.AlphaPrecision:F3}/{good.Fidelity.BetaRecall:F3}, two rows repeated {bad.Fidelity.AlphaPrecision:F3}/{bad.Fidelity.BetaRecall:F3}");
        Assert.IsGreaterThan(0.8, good.Fidelity.AlphaPrecision);
        Assert.IsLessThan(good.Fidelity.BetaRecall - 0.3, bad.Fidelity.BetaRecall);
    }

    [TestMethod]
    public void Thresholds_LeaveWeakPairsOutOfTheAverage()
    {
        var options = new EvaluationOptions
        {
            Seed = 1,
            Detection = new() { Enabled = false },
            Privacy = new() { Enabled = false },
            Fidelity = new FidelityOptions
            {
                CorrelationThreshold = FidelityOptions.SdMetricsDefaultCorrelationThreshold,
                AssociationThreshold = FidelityOptions.SdMetricsDefaultAssociationThreshold,
                KernelMetrics = false,
            },
        };
        var report = Evaluate(AdultFixture.Train, AdultFixture.ShuffleColumns(AdultFixture.Test, 3), options: options);
        foreach (var pair in report.Fidelity.Pairs.Where(p => p.Metric == "CorrelationSimilarity"))
        {
            Assert.AreEqual(Math.Abs(pair.RealCorrelation) > 0.5, pair.MeetsThreshold, $"{pair.Column1}/{pair.Column2}");
        }

        foreach (var pair in report.Fidelity.Pairs.Where(p => p.Metric == "ContingencySimilarity"))
        {
            Assert.AreEqual(pair.RealAssociation > 0.3, pair.MeetsThreshold, $"{pair.Column1}/{pair.Column2}");
            Assert.AreEqual(pair.MeetsThreshold, !double.IsNaN(pair.Score));
        }

        var counted = report.Fidelity.Pairs.Where(p => p.MeetsThreshold && !double.IsNaN(p.Score)).Select(p => p.Score).ToArray();
        Assert.IsNotEmpty(counted);
        Assert.AreEqual(counted.Average(), report.Fidelity.ColumnPairTrends, 1e-12);
    }

    [TestMethod]
    public void SchemasThatDiffer_NameTheColumns()
    {
        var ml = new MLContext(seed: 1);
        var real = ml.Data.LoadFromEnumerable(new[] { new AB { A = 1, B = "x" }, new AB { A = 2, B = "y" } });
        var other = ml.Data.LoadFromEnumerable(new[] { new AC { A = 1, C = "x" }, new AC { A = 2, C = "y" } });
        var error = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Evaluate(real, other));
        StringAssert.Contains(error.Message, "'B'");
        StringAssert.Contains(error.Message, "'C'");

        var textA = ml.Data.LoadFromEnumerable(new[] { new TextAB { A = "1", B = "x" }, new TextAB { A = "2", B = "y" } });
        var kind = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Evaluate(real, textA));
        StringAssert.Contains(kind.Message, "'A'");
    }

    [TestMethod]
    public void ColumnAllMissingOnOneSide_IsAnErrorNamingColumnAndSide()
    {
        var ml = new MLContext(seed: 1);
        var real = ml.Data.LoadFromEnumerable(new[] { new AB { A = 1, B = "x" }, new AB { A = 2, B = "y" } });
        var synthetic = ml.Data.LoadFromEnumerable(new[] { new AB { A = float.NaN, B = "x" }, new AB { A = float.NaN, B = "y" } });
        var error = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Evaluate(real, synthetic));
        StringAssert.Contains(error.Message, "'A'");
        StringAssert.Contains(error.Message, "synthetic");
    }

    [TestMethod]
    public void OneRowTable_IsAnError()
    {
        var ml = new MLContext(seed: 1);
        var real = ml.Data.LoadFromEnumerable(new[] { new AB { A = 1, B = "x" }, new AB { A = 2, B = "y" } });
        var one = ml.Data.LoadFromEnumerable(new[] { new AB { A = 1, B = "x" } });
        var error = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Evaluate(real, one));
        StringAssert.Contains(error.Message, "1 row");
    }

    [TestMethod]
    public void CategoryOnlyInSyntheticData_IsScoredAndWarned()
    {
        var ml = new MLContext(seed: 1);
        var real = ml.Data.LoadFromEnumerable(new[] { new AB { A = 1, B = "x" }, new AB { A = 2, B = "x" }, new AB { A = 3, B = "y" }, new AB { A = 4, B = "y" } });
        var synthetic = ml.Data.LoadFromEnumerable(new[] { new AB { A = 1, B = "x" }, new AB { A = 2, B = "z" }, new AB { A = 3, B = "y" }, new AB { A = 4, B = "y" } });
        var report = ml.Synthetic().Evaluate(real, synthetic, options: FidelityOnly);
        Assert.AreEqual(0.75, report.Fidelity.Shapes.Single(s => s.Column == "B").Score, 1e-15);
        Assert.IsTrue(report.Warnings.Any(w => w.Contains("'B'") && w.Contains("'z'")));
    }

    [TestMethod]
    public void ConstantColumn_ReportsNaNCorrelationLeftOutOfTheMean()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 20).Select(i => new ABC { A = i, B = i % 3, C = 5 }).ToArray();
        var synthetic = Enumerable.Range(0, 20).Select(i => new ABC { A = i, B = (i * 7) % 5, C = 5 }).ToArray();
        var report = ml.Synthetic().Evaluate(ml.Data.LoadFromEnumerable(rows), ml.Data.LoadFromEnumerable(synthetic), options: FidelityOnly);
        var pairs = report.Fidelity.Pairs;
        Assert.IsTrue(double.IsNaN(pairs.Single(p => p.Column1 == "A" && p.Column2 == "C").Score));
        Assert.IsTrue(double.IsNaN(pairs.Single(p => p.Column1 == "B" && p.Column2 == "C").Score));
        Assert.AreEqual(pairs.Single(p => p.Column1 == "A" && p.Column2 == "B").Score, report.Fidelity.ColumnPairTrends, 1e-15);
        using var json = JsonDocument.Parse(report.ToJson());
        var pairJson = json.RootElement.GetProperty("fidelity").GetProperty("pairs").EnumerateArray().First(p => p.GetProperty("column2").GetString() == "C");
        Assert.AreEqual(JsonValueKind.Null, pairJson.GetProperty("score").ValueKind);
    }

    [TestMethod]
    public void QualityOnly_ComputesTheQualityScoreAlone()
    {
        var report = new MLContext(seed: 1).Synthetic().Evaluate(AdultFixture.Train.ToDataView(), AdultFixture.Test.ToDataView(), options: EvaluationOptions.QualityOnly(seed: 2));
        Assert.IsNull(report.Detection);
        Assert.IsNull(report.Privacy);
        Assert.IsTrue(double.IsNaN(report.Fidelity.Mmd));
        CollectionAssert.AreEquivalent(new[] { "fidelity.overall", "fidelity.column_shapes", "fidelity.column_pair_trends" }, report.Scores.Keys.ToArray());
        StringAssert.Contains(report.ToString(), "fidelity.overall = ");
    }

    [TestMethod]
    public void TablesAndDataViews_GiveTheSameReport()
    {
        var ml = new MLContext(seed: 1);
        var fromTables = ml.Synthetic().Evaluation.Evaluate(AdultFixture.Train, AdultFixture.Test, options: EvaluationOptions.QualityOnly(seed: 3));
        var fromViews = ml.Synthetic().Evaluate(AdultFixture.Train.ToDataView(), AdultFixture.Test.ToDataView(), options: EvaluationOptions.QualityOnly(seed: 3));
        Assert.AreEqual(fromViews.ToJson(), fromTables.ToJson());
    }

    [TestMethod]
    public void SameSeed_SameReport()
    {
        var a = Evaluate(AdultFixture.Train, AdultFixture.ShuffleColumns(AdultFixture.Test, 5)).ToJson();
        var b = Evaluate(AdultFixture.Train, AdultFixture.ShuffleColumns(AdultFixture.Test, 5)).ToJson();
        Assert.AreEqual(a, b);
    }

    private sealed class AB
    {
        public float A { get; set; }
        public string B { get; set; } = "";
    }

    private sealed class AC
    {
        public float A { get; set; }
        public string C { get; set; } = "";
    }

    private sealed class TextAB
    {
        public string A { get; set; } = "";
        public string B { get; set; } = "";
    }

    private sealed class ABC
    {
        public float A { get; set; }
        public float B { get; set; }
        public float C { get; set; }
    }
}
