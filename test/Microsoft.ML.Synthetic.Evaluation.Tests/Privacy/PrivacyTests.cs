using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Privacy;
using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Privacy;

[TestClass]
public sealed class PrivacyTests
{
    private static PrivacyResult Evaluate(TabularData real, TabularData synthetic, TabularData holdout)
    {
        var ml = new MLContext(seed: 1);
        var options = new EvaluationOptions { Seed = 5, Detection = { Enabled = false }, Fidelity = { KernelMetrics = false }, Privacy = { BaselineRows = 1000, MembershipRows = 2000 } };
        return ml.Synthetic().Evaluate(real.ToDataView(), synthetic.ToDataView(), holdout.ToDataView(), options).Privacy!;
    }

    [TestMethod]
    public void RowDistance_HandComputedCase()
    {
        // Columns: one continuous (already range-scaled) and one categorical code.
        float[][] a = [[0.0f], [1f]], b = [[0.25f], [2f]], c = [[3.0f], [1f]], missing = [[MixedRowEncoding.MissingValue], [1f]];
        Assert.AreEqual((0.25 + 1) / 2, RowDistance.Between(a, 0, b, 0, 1), 1e-7);
        Assert.AreEqual((1 + 0) / 2.0, RowDistance.Between(a, 0, c, 0, 1), 1e-7, "numbers are capped at 1");
        Assert.AreEqual(0.5, RowDistance.Between(a, 0, missing, 0, 1), 1e-7, "one missing value is at distance 1");
        Assert.AreEqual(0.0, RowDistance.Between(missing, 0, missing, 0, 1), 1e-7, "two missing values are at distance 0");
    }

    [TestMethod]
    public void Dcr_EqualsTheBruteForceMinimum()
    {
        var random = new Random(3);
        float[][] Table(int rows) =>
        [
            Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.05 ? MixedRowEncoding.MissingValue : (float)random.NextDouble() * 1.4f).ToArray(),
            Enumerable.Range(0, rows).Select(_ => (float)random.NextDouble()).ToArray(),
            Enumerable.Range(0, rows).Select(_ => (float)random.Next(4)).ToArray(),
        ];
        var queries = Table(301);
        var references = Table(2100 + 5);
        var dcr = RowDistance.Dcr(queries, references, 2, CancellationToken.None);
        for (int q = 0; q < 301; q++)
        {
            double best = Enumerable.Range(0, 2105).Min(r => RowDistance.Between(queries, q, references, r, 2));
            Assert.AreEqual(best, dcr[q], 1e-6, $"row {q}");
        }
    }

    [TestMethod]
    [DataRow(2, 3, 5)]
    [DataRow(0, 3, 7)]
    [DataRow(3, 0, 1)]
    [DataRow(1, 9, 3)]
    [DataRow(2, 2, 400)]
    [DataRow(1, 1, 900)]
    [DataRow(4, 4, 12)]
    public void DcrIndex_EqualsTheBruteForceMinimum(int continuous, int categorical, int cardinality)
    {
        var random = new Random(continuous * 31 + categorical);
        float[][] Table(int rows) => Enumerable.Range(0, continuous + categorical).Select(c => Enumerable.Range(0, rows).Select(_ =>
            c < continuous
                ? (random.NextDouble() < 0.05 ? MixedRowEncoding.MissingValue : (float)(random.NextDouble() * 1.4 - 0.2))
                : random.Next(cardinality)).Select(v => (float)v).ToArray()).ToArray();
        var references = Table(1500);
        var queries = Table(400);
        var index = new DcrIndex(references, continuous);
        var fast = index.Query(queries, CancellationToken.None);
        var brute = RowDistance.Dcr(queries, references, continuous, CancellationToken.None);
        for (int q = 0; q < queries[0].Length; q++) Assert.AreEqual(brute[q], fast[q], 1e-6, $"row {q}");
        Assert.IsLessThanOrEqualTo(Math.Min(1500, Math.Pow(cardinality, categorical)), index.GroupCount);
    }

    [TestMethod]
    public void RowsFromTheRealDistribution_ShowNoMembershipSignal()
    {
        var test = AdultFixture.Test;
        var half = test.RowCount / 2;
        var synthetic = test.SelectRows(Enumerable.Range(0, half).ToArray());
        var holdout = test.SelectRows(Enumerable.Range(half, test.RowCount - half).ToArray());
        var p = Evaluate(AdultFixture.Train, synthetic, holdout);
        Console.WriteLine($"real rows as synthetic: median DCR {p.MedianDcrToReal:F4}, random {p.MedianDcrRandomToReal:F4}, baseline protection {p.DcrBaselineProtection:F4}, closer to training {p.CloserToTrainingShare:F4}, overfitting protection {p.DcrOverfittingProtection:F4}, new rows {p.NewRowSynthesis:F4}, MIA AUC {p.MembershipInferenceAuc:F4}");
        Assert.AreEqual(0.5, p.MembershipInferenceAuc, 0.03);
        Assert.IsGreaterThan(0.9, p.DcrOverfittingProtection);
        Assert.IsGreaterThan(0.9, p.NewRowSynthesis);
        Assert.IsLessThan(p.MedianDcrRandomToReal, p.MedianDcrToReal);
    }

    [TestMethod]
    public void CopiedTrainingRows_AreCaught()
    {
        var copies = AdultFixture.Train.SelectRows(Enumerable.Range(0, 3000).Select(i => i * 7).ToArray());
        var p = Evaluate(AdultFixture.Train, copies, AdultFixture.Test);
        Console.WriteLine($"copies: exact {p.ExactCopyRate:F4}, new rows {p.NewRowSynthesis:F4}, overfitting protection {p.DcrOverfittingProtection:F4}, baseline {p.DcrBaselineProtection:F4}, MIA AUC {p.MembershipInferenceAuc:F4}");
        Assert.AreEqual(1.0, p.ExactCopyRate);
        Assert.AreEqual(0.0, p.NewRowSynthesis);
        Assert.AreEqual(0.0, p.DcrBaselineProtection);
        Assert.IsLessThan(0.2, p.DcrOverfittingProtection);
        Assert.IsGreaterThan(0.54, p.MembershipInferenceAuc);
    }
}
