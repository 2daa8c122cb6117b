using Microsoft.ML;
using Microsoft.ML.Synthetic.Evaluation.Privacy;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Privacy;

/// <summary>The three rules where SDMetrics was found to differ, against hand-computed values, with the earlier rules as options.</summary>
[TestClass]
public sealed class SdMetricsRuleTests
{
    private sealed class Row
    {
        public double X { get; set; }

        public string K { get; set; } = "";
    }

    private static IDataView View(MLContext ml, params (double X, string K)[] rows) =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new Row { X = r.X, K = r.K }).ToArray());

    private static PrivacyResult Privacy(IDataView real, IDataView synthetic, Action<PrivacyOptions>? configure = null)
    {
        var options = new EvaluationOptions { Seed = 1, Detection = { Enabled = false }, Fidelity = { KernelMetrics = false } };
        configure?.Invoke(options.Privacy);
        return new MLContext(1).Synthetic().Evaluate(real, synthetic, options: options).Privacy!;
    }

    [TestMethod]
    public void NewRowSynthesis_ToleranceIsRelativeToTheSyntheticValue_RangeRuleAsOption()
    {
        var ml = new MLContext(1);
        var real = View(ml, (0, "a"), (100, "a"), (200, "a"));
        var synthetic = View(ml, (201.5, "a"), (0.004, "a"), (0.5, "a"));

        // SDMetrics: |r − s| ≤ |0.01 s|. 201.5: |200 − 201.5| = 1.5 ≤ 2.015 → copy; 0.004: 0.004 > 0.00004 → new; 0.5: 0.5 > 0.005 → new.
        Assert.AreEqual(2 / 3.0, Privacy(real, synthetic).NewRowSynthesis, 1e-12);

        // Earlier rule: |r − s| ≤ 0.01 × range (200) = 2: every synthetic row is within 2 of a real one.
        Assert.AreEqual(0.0, Privacy(real, synthetic, p => p.NumericalMatchRule = NumericalMatchRule.RealRange).NewRowSynthesis, 1e-12);
    }

    [TestMethod]
    public void NewRowSynthesis_CategoriesMustBeEqual()
    {
        var ml = new MLContext(1);
        var real = View(ml, (10, "a"), (20, "b"));
        var synthetic = View(ml, (10, "b"), (20, "b"));
        Assert.AreEqual(0.5, Privacy(real, synthetic).NewRowSynthesis, 1e-12, "(10, b) has no real row with K = b and X within 0.1");
    }

    [TestMethod]
    public void Dcr_ConstantRealColumn_CountsAnyDifferenceAsOne_UnitRangeAsOption()
    {
        var ml = new MLContext(1);
        var real = View(ml, (5, "a"), (5, "b"), (5, "a"));
        var synthetic = View(ml, (5.5, "a"), (5, "b"));

        // SDMetrics: row (5.5, a) is at (1 + 0) / 2 = 0.5 from (5, a); row (5, b) is at 0. Median of {0.5, 0} = 0.25.
        Assert.AreEqual(0.25, Privacy(real, synthetic).MedianDcrToReal, 1e-7);

        // Earlier rule: range 1, so the difference 0.5 counts 0.5: (0.5 + 0) / 2 = 0.25 and 0; median 0.125.
        Assert.AreEqual(0.125, Privacy(real, synthetic, p => p.ConstantColumnDistance = ConstantColumnDistance.UnitRange).MedianDcrToReal, 1e-7);
    }

    [TestMethod]
    public void DcrBaselineProtection_IsNaNWhenTheRandomBaselineSitsOnTheRealRows_OneAsOption()
    {
        var ml = new MLContext(1);

        // One category and one constant value: every random row equals every real row, so the random median DCR is 0.
        var real = View(ml, (3, "a"), (3, "a"), (3, "a"));
        var synthetic = View(ml, (3, "a"), (4, "a"));
        var sdmetrics = Privacy(real, synthetic);
        Assert.AreEqual(0.0, sdmetrics.MedianDcrRandomToReal);
        Assert.IsTrue(double.IsNaN(sdmetrics.DcrBaselineProtection));
        Assert.AreEqual(1.0, Privacy(real, synthetic, p => p.BaselineProtectionWhenBaselineIsZero = 1.0).DcrBaselineProtection);
    }
}
