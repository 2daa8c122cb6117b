using System.Text.Json;
using Microsoft.ML;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Report;

[TestClass]
public sealed class JsonReportTests
{
    [TestMethod]
    public void SaveJson_WritesEveryFigureAndDetail()
    {
        var ml = new MLContext(seed: 1);
        var report = ml.Synthetic().Evaluate(AdultFixture.Train.ToDataView(), AdultFixture.Test.ToDataView(), options: new EvaluationOptions { Seed = 3, Detection = new() { MaxRowsPerTable = 2000, Iterations = 20 }, Privacy = { BaselineRows = 500 } });
        string path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.json");
        try
        {
            report.SaveJson(path);
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            Assert.AreEqual(report.OverallQuality, root.GetProperty("overallQuality").GetDouble(), 1e-15);
            Assert.AreEqual(report.RealRows, root.GetProperty("realRows").GetInt32());
            var fidelity = root.GetProperty("fidelity");
            Assert.AreEqual(15, fidelity.GetProperty("shapes").GetArrayLength());
            Assert.AreEqual(105, fidelity.GetProperty("pairs").GetArrayLength());
            Assert.AreEqual(report.Fidelity.ColumnPairTrends, fidelity.GetProperty("columnPairTrends").GetDouble(), 1e-15);
            Assert.AreEqual(report.Detection!.Score, root.GetProperty("detection").GetProperty("score").GetDouble(), 1e-15);
            Assert.AreEqual(report.Privacy!.MedianDcrToReal, root.GetProperty("privacy").GetProperty("medianDcrToReal").GetDouble(), 1e-15);
            Assert.AreEqual(report.Scores["fidelity.overall"], root.GetProperty("scores").GetProperty("fidelity.overall").GetDouble(), 1e-15);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
