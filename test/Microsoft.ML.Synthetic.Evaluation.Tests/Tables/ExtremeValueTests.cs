using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Tables;

[TestClass]
public sealed class ExtremeValueTests
{
    private sealed class Row
    {
        public double X { get; set; }

        public double Y { get; set; }

        public string K { get; set; } = "";
    }

    /// <summary>Rows whose X and Y are drawn in (−1.5, 1.5) and multiplied by 2^<paramref name="exponent"/>.</summary>
    private static IDataView Draw(MLContext ml, int seed, int exponent, int rows = 120)
    {
        var random = new Random(seed);
        double factor = Math.ScaleB(1.0, exponent);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ =>
        {
            double x = random.NextDouble() * 3 - 1.5;
            return new Row { X = x * factor, Y = (x + 0.5 * random.NextDouble()) * factor, K = random.Next(3).ToString() };
        }).ToArray());
    }

    private static QualityReport Evaluate(MLContext ml, int exponent) =>
        ml.Synthetic().Evaluate(Draw(ml, 1, exponent), Draw(ml, 2, exponent), Draw(ml, 3, exponent),
            new EvaluationOptions { Seed = 3, Detection = { Enabled = false } });

    [TestMethod]
    public void Evaluate_ValuesNear1e308_GiveTheScoresOfTheSameDataNear1AndAWarning()
    {
        var ml = new MLContext(1);
        var huge = Evaluate(ml, 1022);   // |values| up to 1.5 × 2^1022 ≈ 6.7e307: ranges and differences overflow unscaled
        var plain = Evaluate(ml, 0);
        Assert.IsTrue(huge.Scores.Count == plain.Scores.Count, "every score is defined");
        foreach (var (name, value) in plain.Scores)
        {
            Assert.IsTrue(double.IsFinite(huge.Scores[name]), name);
            Assert.AreEqual(value, huge.Scores[name], 1e-9, name);
        }

        Assert.AreEqual(plain.Fidelity.Shapes[0].WassersteinDistance, huge.Fidelity.Shapes[0].WassersteinDistance, 1e-12);
        Assert.IsGreaterThan(0.0, huge.Fidelity.Shapes[0].WassersteinDistance, "two draws differ: W1 is not 0");
        Assert.IsTrue(huge.Fidelity.BetaRecall >= 0 && huge.Fidelity.BetaRecall <= 1, $"β-recall {huge.Fidelity.BetaRecall}");
        Assert.IsTrue(huge.Warnings.Any(w => w.Contains("'X'") && w.Contains("2^-1022")), string.Join("\n", huge.Warnings));
        Assert.IsEmpty(plain.Warnings);
    }

    [TestMethod]
    public void Evaluate_TinyValues_AreRescaledNotUnderflowed()
    {
        var ml = new MLContext(1);
        var tiny = Evaluate(ml, -1000);
        var plain = Evaluate(ml, 0);
        foreach (var (name, value) in plain.Scores) Assert.AreEqual(value, tiny.Scores[name], 1e-9, name);
    }

    [TestMethod]
    public void Evaluate_InfiniteValueInATable_ThrowsNamingTheColumnTableAndRow()
    {
        var ml = new MLContext(1);
        var real = TabularData.FromDataView(Draw(ml, 1, 0, rows: 20));
        var synthetic = TabularData.FromDataView(Draw(ml, 2, 0, rows: 20));
        var y = ((ContinuousColumn)synthetic["Y"]).Values.ToArray();
        y[7] = double.NegativeInfinity;
        var bad = new TabularData(synthetic.Schema, synthetic.Columns.Select(c => c.Name == "Y" ? new ContinuousColumn("Y", y, false) : c).ToArray());
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Evaluation.Evaluate(real, bad, options: EvaluationOptions.QualityOnly(1)));
        StringAssert.Contains(e.Message, "Column 'Y'");
        StringAssert.Contains(e.Message, "synthetic data (row 7)");
        StringAssert.Contains(e.Message, "needs finite numbers");
    }
}
