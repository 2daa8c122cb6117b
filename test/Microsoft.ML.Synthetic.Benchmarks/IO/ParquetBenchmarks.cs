using System.Diagnostics;
using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Benchmarks.IO;

/// <summary>Streaming a large sample to Parquet: speed and the memory it takes.</summary>
public static class ParquetBenchmarks
{
    /// <summary>
    /// <c>copula.sample.parquet.10m</c>: rows per second of sampling 10,000,000 rows (<c>--quick</c>: 200,000) from a
    /// Gaussian copula fitted on Adult (read with <c>ReadCsv</c>, missing values kept) and writing them with
    /// <c>WriteParquet</c> (row groups of 100,000), median of 3 runs; field <c>peak_mib</c>.
    /// <c>copula.sample.parquet.10m.peak_memory</c>: the group's peak working set in MiB (VmHWM, reset by the runner
    /// when the group starts, so it covers reading Adult, fitting, every write run and one streamed read-back of the
    /// file, including the runtime's own baseline, which is given as <c>baseline_mib</c>).
    /// </summary>
    [Benchmark("copula.sample.parquet")]
    public static void CopulaSampleParquet(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var adult = ml.Synthetic().Data.ReadCsv(BenchmarkContext.AdultPath);
        var model = ml.Synthetic().Synthesizers.GaussianCopula(seed: 7).Fit(adult);
        long rows = ctx.Quick ? 200_000 : 10_000_000;
        string path = Path.Combine(Path.GetTempPath(), $"copula-sample-{Environment.ProcessId}.parquet");
        try
        {
            ml.Synthetic().Data.WriteParquet(model.Sample(50_000, seed: 1), path);   // warm-up: JIT
            double baselineMib = WorkingSetMib();
            int runs = ctx.Quick ? 1 : 3;
            int seed = 3;
            double cpuBefore = CpuSeconds();
            double seconds = ctx.Median(runs, () => ml.Synthetic().Data.WriteParquet(model.Sample(rows, seed: seed++), path));
            double cpuPerRun = (CpuSeconds() - cpuBefore) / runs;
            double writePeakMib = PeakMib();
            double fileMib = new FileInfo(path).Length / (1024.0 * 1024.0);

            // Read back through one cursor (every value), as a consumer would: rows come from the file, not from `rows`.
            var back = ml.Synthetic().Data.ReadParquet(path);
            long checksum = 0;
            long start = Stopwatch.GetTimestamp();
            cpuBefore = CpuSeconds();
            long read = SampleReader.ReadAll(back, ref checksum);
            double readSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            double readCpu = CpuSeconds() - cpuBefore;
            if (read != rows || checksum == 0)
            {
                throw new InvalidOperationException($"read back {read:N0} rows (checksum {checksum}) of the {rows:N0} written");
            }

            if (!ctx.Quick && writePeakMib >= 500)
            {
                throw new InvalidOperationException($"peak working set {writePeakMib:F0} MiB while writing {rows:N0} rows at {read / seconds:F0} rows/s; the target is under 500 MiB");
            }

            ctx.Report("copula.sample.parquet.10m", read / seconds, "rows/s", new()
            {
                ["rows"] = read,
                ["columns"] = back.Schema.Count,
                ["file_mib"] = Math.Round(fileMib, 1),
                ["row_group_rows"] = ParquetWriteOptions.DefaultRowGroupSize,
                ["peak_mib"] = Math.Round(writePeakMib, 1),
                ["baseline_mib"] = Math.Round(baselineMib, 1),
                ["rows_per_cpu_s"] = Math.Round(read / cpuPerRun),   // on a shared machine wall-clock overstates the work
                ["read_rows_per_s"] = Math.Round(read / readSeconds),
                ["read_rows_per_cpu_s"] = Math.Round(read / readCpu),
                ["target_peak_mib"] = 500,
                ["threads"] = 1,   // one cursor: blocks sampled and row groups encoded on the calling thread
            });
            ctx.Report("copula.sample.parquet.10m.peak_memory", PeakMib(), "MiB", new()
            {
                ["scope"] = ctx.PeakMemoryIsPerGroup ? "group" : "process",
                ["write_peak_mib"] = Math.Round(writePeakMib, 1),
                ["baseline_mib"] = Math.Round(baselineMib, 1),
                ["target_mib"] = 500,
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>CPU seconds used by the process so far (all threads, the GC's included).</summary>
    internal static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The process's peak working set (VmHWM on Linux) in MiB.</summary>
    internal static double PeakMib()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    internal static double WorkingSetMib()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }
}
