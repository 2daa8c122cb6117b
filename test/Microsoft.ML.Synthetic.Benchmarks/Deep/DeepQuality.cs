using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Benchmarks.Deep;

/// <summary>
/// Quality of a deep synthesizer trained on Adult's 80 % split: SDMetrics' quality score (column shapes and column
/// pair trends, thresholds 0) of a synthetic table as large as the training set, and TSTR ROC AUC on the real 20 %
/// holdout for <c>income</c> (the evaluation library's default trainer), beside the real-trained AUC (TRTR).
/// </summary>
internal static class DeepQuality
{
    public static void Report(BenchmarkContext ctx, string model, MLContext ml, DataOperationsCatalog.TrainTestData split, ISynthesizerModel fitted, int epochs, double fitSeconds,
        string suffix = "", Dictionary<string, object>? moreFields = null)
    {
        long rows = TabularData.FromDataView(split.TrainSet).RowCount;
        Report(ctx, model, ml, split, fitted.Sample(rows, seed: 7), rows, epochs, fitSeconds, suffix, moreFields);
    }

    /// <summary>The same figures for an already generated <paramref name="synthetic"/> table of <paramref name="rows"/> rows.</summary>
    public static void Report(BenchmarkContext ctx, string model, MLContext ml, DataOperationsCatalog.TrainTestData split, IDataView synthetic, long rows, int epochs, double fitSeconds,
        string suffix = "", Dictionary<string, object>? moreFields = null)
    {
        var options = new EvaluationOptions
        {
            Seed = 1,
            Detection = { Enabled = false },
            Privacy = { Enabled = false },
            Fidelity = { KernelMetrics = false },
            Utility = { LabelColumn = "income" },
        };
        var report = ml.Synthetic().Evaluate(split.TrainSet, synthetic, split.TestSet, options);
        var extra = new Dictionary<string, object> { ["epochs"] = epochs, ["fit_s"] = Math.Round(fitSeconds, 1), ["synthetic_rows"] = rows };
        foreach (var (key, value) in moreFields ?? [])
        {
            extra[key] = value;
        }

        ctx.Report($"{model}.quality.adult{suffix}", report.OverallQuality, "score", new(extra)
        {
            ["column_shapes"] = Math.Round(report.Fidelity.ColumnShapes, 4),
            ["column_pair_trends"] = Math.Round(report.Fidelity.ColumnPairTrends, 4),
        });
        var utility = report.Utility ?? throw new InvalidOperationException("the evaluation computed no utility");
        ctx.Report($"{model}.tstr_auc.adult{suffix}", utility.Tstr.Auc, "auc", new(extra)
        {
            ["trtr_auc"] = Math.Round(utility.Trtr.Auc, 4),
            ["trainer"] = utility.Trainer,
        });
    }
}
