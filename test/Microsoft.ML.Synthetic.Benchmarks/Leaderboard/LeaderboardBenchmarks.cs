using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Benchmarks.Leaderboard;

/// <summary>
/// Every synthesizer of <see cref="LeaderboardEntries.All"/> on every table of <see cref="LeaderboardTable.Names"/>:
/// fitted on the 80 % split (seed 42), as many rows sampled as the split has, and the evaluation library's report of
/// those rows against the training rows with the real 20 % as holdout and utility on the table's label.
/// </summary>
public static class LeaderboardBenchmarks
{
    /// <summary>The metrics of every cell, in table order: the <c>&lt;metric&gt;</c> of the figure names, and their units.</summary>
    internal static readonly (string Metric, string Unit)[] Metrics =
    [
        ("quality", "score"), ("detection", "score"), ("detection_auc", "auc"), ("tstr_auc", "auc"), ("trtr_auc", "auc"),
        ("dcr_baseline_protection", "score"), ("new_row_synthesis", "score"), ("fit_s", "s"), ("sample_rows_per_s", "rows/s"), ("peak_mib", "MiB"),
    ];

    /// <summary>
    /// <c>leaderboard.&lt;synth&gt;.&lt;metric&gt;.&lt;table&gt;</c>, one figure per cell: quality (SDMetrics' score,
    /// thresholds 0), detection (LightGBM detector's score, 1 − (2·max(0.5, AUC) − 1); <c>detection_auc</c> its AUC),
    /// <c>tstr_auc</c> and <c>trtr_auc</c> (LightGBM on the label, scored on the real holdout), DCR baseline protection
    /// and NewRowSynthesis (SDMetrics' definitions), fit seconds, sampling rows/s (<c>SampleTable</c> of the training
    /// split's row count; the copula and ARF after an untimed warm-up fit on 500 rows) and peak MiB (VmHWM reset before the fit, read after sampling). Deep entries: three seeds,
    /// the median with <c>min</c>/<c>max</c>/<c>seeds_values</c>. Environment: <c>SYNTHML_LEADERBOARD_TABLES</c>
    /// (comma-separated, default every table), <c>SYNTHML_LEADERBOARD_SEEDS</c> (seeds of the deep entries, default 3),
    /// <c>SYNTHML_LEADERBOARD_EPOCHS</c> (epochs of CTGAN, TVAE and diffusion, default theirs: 300, 300, 600; the figure's <c>epochs</c>
    /// field says what ran). <c>--quick</c>: 2,000 training and 1,000 holdout rows, 2 epochs, one seed.
    /// </summary>
    [Benchmark("leaderboard")]
    public static void Leaderboard(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        string[] tables = Environment.GetEnvironmentVariable("SYNTHML_LEADERBOARD_TABLES") is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : LeaderboardTable.Names;
        int deepSeeds = ctx.Quick ? 1 : EnvironmentInt("SYNTHML_LEADERBOARD_SEEDS") ?? 3;
        int? epochs = ctx.Quick ? 2 : null;
        int? nonPrivateEpochs = EnvironmentInt("SYNTHML_LEADERBOARD_EPOCHS");
        var failures = new List<string>();
        foreach (string tableName in tables)
        {
            var entries = LeaderboardEntries.All.Where(e => Metrics.Any(m => ctx.IsSelected(FigureName(e.Name, m.Metric, tableName)))).ToList();
            if (entries.Count == 0) continue;
            var ml = new MLContext(seed: 1);
            var table = LeaderboardTable.Load(tableName, ml, ctx.Quick);
            foreach (var entry in entries)
            {
                int seeds = entry.Deep ? deepSeeds : 1;
                if (!entry.Deep)
                {
                    // Warm-up (JIT) on 500 rows, so that the timed fit of a seconds-long model is the model's own.
                    entry.Create(new LeaderboardFitSettings(ml, table, 1, ctx.Threads, epochs, nonPrivateEpochs)).Estimator.Fit(ml.Data.TakeRows(table.Train, 500)).SampleTable(100, seed: 1);
                }

                var runs = new List<LeaderboardCell>();
                int? ranEpochs = null;
                for (int seed = 1; seed <= seeds; seed++)
                {
                    Console.Error.WriteLine($"# leaderboard: {entry.Name} on {tableName}, seed {seed} of {seeds}");
                    try
                    {
                        var fit = entry.Create(new LeaderboardFitSettings(ml, table, seed, ctx.Threads, epochs, nonPrivateEpochs));
                        ranEpochs = fit.Epochs;
                        runs.Add(LeaderboardCell.Measure(ml, table, fit.Estimator, seed));
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                    {
                        // One entry's failure (e.g. a DP model whose labels collapse to one class) must not hide the others.
                        Console.Error.WriteLine($"# leaderboard.{entry.Name}.{tableName} seed {seed}: FAILED: {e.Message}");
                        failures.Add($"{entry.Name} on {tableName}, seed {seed}: {e.Message}");
                    }
                }

                if (runs.Count > 0) Report(ctx, entry, tableName, runs, ranEpochs);
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("leaderboard entries failed: " + string.Join("; ", failures));
        }
    }

    internal static string FigureName(string synth, string metric, string table) => $"leaderboard.{synth}.{metric}.{table}";

    private static void Report(BenchmarkContext ctx, LeaderboardEntry entry, string table, List<LeaderboardCell> runs, int? epochs)
    {
        var first = runs[0];
        foreach (var (metric, unit) in Metrics)
        {
            double[] values = runs.Select(r => r.Values[metric]).ToArray();
            double[] sorted = values.Where(double.IsFinite).Order().ToArray();
            double median = sorted.Length == 0 ? double.NaN
                : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
            var fields = new Dictionary<string, object>
            {
                ["seeds"] = runs.Count,
                ["min"] = sorted.Length == 0 ? "NaN" : Math.Round(sorted[0], 4),
                ["max"] = sorted.Length == 0 ? "NaN" : Math.Round(sorted[^1], 4),
                ["seeds_values"] = string.Join(",", values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture))),
                ["epochs"] = epochs is int e ? e : "n/a",
                ["train_rows"] = first.TrainRows,
                ["holdout_rows"] = first.HoldoutRows,
                ["synthetic_rows"] = first.TrainRows,
                ["label"] = first.Label,
                // Fits use ctx.Threads (LibTorch / ARF's trees; the copula fits on one cursor); the evaluation every processor.
                ["threads"] = metric is "fit_s" ? (entry.Name == "copula" ? 1 : ctx.Threads) : metric is "sample_rows_per_s" ? (entry.Deep ? ctx.Threads : 1) : Environment.ProcessorCount,
            };
            if (metric == "peak_mib")
            {
                fields["scope"] = first.PeakIsReset ? "fit+sample, VmHWM reset before the fit" : "process (peak not resettable here)";
                fields["baseline_mib"] = Math.Round(first.BaselineMib, 1);
            }

            if (metric == "detection") fields["detector"] = "LightGbm";
            ctx.Report(FigureName(entry.Name, metric, table), median, unit, fields);
        }
    }

    private static int? EnvironmentInt(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
