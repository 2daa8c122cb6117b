
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
        var rows = new Dictionary<string, object> { ["cpu_s"] = Math.Round(cpu, 3), ["real_rows"] = adult.Real.RowCount, ["synthetic_rows"] = adult.Synthetic.RowCount, ["columns"] = adult.Real.Columns.Count, ["pairs"] = report!.Fidelity.Pairs.Count, ["threads"] = Environment.ProcessorCount };   // Parallel.For over columns and pairs
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
        var extra = new Dictionary<string, object> { ["real_rows"] = adult.Real.RowCount, ["synthetic_rows"] = adult.Synthetic.RowCount, ["holdout_rows"] = adult.Holdout.RowCount, ["cpu_s"] = Math.Round(cpu, 3), ["threads"] = Environment.ProcessorCount };   // Parallel.For in every stage
        ctx.Report("report.full.adult", seconds, "s", extra);

        // Stage costs: each stage's own seconds, timed between the evaluation's progress reports in a run where it is
        // the only optional stage (the quality score, which every report computes, runs before it and is not counted).
        var qualityOnly = EvaluationOptions.QualityOnly(seed: 1);
        foreach (var (stage, stageOptions) in new (string, EvaluationOptions)[]
        {
            ("detection", new EvaluationOptions { Seed = 1, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false } }),
            ("privacy", new EvaluationOptions { Seed = 1, Detection = { Enabled = false }, Fidelity = { KernelMetrics = false } }),
        })
        {
            var (stageSeconds, stageCpu, total) = StageSeconds(ml, real, synthetic, holdout, stageOptions, stage);
            ctx.Report($"report.full.adult.with_{stage}_only", stageSeconds, "s", new()
            {
                ["cpu_s"] = Math.Round(stageCpu, 3),
                ["report_s"] = Math.Round(total, 3),
                ["runs"] = 1,
                ["run_min_s"] = Math.Round(stageSeconds, 4),
                ["run_max_s"] = Math.Round(stageSeconds, 4),
                ["threads"] = Environment.ProcessorCount,
            });
        }

        // Kernel metrics (MMD, α-precision/β-recall) run inside the fidelity stage: their cost is the fidelity stage
        // with them minus the fidelity stage without them.
        var (withKernel, withKernelCpu, _) = StageSeconds(ml, real, synthetic, holdout, WithKernel(EvaluationOptions.QualityOnly(seed: 1)), "fidelity");
        var (withoutKernel, withoutKernelCpu, _) = StageSeconds(ml, real, synthetic, holdout, qualityOnly, "fidelity");
        ctx.Report("report.full.adult.with_kernel_only", withKernel - withoutKernel, "s", new()
        {
            ["cpu_s"] = Math.Round(withKernelCpu - withoutKernelCpu, 3),
            ["fidelity_with_kernel_s"] = Math.Round(withKernel, 3),
            ["fidelity_without_kernel_s"] = Math.Round(withoutKernel, 3),
            ["runs"] = 1,
            ["run_min_s"] = Math.Round(withKernel - withoutKernel, 4),
            ["run_max_s"] = Math.Round(withKernel - withoutKernel, 4),
            ["threads"] = Environment.ProcessorCount,
        });

        ctx.Report("report.full.adult.detection", report!.Detection!.Score, "score", new() { ["synthetic"] = "adult, columns shuffled independently" });
        ctx.Report("report.full.adult.median_dcr", report.Privacy!.MedianDcrToReal, "score");
    }

    private static EvaluationOptions WithKernel(EvaluationOptions options)
    {
        options.Fidelity.KernelMetrics = true;
        return options;
    }

    /// <summary>
    /// Wall and processor seconds of <paramref name="stage"/> alone in one evaluation (from its progress report to
    /// the next one), and the wall seconds of the whole evaluation.
    /// </summary>
    private static (double Seconds, double Cpu, double Total) StageSeconds(MLContext ml, IDataView real, IDataView synthetic, IDataView holdout, EvaluationOptions options, string stage)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stamps = new List<(string Stage, double At, double Cpu)>();
        options.Progress = new SynchronousProgress(p =>
        {
            process.Refresh();
            stamps.Add((p.Stage, clock.Elapsed.TotalSeconds, process.TotalProcessorTime.TotalSeconds));
        });
        ml.Synthetic().Evaluate(real, synthetic, holdout, options);
        double total = clock.Elapsed.TotalSeconds;
        int i = stamps.FindIndex(s => s.Stage == stage);
        if (i < 0 || i + 1 >= stamps.Count)
        {
            throw new InvalidOperationException($"the evaluation reported no '{stage}' stage followed by another report (stages: {string.Join(", ", stamps.Select(s => s.Stage))})");
        }

        return (stamps[i + 1].At - stamps[i].At, stamps[i + 1].Cpu - stamps[i].Cpu, total);
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
