using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.IO;

namespace Microsoft.ML.Synthetic.Benchmarks.GaussianCopula;

/// <summary>The Gaussian copula fitted out of core from a Parquet file (two streamed passes of statistics).</summary>
public static class GaussianCopulaStreamingBenchmarks
{
    /// <summary>
    /// <c>copula.fit.stream.10m</c>: seconds of <c>FitStreaming</c> over a Parquet file of 10,000,000 rows
    /// (<c>--quick</c>: 1,000,000) sampled by the library's own copula fitted on Adult (read with <c>ReadCsv</c>),
    /// written with <c>WriteParquet</c> from the lazy sample view (row groups of 100,000) and cached in the temp
    /// directory; field <c>peak_mib</c>: the peak working set (VmHWM) of the fit alone, reset after the file is
    /// written (target under 1,024 MiB). Fields give the latent dimension and the largest sketch rank error.
    /// </summary>
    [Benchmark("copula.fit.stream")]
    public static void CopulaFitStream(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        long rows = ctx.Quick ? 1_000_000 : 10_000_000;
        string directory = Path.Combine(Path.GetTempPath(), "syntheticml-benchmarks");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"copula-adult-seed7-{rows}.parquet");
        if (!File.Exists(path))
        {
            var adult = ml.Synthetic().Data.ReadCsv(BenchmarkContext.AdultPath);
            var source = ml.Synthetic().Synthesizers.GaussianCopula(seed: 7).Fit(adult);
            string partial = path + $".{Environment.ProcessId}.part";
            ml.Synthetic().Data.WriteParquet(source.Sample(rows, seed: 11), partial);
            File.Move(partial, path, overwrite: true);
        }

        var data = ml.Synthetic().Data.ReadParquet(path);
        var estimator = ml.Synthetic().Synthesizers.GaussianCopula(seed: 7);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        bool reset = BenchmarkContext.TryResetPeakWorkingSet();
        double baselineMib = ParquetBenchmarks.WorkingSetMib();
        var cpuBefore = ParquetBenchmarks.CpuSeconds();
        var start = Stopwatch.GetTimestamp();
        var marginal = estimator.ComputeMarginalStatistics(data);
        double pass1Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var correlation = estimator.ComputeCorrelationStatistics(marginal, data);
        var model = estimator.Fit(marginal, correlation);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double cpu = ParquetBenchmarks.CpuSeconds() - cpuBefore;
        double peakMib = ParquetBenchmarks.PeakMib();
        if (marginal.RowCount != rows)
        {
            throw new InvalidOperationException($"the fit read {marginal.RowCount:N0} rows of the {rows:N0} written");
        }

        long worstBound = model.TableSchema.Columns.Where(c => c.Kind == ColumnKind.Continuous).Max(c => marginal.GetRankErrorBound(c.Name));
        ctx.Report("copula.fit.stream.10m", seconds, "s", new()
        {
            ["rows"] = rows,
            ["columns"] = model.TableSchema.Columns.Count,
            ["latent_dimension"] = model.LatentNames.Count,
            ["pass1_s"] = Math.Round(pass1Seconds, 2),
            ["cpu_s"] = Math.Round(cpu, 2),
            ["peak_mib"] = Math.Round(peakMib, 1),
            ["peak_scope"] = reset ? "fit" : "process",
            ["baseline_mib"] = Math.Round(baselineMib, 1),
            ["target_peak_mib"] = 1024,
            ["max_rank_error_bound"] = worstBound,
            ["max_rank_error_fraction"] = Math.Round((double)worstBound / rows, 6),
            ["file_mib"] = Math.Round(new FileInfo(path).Length / (1024.0 * 1024.0), 1),
            ["threads"] = 1,
        });
    }
}
