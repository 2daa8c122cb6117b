using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Deep;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Benchmarks.Arf;

/// <summary>
/// The adversarial random forest on Adult (80/20 split, seed 42, the file's 15 columns): fit seconds, sampling speed,
/// and the evaluation library's quality, LightGBM detection and TSTR AUC, beside the Gaussian copula's on the same
/// split with the same report.
/// </summary>
public static class ArfBenchmarks
{
    /// <summary>
    /// <c>arf.fit.adult</c>: seconds to fit the default ARF on the 80 % training split (reading included),
    /// median of runs, <c>threads</c> = the trees' parallelism. <c>arf.sample.100k</c>, <c>arf.sample.1m</c>: rows per
    /// second streamed through an ML.NET cursor reading every column. <c>arf.peak_memory</c>: the group's peak working set
    /// after the fits. <c>arf.quality.adult</c>,
    /// <c>arf.detection.adult</c>, <c>arf.tstr_auc.adult</c> (and <c>arf.baseline.copula.*</c> for the copula): the
    /// evaluation report of as many synthetic rows as the training split has, TSTR on the real 20 % holdout.
    /// </summary>
    [Benchmark("arf")]
    public static void Arf(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var split = AdultSplit.Load(ml);
        var train = TabularData.FromDataView(split.TrainSet);
        var options = new ArfOptions { Seed = 1, Threads = ctx.Threads };
        ArfModel model = ml.Synthetic().Synthesizers.Arf(options).Fit(split.TrainSet);   // warm-up (JIT), and the model the figures below use
        if (ctx.IsSelected("arf.fit"))
        {
            int runs = ctx.Quick ? 1 : 3;
            var cpuBefore = CpuSeconds();
            double seconds = ctx.Median(runs, () => model = ml.Synthetic().Synthesizers.Arf(options).Fit(split.TrainSet));
            double cpu = (CpuSeconds() - cpuBefore) / runs;
            ctx.Report("arf.fit.adult", seconds, "s", new()
            {
                ["cpu_s_per_run"] = Math.Round(cpu, 3),
                ["rows"] = train.RowCount,
                ["columns"] = train.Columns.Count,
                ["trees"] = options.Trees,
                ["rounds"] = model.OobAccuracies.Count,
                ["oob_accuracies"] = string.Join(",", model.OobAccuracies.Select(a => a.ToString("F4", System.Globalization.CultureInfo.InvariantCulture))),
                ["leaves"] = model.LeafCount,
                ["target_s"] = 10,
                ["threads"] = ctx.Threads,
            });
            ctx.ReportPeakMemory("arf.peak_memory");
        }

        foreach (var (name, rows) in new[] { ("arf.sample.100k", 100_000L), ("arf.sample.1m", 1_000_000L) })
        {
            if (!ctx.IsSelected(name) || (ctx.Quick && rows > 100_000))
            {
                continue;
            }

            long checksum = 0;
            SampleReader.ReadAll(model.Sample(20_000, seed: 1), ref checksum);   // warm-up
            int sampleRuns = ctx.Quick ? 1 : 3;
            var sampleCpuBefore = CpuSeconds();
            double seconds = ctx.Median(sampleRuns, () =>
            {
                long n = SampleReader.ReadAll(model.Sample(rows, seed: 3), ref checksum);
                if (n != rows)
                {
                    throw new InvalidOperationException($"sampled {n} rows, expected {rows}");
                }
            });
            double sampleCpu = (CpuSeconds() - sampleCpuBefore) / sampleRuns;
            ctx.Report(name, rows / seconds, "rows/s", new() { ["rows"] = rows, ["columns"] = train.Columns.Count, ["rows_per_cpu_s"] = Math.Round(rows / sampleCpu), ["threads"] = 1 });
        }

        if (ctx.IsSelected("arf.quality") || ctx.IsSelected("arf.detection") || ctx.IsSelected("arf.tstr_auc"))
        {
            Evaluate(ctx, "arf", ml, split, model, train.RowCount);
        }

        if (ctx.IsSelected("arf.baseline"))
        {
            GaussianCopulaModel? copula = null;
            double seconds = ctx.Median(1, () => copula = ml.Synthetic().Synthesizers.GaussianCopula(seed: 1).Fit(split.TrainSet));
            ctx.Report("arf.baseline.copula.fit.adult", seconds, "s", new() { ["rows"] = train.RowCount, ["threads"] = 1 });
            Evaluate(ctx, "arf.baseline.copula", ml, split, copula!, train.RowCount);
        }
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static void Evaluate(BenchmarkContext ctx, string prefix, MLContext ml, DataOperationsCatalog.TrainTestData split, ISynthesizerModel model, int rows)
    {
        var options = new EvaluationOptions
        {
            Seed = 1,
            Privacy = { Enabled = false },
            Fidelity = { KernelMetrics = false },
            Utility = { LabelColumn = "income" },
        };
        var report = ml.Synthetic().Evaluate(split.TrainSet, model.Sample(rows, seed: 7), split.TestSet, options);
        var detection = report.Detection ?? throw new InvalidOperationException("the evaluation computed no detection");
        var utility = report.Utility ?? throw new InvalidOperationException("the evaluation computed no utility");
        var lightGbm = detection.Detectors.Single(d => d.Detector == "LightGbm");
        var extra = new Dictionary<string, object> { ["synthetic_rows"] = rows, ["threads"] = Environment.ProcessorCount };
        ctx.Report($"{prefix}.quality.adult", report.OverallQuality, "score", new(extra)
        {
            ["column_shapes"] = Math.Round(report.Fidelity.ColumnShapes, 4),
            ["column_pair_trends"] = Math.Round(report.Fidelity.ColumnPairTrends, 4),
        });
        ctx.Report($"{prefix}.detection.adult", detection.Score, "score", new(extra)
        {
            ["lightgbm_auc"] = Math.Round(lightGbm.MeanAuc, 4),
            ["lightgbm_score"] = Math.Round(lightGbm.Score, 4),
            ["logistic_auc"] = Math.Round(detection.Detectors.Single(d => d.Detector == "LogisticRegression").MeanAuc, 4),
        });
        ctx.Report($"{prefix}.tstr_auc.adult", utility.Tstr.Auc, "auc", new(extra)
        {
            ["trtr_auc"] = Math.Round(utility.Trtr.Auc, 4),
            ["trainer"] = utility.Trainer,
        });
    }
}
