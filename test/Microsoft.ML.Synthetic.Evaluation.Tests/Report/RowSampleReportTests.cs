using Microsoft.ML;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Report;

[TestClass]
public sealed class RowSampleReportTests
{
    private sealed class Row
    {
        public float X { get; set; }

        public string K { get; set; } = "";
    }

    private static IDataView Rows(MLContext ml, int seed, int count)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(_ => new Row { X = (float)random.NextDouble(), K = random.Next(3).ToString() }).ToArray());
    }

    [TestMethod]
    public void Evaluate_CappedMetrics_RecordCapAndRowsUsedInReportJsonAndHtml()
    {
        var ml = new MLContext(1);
        var options = new EvaluationOptions
        {
            Seed = 1,
            Detection = { MaxRowsPerTable = 40, GradientBoostedTrees = false },
            Privacy = { MaxSyntheticRows = 30, MaxReferenceRows = 50, MembershipRows = 20, BaselineRows = 10 },
            Fidelity = { MaxRowsForKernelMetrics = 25 },
        };
        var report = ml.Synthetic().Evaluate(Rows(ml, 1, 80), Rows(ml, 2, 70), Rows(ml, 3, 60), options);
        var samples = report.RowSamples.ToDictionary(s => s.Metric);

        Assert.AreEqual(new RowSample("detection", 40, "DetectionOptions.MaxRowsPerTable", 40, 40, 0) { Sampled = true }, samples["detection"]);
        Assert.AreEqual(new RowSample("kernel_metrics", 25, "FidelityOptions.MaxRowsForKernelMetrics", 25, 25, 0) { Sampled = true }, samples["kernel_metrics"]);
        Assert.AreEqual(30, samples["privacy.dcr_queries"].SyntheticRows);
        Assert.AreEqual(50, samples["privacy.dcr_references"].RealRows);
        Assert.AreEqual(50, samples["privacy.dcr_references"].HoldoutRows);
        Assert.AreEqual(20, samples["privacy.membership_inference"].RealRows);
        Assert.AreEqual(50 / 100.0, report.Privacy!.ExpectedCloserToTrainingShare, 1e-12, "the expected share uses the reference rows actually used");

        string json = report.ToJson();
        StringAssert.Contains(json, "\"rowSamples\"");
        StringAssert.Contains(json, "\"option\": \"PrivacyOptions.MaxSyntheticRows\"");
        string html = report.ToHtml();
        StringAssert.Contains(html, "Rows used by capped metrics");
        StringAssert.Contains(html, "30 (PrivacyOptions.MaxSyntheticRows)");
    }

    [TestMethod]
    public void Evaluate_TablesUnderTheCaps_RecordEveryRowAsNotSampled()
    {
        var ml = new MLContext(1);
        var report = ml.Synthetic().Evaluate(Rows(ml, 1, 60), Rows(ml, 2, 50), options: new EvaluationOptions { Seed = 1, Detection = { GradientBoostedTrees = false } });
        Assert.IsTrue(report.RowSamples.All(s => !s.Sampled), string.Join("\n", report.RowSamples));
        Assert.AreEqual(60, report.RowSamples.Single(s => s.Metric == "detection").RealRows);
    }
}
