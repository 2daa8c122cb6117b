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
        var options = EvaluationOptions.QualityOnly(seed: 1);
        QualityReport? report = null;
        report = ml.Synthetic().Evaluate(real, synthetic, options: options);   // warm-up (JIT)
        var cpuRuns = new List<double>();
        double seconds = ctx.Median(ctx.Quick ? 1 : 7, () => cpuRuns.Add(CpuSeconds(() => report = ml.Synthetic().Evaluate(real, synthetic, options: options))));
        double cpu = cpuRuns.Order().ElementAt(cpuRuns.Count / 2);
        var rows = new Dictionary<string, object> { ["cpu_s"] = Math.Round(cpu, 3), ["real_rows"] = adult.Real.RowCount, ["synthetic_rows"] = adult.Synthetic.RowCount, ["columns"] = adult.Real.Columns.Count, ["pairs"] = report!.Fidelity.Pairs.Count };
        ctx.Report("quality.adult", seconds, "s", rows);
        ctx.Report("quality.adult.shuffled.overall", report.OverallQuality, "score", new() { ["synthetic"] = "adult, columns shuffled independently" });
        ctx.Report("quality.adult.shuffled.pair_trends", report.Fidelity.ColumnPairTrends, "score");
        var holdoutReport = ml.Synthetic().Evaluate(real, holdout, options: options);
        ctx.Report("quality.adult.holdout.overall", holdoutReport.OverallQuality, "score", new() { ["synthetic"] = "real holdout" });
        ctx.Report("quality.adult.holdout.pair_trends", holdoutReport.Fidelity.ColumnPairTrends, "score");

        // The Gaussian copula fitted on the real rows, 32,561 samples (seed 7).
        var copula = ml.Synthetic().Synthesizers.GaussianCopula().Fit(adult.Real);
        var copulaReport = ml.Synthetic().Evaluate(real, copula.Sample(adult.Synthetic.RowCount, seed: 7), options: options);
        ctx.Report("quality.adult.copula.overall", copulaReport.OverallQuality, "score", new() { ["synthetic"] = "GaussianCopula samples", ["column_shapes"] = Math.Round(copulaReport.Fidelity.ColumnShapes, 4) });
        ctx.Report("quality.adult.copula.pair_trends", copulaReport.Fidelity.ColumnPairTrends, "score");
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
        report = ml.Synthetic().Evaluate(real, synthetic, holdout, options);   // warm-up (JIT)
        var cpuRuns = new List<double>();
        double seconds = ctx.Median(ctx.Quick ? 1 : 3, () => cpuRuns.Add(CpuSeconds(() => report = ml.Synthetic().Evaluate(real, synthetic, holdout, options))));
        double cpu = cpuRuns.Order().ElementAt(cpuRuns.Count / 2);
        var extra = new Dictionary<string, object> { ["real_rows"] = adult.Real.RowCount, ["synthetic_rows"] = adult.Synthetic.RowCount, ["holdout_rows"] = adult.Holdout.RowCount, ["cpu_s"] = Math.Round(cpu, 3) };
        ctx.Report("report.full.adult", seconds, "s", extra);

        // Stage costs, one run each, for reading the total.
        foreach (var (stage, stageOptions) in new (string, EvaluationOptions)[]
        {
            ("detection", new EvaluationOptions { Seed = 1, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false } }),
            ("privacy", new EvaluationOptions { Seed = 1, Detection = { Enabled = false }, Fidelity = { KernelMetrics = false } }),
            ("kernel", new EvaluationOptions { Seed = 1, Detection = { Enabled = false }, Privacy = { Enabled = false } }),
        })
        {
            double stageCpu = 0;
            double s = ctx.Median(1, () => stageCpu = CpuSeconds(() => ml.Synthetic().Evaluate(real, synthetic, holdout, stageOptions)));
            ctx.Report($"report.full.adult.with_{stage}_only", s, "s", new() { ["cpu_s"] = Math.Round(stageCpu, 3) });
        }

        ctx.Report("report.full.adult.detection", report!.Detection!.Score, "score", new() { ["synthetic"] = "adult, columns shuffled independently" });
        ctx.Report("report.full.adult.median_dcr", report.Privacy!.MedianDcrToReal, "score");
    }

    /// <summary>Processor seconds (all threads) the process spent in <paramref name="action"/>: the work done, whatever else the machine runs.</summary>
    private static double CpuSeconds(Action action)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds;
    }
}
