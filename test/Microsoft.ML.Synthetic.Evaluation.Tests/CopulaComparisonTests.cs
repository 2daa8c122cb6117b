using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests;

/// <summary>The evaluation applied to the Gaussian copula's samples, beside the holdout and column-shuffled rows.</summary>
[TestClass]
public sealed class CopulaComparisonTests
{
    [TestMethod]
    public void ShuffledColumns_ScoreLowerOnPairTrendsThanCopulaSamples()
    {
        var ml = new MLContext(seed: 42);
        var train = AdultFixture.Train;
        var copula = ml.Synthetic().Synthesizers.GaussianCopula().Fit(train);
        var samples = copula.SampleTable(train.RowCount, null, 7);
        var options = new EvaluationOptions { Seed = 1, Detection = { Enabled = false }, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false } };
        QualityReport Score(TabularData synthetic) => ml.Synthetic().Evaluate(train.ToDataView(), synthetic.ToDataView(), options: options);

        var copulaReport = Score(samples);
        var shuffledReport = Score(AdultFixture.ShuffleColumns(train, 11));
        var holdoutReport = Score(AdultFixture.Test);
        Console.WriteLine($"overall / shapes / pair trends — holdout {holdoutReport.OverallQuality:F4} / {holdoutReport.Fidelity.ColumnShapes:F4} / {holdoutReport.Fidelity.ColumnPairTrends:F4}; " +
            $"copula {copulaReport.OverallQuality:F4} / {copulaReport.Fidelity.ColumnShapes:F4} / {copulaReport.Fidelity.ColumnPairTrends:F4}; " +
            $"shuffled {shuffledReport.OverallQuality:F4} / {shuffledReport.Fidelity.ColumnShapes:F4} / {shuffledReport.Fidelity.ColumnPairTrends:F4}");
        foreach (var metric in new[] { "CorrelationSimilarity", "ContingencySimilarity" })
        {
            double Mean(QualityReport r) => r.Fidelity.Pairs.Where(p => p.Metric == metric && !double.IsNaN(p.Score)).Average(p => p.Score);
            Console.WriteLine($"{metric}: holdout {Mean(holdoutReport):F4}, copula {Mean(copulaReport):F4}, shuffled {Mean(shuffledReport):F4}");
        }

        Assert.IsLessThan(copulaReport.Fidelity.ColumnPairTrends - 0.01, shuffledReport.Fidelity.ColumnPairTrends);
        Assert.IsLessThan(holdoutReport.Fidelity.ColumnPairTrends, copulaReport.Fidelity.ColumnPairTrends);
    }
}
