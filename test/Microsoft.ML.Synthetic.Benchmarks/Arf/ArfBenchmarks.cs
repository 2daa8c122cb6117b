using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Evaluation;
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
            var cpuBefore = AdultReportFigures.CpuSeconds();
            double seconds = ctx.Median(runs, () => model = ml.Synthetic().Synthesizers.Arf(options).Fit(split.TrainSet));
            double cpu = (AdultReportFigures.CpuSeconds() - cpuBefore) / runs;
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
            var sampleCpuBefore = AdultReportFigures.CpuSeconds();
            double seconds = ctx.Median(sampleRuns, () =>
            {
                long n = SampleReader.ReadAll(model.Sample(rows, seed: 3), ref checksum);
                if (n != rows)
                {
                    throw new InvalidOperationException($"sampled {n} rows, expected {rows}");
                }
            });
            double sampleCpu = (AdultReportFigures.CpuSeconds() - sampleCpuBefore) / sampleRuns;
            ctx.Report(name, rows / seconds, "rows/s", new() { ["rows"] = rows, ["columns"] = train.Columns.Count, ["rows_per_cpu_s"] = Math.Round(rows / sampleCpu), ["threads"] = 1 });
        }

        if (ctx.IsSelected("arf.quality") || ctx.IsSelected("arf.detection") || ctx.IsSelected("arf.tstr_auc"))
        {
            AdultReportFigures.Report(ctx, "arf", ml, split, model, train.RowCount);
        }

        if (ctx.IsSelected("arf.baseline"))
        {
            GaussianCopulaModel? copula = null;
            double seconds = ctx.Median(1, () => copula = ml.Synthetic().Synthesizers.GaussianCopula(seed: 1).Fit(split.TrainSet));
            ctx.Report("arf.baseline.copula.fit.adult", seconds, "s", new() { ["rows"] = train.RowCount, ["threads"] = 1 });
            AdultReportFigures.Report(ctx, "arf.baseline.copula", ml, split, copula!, train.RowCount);
        }
    }
}
