using Microsoft.ML;
using Microsoft.ML.Synthetic.AutoTrain.Tasks;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

[TestClass]
public sealed class BinaryMetricsTests
{
    private sealed class Scored
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    [TestMethod]
    public void Auc_KnownCases()
    {
        Assert.AreEqual(1.0, BinaryMetrics.AreaUnderRocCurve([false, false, true, true], [0.1f, 0.2f, 0.3f, 0.4f]), 1e-12);
        Assert.AreEqual(0.0, BinaryMetrics.AreaUnderRocCurve([true, true, false, false], [0.1f, 0.2f, 0.3f, 0.4f]), 1e-12);
        Assert.AreEqual(0.5, BinaryMetrics.AreaUnderRocCurve([true, false, true, false], [1f, 1f, 1f, 1f]), 1e-12);
        // One positive above one negative, one pair tied: (1 + 0.5 + 1 + 1) / 4.
        Assert.AreEqual(0.875, BinaryMetrics.AreaUnderRocCurve([true, true, false, false], [0.9f, 0.5f, 0.5f, 0.1f]), 1e-12);
        Assert.IsTrue(double.IsNaN(BinaryMetrics.AreaUnderRocCurve([true, true], [0.1f, 0.2f])));
    }

    [TestMethod]
    public void Auc_MatchesMlNetEvaluator()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 2000).Select(_ =>
        {
            bool label = random.NextDouble() < 0.3;
            float score = (float)(random.NextDouble() - 0.6 + (label ? 0.4 : 0));   // ML.NET predicts positive above 0
            return new Scored { Label = label, Score = score, Probability = (score + 0.6f) / 1.4f, PredictedLabel = score > 0 };
        }).ToList();
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromEnumerable(rows);
        double expected = ml.BinaryClassification.Evaluate(view).AreaUnderRocCurve;
        Assert.AreEqual(expected, BinaryMetrics.Compute(view, "Label", AutoTrainMetric.AreaUnderRocCurve), 1e-6);
        Assert.AreEqual(ml.BinaryClassification.Evaluate(view).Accuracy,
            BinaryMetrics.Compute(view, "Label", AutoTrainMetric.Accuracy), 1e-9);
        Assert.AreEqual(ml.BinaryClassification.Evaluate(view).F1Score,
            BinaryMetrics.Compute(view, "Label", AutoTrainMetric.F1Score), 1e-9);
    }

    [TestMethod]
    public void AveragePrecision_KnownCase()
    {
        // Ranked: +, -, +: precision 1 at recall 0.5, 2/3 at recall 1 → 0.5·1 + 0.5·2/3.
        Assert.AreEqual(0.5 + 1.0 / 3, BinaryMetrics.AveragePrecision([true, false, true], [0.9f, 0.5f, 0.1f]), 1e-12);
    }
}
