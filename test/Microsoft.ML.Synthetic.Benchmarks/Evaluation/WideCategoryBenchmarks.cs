
namespace Microsoft.ML.Synthetic.Benchmarks.Evaluation;

/// <summary>Resources of the full evaluation on a large table with a wide categorical column.</summary>
public static class WideCategoryBenchmarks
{
    /// <summary>
    /// <c>report.wide_category.200k</c>: <c>ml.Synthetic().Evaluate(real, synthetic, holdout)</c> with the default
    /// options on 200,000 × 8 generated rows (one column with 5,000 levels); the synthetic and holdout tables are
    /// further draws of the same generator. One run (reading the views included): seconds, and the group's peak
    /// resident memory (the runner resets it when the group starts; run the group alone for a clean figure).
    /// <c>--quick</c>: 20,000 rows, 500 levels.
    /// </summary>
    [Benchmark("report.wide_category")]
    public static void WideCategory(BenchmarkContext ctx)
    {
        int rows = ctx.Quick ? 20_000 : 200_000, levels = ctx.Quick ? 500 : 5_000;
        var ml = new MLContext(seed: 1);
        IDataView real = WideCategoryTable.Draw(ml, rows, levels, seed: 1);
        IDataView synthetic = WideCategoryTable.Draw(ml, rows, levels, seed: 2);
        IDataView holdout = WideCategoryTable.Draw(ml, rows, levels, seed: 3);
        QualityReport? report = null;
        var stages = new List<(string Stage, double At, double Cpu)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        double Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalSeconds;
        }

        var options = new EvaluationOptions { Seed = 1, Progress = new SynchronousProgress(p => stages.Add((p.Stage, clock.Elapsed.TotalSeconds, Cpu()))) };
        var cpuBefore = process.TotalProcessorTime;
        double seconds = ctx.Median(1, () => report = ml.Synthetic().Evaluate(real, synthetic, holdout, options));
        process.Refresh();
        var extra = new Dictionary<string, object>
        {
            ["rows"] = rows,
            ["columns"] = 8,
            ["levels"] = levels,
            ["cpu_s"] = Math.Round((process.TotalProcessorTime - cpuBefore).TotalSeconds, 3),
            ["overall"] = Math.Round(report!.OverallQuality, 4),
            ["warnings"] = report.Warnings.Count,
            ["stage_s"] = string.Join(", ", stages.Zip(stages.Skip(1), (a, b) => $"{a.Stage} {b.At - a.At:F1}")),
            ["stage_cpu_s"] = string.Join(", ", stages.Zip(stages.Skip(1), (a, b) => $"{a.Stage} {b.Cpu - a.Cpu:F1}")),
            ["reading_s"] = Math.Round(stages.Count > 0 ? stages[0].At : 0, 1),
            ["threads"] = Environment.ProcessorCount,   // Parallel.For in every stage
        };
        ctx.Report("report.wide_category.200k.time", seconds, "s", extra);
        ctx.ReportPeakMemory("report.wide_category.200k.peak_memory");
        if (ctx.IsSelected("report.wide_category.identifier")) Identifier(ctx, ml);
    }

    /// <summary>
    /// <c>report.wide_category.identifier_20k</c>: the same evaluation on 20,000 rows whose <c>city</c> is a distinct
    /// text per row (the identifier-like column): seconds, peak resident memory since the 200k run (reset
    /// first), and whether the report warns about the column.
    /// </summary>
    private static void Identifier(BenchmarkContext ctx, MLContext ml)
    {
        int rows = ctx.Quick ? 2_000 : 20_000;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        bool reset = OperatingSystem.IsLinux() && TryResetPeak();
        IDataView real = WideCategoryTable.Draw(ml, rows, 100, seed: 1, identifier: true);
        IDataView synthetic = WideCategoryTable.Draw(ml, rows, 100, seed: 2, identifier: true);
        IDataView holdout = WideCategoryTable.Draw(ml, rows, 100, seed: 3, identifier: true);
        QualityReport? report = null;
        double seconds = ctx.Median(1, () => report = ml.Synthetic().Evaluate(real, synthetic, holdout, new EvaluationOptions { Seed = 1 }));
        bool warned = report!.Warnings.Any(w => w.Contains("'City' looks like an identifier", StringComparison.Ordinal));
        ctx.Report("report.wide_category.identifier_20k.time", seconds, "s", new() { ["rows"] = rows, ["identifier_warning"] = warned });
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        ctx.Report("report.wide_category.identifier_20k.peak_memory", process.PeakWorkingSet64 / (1024.0 * 1024.0), "MiB", new() { ["scope"] = reset ? "this run" : "process" });
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
