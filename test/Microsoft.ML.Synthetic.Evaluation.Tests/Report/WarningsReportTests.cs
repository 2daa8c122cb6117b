using System.Text.Json;
using Microsoft.ML;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Report;

[TestClass]
public sealed class WarningsReportTests
{
    private sealed class Row
    {
        public float X { get; set; }

        public string Id { get; set; } = "";

        public string K { get; set; } = "";
    }

    private static readonly EvaluationOptions Quick = new() { Seed = 1, Detection = { Enabled = false }, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false } };

    /// <summary><paramref name="count"/> rows with a distinct <c>Id</c> each (prefix <paramref name="id"/>) and K drawn from <paramref name="categories"/>.</summary>
    private static IDataView Rows(MLContext ml, int seed, int count, string id, params string[] categories)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, count)
            .Select(i => new Row { X = (float)random.NextDouble(), Id = $"{id}{i}", K = categories[i % categories.Length] }).ToArray());
    }

    [TestMethod]
    public void Evaluate_IdentifierAndUnseenHoldoutCategory_AreWarnedInJsonHtmlAndToString()
    {
        var ml = new MLContext(1);
        var real = Rows(ml, 1, 80, "r", "a", "b");
        var synthetic = Rows(ml, 2, 80, "s", "a", "b", "c");
        var holdout = Rows(ml, 3, 60, "h", "a", "c", "d");

        var report = ml.Synthetic().Evaluate(real, synthetic, holdout, Quick);

        var identifier = report.Warnings.Single(w => w.StartsWith("Column 'Id' looks like an identifier", StringComparison.Ordinal));
        var unseen = report.Warnings.Single(w => w.StartsWith("Column 'K': the holdout data", StringComparison.Ordinal));
        StringAssert.Contains(unseen, "'c', 'd'", "c (also only in the synthetic data) and d are both unseen in the real training data");
        StringAssert.Contains(unseen, "never seen in training");

        using var json = JsonDocument.Parse(report.ToJson());
        var listed = json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToArray();
        CollectionAssert.Contains(listed, identifier);
        CollectionAssert.Contains(listed, unseen);
        StringAssert.Contains(report.ToHtml(), System.Net.WebUtility.HtmlEncode(unseen));
        var lines = report.ToString().Split(Environment.NewLine);
        CollectionAssert.Contains(lines, "warning: " + identifier);
        CollectionAssert.Contains(lines, "warning: " + unseen);
        Assert.IsTrue(lines.Any(l => l.StartsWith("fidelity.overall = ", StringComparison.Ordinal)), "the scores come first");
    }

    [TestMethod]
    public void Evaluate_RowCapCutsTheTables_WarnsNamingMetricRowsCapAndOption()
    {
        var ml = new MLContext(1);
        var options = new EvaluationOptions { Seed = 1, Detection = { MaxRowsPerTable = 40, GradientBoostedTrees = false }, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false } };

        var report = ml.Synthetic().Evaluate(Rows(ml, 1, 80, "r", "a", "b"), Rows(ml, 2, 70, "s", "a", "b"), options: options);

        var capped = report.Warnings.Where(w => w.StartsWith("Metric ", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(1, capped, string.Join("\n", report.Warnings));
        Assert.AreEqual("Metric 'detection' used a seeded sample of 40 of 80 real rows, 40 of 70 synthetic rows (row cap 40, DetectionOptions.MaxRowsPerTable); its figures are estimates. Raise DetectionOptions.MaxRowsPerTable (null uses every row) to score the whole tables.", capped[0]);
        CollectionAssert.Contains(report.ToString().Split(Environment.NewLine), "warning: " + capped[0]);
    }

    [TestMethod]
    public void Evaluate_TablesUnderTheCaps_HaveNoRowCapWarning()
    {
        var ml = new MLContext(1);
        var options = new EvaluationOptions { Seed = 1, Detection = { GradientBoostedTrees = false }, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false } };

        var report = ml.Synthetic().Evaluate(Rows(ml, 1, 60, "r", "a", "b"), Rows(ml, 2, 50, "s", "a", "b"), options: options);

        Assert.IsFalse(report.Warnings.Any(w => w.StartsWith("Metric ", StringComparison.Ordinal)), string.Join("\n", report.Warnings));
        Assert.IsFalse(report.ToString().Contains("warning: Metric", StringComparison.Ordinal));
    }
}
