using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Detection;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Privacy;
using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.ML.Synthetic.Evaluation.Utility;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests;

/// <summary>Every loop over rows or pairs stops on a cancelled token with <see cref="OperationCanceledException"/>.</summary>
[TestClass]
public sealed class CancellationTests
{
    private static readonly CancellationToken Cancelled = new(canceled: true);

    private sealed class Row
    {
        public float X { get; set; }

        public float Y { get; set; }

        public string K { get; set; } = "";
    }

    private static TabularData Table(int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 200).Select(_ => new Row { X = (float)random.NextDouble(), Y = random.Next(5), K = random.Next(2) == 0 ? "a" : "b" }).ToArray();
        return TabularData.FromDataView(new MLContext(1).Data.LoadFromEnumerable(rows));
    }

    private static AlignedTables Aligned() => AlignedTables.Create(Table(1), Table(2), Table(3));

    [TestMethod]
    public void ColumnShapes_PreCancelled_Throws() =>
        Assert.ThrowsExactly<OperationCanceledException>(() => FidelityEvaluator.ColumnShapes(Aligned(), Cancelled));

    [TestMethod]
    public void ColumnPairTrends_PreCancelled_Throws() =>
        Assert.ThrowsExactly<OperationCanceledException>(() => FidelityEvaluator.ColumnPairTrends(Aligned(), new FidelityOptions(), Cancelled));

    [TestMethod]
    public void KernelMetrics_PreCancelled_Throws()
    {
        var tables = Aligned();
        var result = FidelityEvaluator.Evaluate(tables, new FidelityOptions { KernelMetrics = false }, 1, CancellationToken.None);
        Assert.ThrowsExactly<OperationCanceledException>(() => KernelMetrics.Compute(tables, 100, 1, result, Cancelled));
    }

    [TestMethod]
    public void Detection_PreCancelled_Throws()
    {
        var tables = Aligned();
        Assert.ThrowsExactly<OperationCanceledException>(() => DetectionEvaluator.Evaluate(tables, tables.FitEncoding(), new DetectionOptions(), 1, Cancelled));
    }

    [TestMethod]
    public void Dcr_PreCancelled_Throws()
    {
        var tables = Aligned();
        var encoding = tables.FitEncoding();
        var index = new DcrIndex(encoding.ColumnMajor(tables.Real), encoding.ScaledContinuous.Length);
        Assert.ThrowsExactly<OperationCanceledException>(() => index.Query(encoding.ColumnMajor(tables.Synthetic), Cancelled));
        Assert.ThrowsExactly<OperationCanceledException>(() => PrivacyEvaluator.Evaluate(tables, new PrivacyOptions(), 1, Cancelled));
    }

    [TestMethod]
    public void NewRowSynthesis_PreCancelled_Throws()
    {
        var tables = Aligned();
        var rows = Enumerable.Range(0, 200).ToArray();
        Assert.ThrowsExactly<OperationCanceledException>(() => NewRowSynthesis.Compute(tables, rows, rows, 0.01, NumericalMatchRule.SyntheticValue, Cancelled));
    }

    [TestMethod]
    public void Utility_PreCancelled_ThrowsBeforeTheFirstFit()
    {
        var tables = Aligned();
        Assert.ThrowsExactly<OperationCanceledException>(() =>
            UtilityEvaluator.Evaluate(new MLContext(1), tables, tables.FitEncoding(), new UtilityOptions { LabelColumn = "K" }, 1, Cancelled));
    }

    [TestMethod]
    public void Evaluate_PreCancelled_Throws() =>
        Assert.ThrowsExactly<OperationCanceledException>(() => new MLContext(1).Synthetic().Evaluation.Evaluate(Table(1), Table(2), cancellationToken: Cancelled));
}
