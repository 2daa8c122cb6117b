using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Fairness;
using Microsoft.ML.Synthetic.Evaluation.Utility;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Fairness;

[TestClass]
public sealed class FairnessTests
{
    private static QualityReport Evaluate(IDataView real, IDataView synthetic, IDataView? holdout, EvaluationOptions options) =>
        new MLContext(seed: 1).Synthetic().Evaluate(real, synthetic, holdout, options);

    private static EvaluationOptions Options(string? utilityLabel) => new()
    {
        Seed = 2,
        Detection = { Enabled = false },
        Privacy = { Enabled = false },
        Fidelity = { KernelMetrics = false },
        Utility = { LabelColumn = utilityLabel },
        Fairness = { ProtectedAttribute = "G", LabelColumn = "Y", PositiveClass = "yes" },
    };

    [TestMethod]
    public void GroupRates_MatchHandComputedValues()
    {
        var ml = new MLContext(seed: 1);
        // Group a: 3 of 4 positive; group b: 1 of 4 positive.
        var real = ml.Data.LoadFromEnumerable(new[] { "a yes", "a yes", "a yes", "a no", "b yes", "b no", "b no", "b no" }.Select(Row.Parse));
        // Synthetic: a 1 of 2, b 1 of 2 (parity).
        var synthetic = ml.Data.LoadFromEnumerable(new[] { "a yes", "a no", "b yes", "b no" }.Select(Row.Parse));
        var f = Evaluate(real, synthetic, null, Options(null)).Fairness!;
        Assert.AreEqual(0.5, f.Real.DemographicParityDifference, 1e-15);
        Assert.AreEqual(1.0 / 3.0, f.Real.DisparateImpactRatio, 1e-15);
        Assert.AreEqual(0.0, f.Synthetic.DemographicParityDifference, 1e-15);
        Assert.AreEqual(1.0, f.Synthetic.DisparateImpactRatio, 1e-15);
        Assert.IsTrue(double.IsNaN(f.TstrEqualizedOddsDifference));
    }

    [TestMethod]
    public void Adult_RealRowsKeepTheGapAndShuffledRowsLoseIt()
    {
        var test = AdultFixture.Test;
        int half = test.RowCount / 2;
        var synthetic = test.SelectRows(Enumerable.Range(0, half).ToArray());
        var holdout = test.SelectRows(Enumerable.Range(half, test.RowCount - half).ToArray());
        var options = new EvaluationOptions
        {
            Seed = 2,
            Detection = { Enabled = false },
            Privacy = { Enabled = false },
            Fidelity = { KernelMetrics = false },
            Utility = { LabelColumn = "income" },
            Fairness = { ProtectedAttribute = "sex" },
        };
        var real = AdultFixture.Train.SelectRows(Enumerable.Range(0, 8000).ToArray());
        var f = Evaluate(real.ToDataView(), synthetic.ToDataView(), holdout.ToDataView(), options).Fairness!;
        Console.WriteLine($"sex/income: real DPD {f.Real.DemographicParityDifference:F4} DI {f.Real.DisparateImpactRatio:F4}; synthetic DPD {f.Synthetic.DemographicParityDifference:F4}; TSTR EOD {f.TstrEqualizedOddsDifference:F4}, TSTR DPD {f.TstrDemographicParityDifference:F4}");
        Assert.AreEqual(">50K", f.PositiveClass.Trim());
        Assert.IsGreaterThan(0.15, f.Real.DemographicParityDifference);
        Assert.AreEqual(f.Real.DemographicParityDifference, f.Synthetic.DemographicParityDifference, 0.04);
        Assert.IsTrue(f.TstrEqualizedOddsDifference is > 0 and < 1);
        Assert.HasCount(2, f.TstrGroups!);

        var shuffled = AdultFixture.Replace(synthetic, AdultFixture.ShuffleColumns(synthetic, 9)["sex"]);
        var g = Evaluate(real.ToDataView(), shuffled.ToDataView(), holdout.ToDataView(), options).Fairness!;
        Assert.IsLessThan(0.04, g.Synthetic.DemographicParityDifference);
    }

    private sealed class Row
    {
        public string G { get; set; } = "";
        public string Y { get; set; } = "";

        public static Row Parse(string s) => new() { G = s.Split(' ')[0], Y = s.Split(' ')[1] };
    }
}
