using Microsoft.ML.Synthetic.Evaluation;

namespace Microsoft.ML.Synthetic.Benchmarks.Evaluation;

/// <summary>Speed of the evaluation library on Adult (26,048 real rows vs 32,561 synthetic rows).</summary>
public static class EvaluationBenchmarks
{
    /// <summary>
    /// <c>quality.adult</c>: seconds for SDMetrics' quality score alone (column shapes + column pair trends) through
    /// <c>ml.Synthetic().Evaluate</c> from in-memory views, reading included; median of runs.
    /// Also the scores of the real holdout and of the column-shuffled stand-in under the same definitions.
    /// </summary>
    [Benchmark("quality")]
    public static void Quality(BenchmarkContext ctx)
    {
        var adult = AdultTables.Load(ctx.Quick);
        var ml = new MLContext(seed: 1);
        IDataView real = adult.Real.ToDataView(), synthetic = adult.Synthetic.ToDataView(), holdout = adult.Holdout.ToDataView();
        var options = new EvaluationOptions
        {
            Seed = 1,
            Detection = { Enabled = false },
            Privacy = { Enabled = false },
            Fidelity = { KernelMetrics = false },
        };
        QualityReport? report = null;
        report = ml.Synthetic().Evaluate(real, synthetic, options: options);   // warm-up (JIT)
        double seconds = ctx.Median(ctx.Quick ? 1 : 7, () => report = ml.Synthetic().Evaluate(real, synthetic, options: options));
        var rows = new Dictionary<string, object> { ["real_rows"] = adult.Real.RowCount, ["synthetic_rows"] = adult.Synthetic.RowCount, ["columns"] = adult.Real.Columns.Count, ["pairs"] = report!.Fidelity.Pairs.Count };
        ctx.Report("quality.adult", seconds, "s", rows);
        ctx.Report("quality.adult.shuffled.overall", report.OverallQuality, "score", new() { ["synthetic"] = "adult, columns shuffled independently" });
        ctx.Report("quality.adult.shuffled.pair_trends", report.Fidelity.ColumnPairTrends, "score");
        var holdoutReport = ml.Synthetic().Evaluate(real, holdout, options: options);
        ctx.Report("quality.adult.holdout.overall", holdoutReport.OverallQuality, "score", new() { ["synthetic"] = "real holdout" });
        ctx.Report("quality.adult.holdout.pair_trends", holdoutReport.Fidelity.ColumnPairTrends, "score");
    }

    /// <summary>
    /// <c>report.full.adult</c>: seconds for the full report without utility: fidelity (with MMD and α/β),
    /// detection (logistic regression and LightGBM, 3 folds, every row) and privacy (DCR of every synthetic row to
    /// every real row, to the holdout, baseline, NewRowSynthesis, membership inference). Median of runs.
    /// </summary>
    [Benchmark("report")]
    public static void FullReport(BenchmarkContext ctx)
    {
        var adult = AdultTables.Load(ctx.Quick);
        var ml = new MLContext(seed: 1);
        IDataView real = adult.Real.ToDataView(), synthetic = adult.Synthetic.ToDataView(), holdout = adult.Holdout.ToDataView();
        var options = new EvaluationOptions { Seed = 1 };
        QualityReport? report = null;
        double seconds = ctx.Median(ctx.Quick ? 1 : 3, () => report = ml.Synthetic().Evaluate(real, synthetic, holdout, options));
        var extra = new Dictionary<string, object> { ["real_rows"] = adult.Real.RowCount, ["synthetic_rows"] = adult.Synthetic.RowCount, ["holdout_rows"] = adult.Holdout.RowCount };
        ctx.Report("report.full.adult", seconds, "s", extra);

        // Stage costs, one run each, for reading the total.
        foreach (var (stage, stageOptions) in new (string, EvaluationOptions)[]
        {
            ("detection", new EvaluationOptions { Seed = 1, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false } }),
            ("privacy", new EvaluationOptions { Seed = 1, Detection = { Enabled = false }, Fidelity = { KernelMetrics = false } }),
            ("kernel", new EvaluationOptions { Seed = 1, Detection = { Enabled = false }, Privacy = { Enabled = false } }),
        })
        {
            double s = ctx.Median(1, () => ml.Synthetic().Evaluate(real, synthetic, holdout, stageOptions));
            ctx.Report($"report.full.adult.with_{stage}_only", s, "s");
        }

        ctx.Report("report.full.adult.detection", report!.Detection!.Score, "score", new() { ["synthetic"] = "adult, columns shuffled independently" });
        ctx.Report("report.full.adult.median_dcr", report.Privacy!.MedianDcrToReal, "score");
    }
}
