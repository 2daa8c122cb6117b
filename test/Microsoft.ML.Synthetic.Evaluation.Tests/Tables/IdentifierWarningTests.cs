using Microsoft.ML;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Tables;

[TestClass]
public sealed class IdentifierWarningTests
{
    private sealed class Row
    {
        public string Id { get; set; } = "";

        public string Group { get; set; } = "";

        public float Value { get; set; }
    }

    private static IDataView Rows(MLContext ml, int start, int count) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(start, count).Select(i => new Row { Id = $"customer-{i:D6}", Group = (i % 4).ToString(), Value = i % 17 }).ToArray());

    [TestMethod]
    public void Evaluate_IdentifierLikeTextColumn_IsFlaggedInWarnings()
    {
        var ml = new MLContext(1);
        var report = ml.Synthetic().Evaluate(Rows(ml, 0, 400), Rows(ml, 1000, 400), options: EvaluationOptions.QualityOnly(1));
        var flagged = report.Warnings.Where(w => w.Contains("looks like an identifier")).ToArray();
        Assert.HasCount(1, flagged, string.Join("\n", report.Warnings));
        StringAssert.Contains(flagged[0], "Column 'Id'");
        StringAssert.Contains(flagged[0], "400 distinct values in 400 real rows");
        Assert.IsTrue(report.Warnings.Any(w => w.Contains("categories the real data lacks") && w.Contains("and 390 more")), "the unseen-category warning lists ten and counts the rest");
    }

    [TestMethod]
    public void Evaluate_ColumnWithRepeatedValues_IsNotFlagged()
    {
        var ml = new MLContext(1);
        var report = ml.Synthetic().Evaluate(Rows(ml, 0, 400), Rows(ml, 0, 400), options: EvaluationOptions.QualityOnly(1));
        Assert.IsFalse(report.Warnings.Any(w => w.Contains("'Group'") || w.Contains("'Value'")), string.Join("\n", report.Warnings));
    }
}
