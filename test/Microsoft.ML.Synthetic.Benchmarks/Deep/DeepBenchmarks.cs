using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Benchmarks.Deep;

/// <summary>
/// Speed of the deep synthesizers on Adult (80/20 split, seed 42): mode-specific normalization, seconds per
/// training epoch (median over epochs, preprocessing excluded), sampling 100k rows, peak memory.
/// </summary>
public static class DeepBenchmarks
{
    /// <summary><c>gmm.fit.adult</c>: the whole preprocessing fit (a variational mixture per continuous column, one-hot layout).</summary>
    [Benchmark("gmm")]
    public static void GmmFit(BenchmarkContext ctx)
    {
        var ml = new MLContext(seed: 1);
        var table = AdultSplit.TrainTable(ml);
        TabularEncoder.Fit(table, threads: ctx.Threads);   // warm-up (JIT)
        int runs = ctx.Quick ? 1 : 5;
        var cpuBefore = CpuTime();
        double seconds = ctx.Median(runs, () => TabularEncoder.Fit(table, threads: ctx.Threads));
        double cpu = (CpuTime() - cpuBefore).TotalSeconds / runs;
        var encoder = TabularEncoder.Fit(table);
        ctx.Report("gmm.fit.adult", seconds, "s", new()
        {
            ["cpu_s_per_run"] = Math.Round(cpu, 4),
            ["rows"] = table.RowCount,
            ["continuous_columns"] = encoder.Columns.Count(c => c.Normalizer is not null),
            ["modes"] = string.Join(",", encoder.Columns.Where(c => c.Normalizer is not null).Select(c => c.Normalizer!.ModeCount)),
            ["encoded_width"] = encoder.Width,
        });
        double encodeSeconds = ctx.Median(ctx.Quick ? 1 : 5, () => encoder.Encode(table, new Random(1)));
        ctx.Report("gmm.encode.adult", encodeSeconds, "s", new() { ["rows"] = table.RowCount });
    }

    /// <summary>
    /// Seconds per epoch: the median gap between consecutive epoch reports of one fit (the first epoch, which pays
    /// for warm-up, is not counted), wall clock and process CPU time. On a machine shared with other work the CPU
    /// time is the steadier figure; the value reported is the wall clock.
    /// </summary>
    private static Dictionary<string, object> EpochSeconds(Action<IProgress<DeepTrainingProgress>> fit, out double median)
    {
        var stamps = new List<(long Wall, TimeSpan Cpu)>();
        fit(new StampProgress(stamps));
        var wall = new List<double>();
        var cpu = new List<double>();
        for (int i = 1; i < stamps.Count; i++)
        {
            wall.Add(Stopwatch.GetElapsedTime(stamps[i - 1].Wall, stamps[i].Wall).TotalSeconds);
            cpu.Add((stamps[i].Cpu - stamps[i - 1].Cpu).TotalSeconds);
        }

        wall.Sort();
        cpu.Sort();
        median = wall[wall.Count / 2];
        return new()
        {
            ["epochs_timed"] = wall.Count,
            ["epoch_min_s"] = Math.Round(wall[0], 4),
            ["epoch_max_s"] = Math.Round(wall[^1], 4),
            ["epoch_cpu_s"] = Math.Round(cpu[cpu.Count / 2], 4),
        };
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private sealed class StampProgress(List<(long, TimeSpan)> stamps) : IProgress<DeepTrainingProgress>
    {
        public void Report(DeepTrainingProgress value)
        {
            using var process = Process.GetCurrentProcess();
            stamps.Add((Stopwatch.GetTimestamp(), process.TotalProcessorTime));
            Console.Error.WriteLine($"  {value}");
        }
    }

    /// <summary>
    /// <c>tvae.epoch.adult</c>: seconds per TVAE epoch (paper defaults, batch 500). <c>tvae.quality.adult</c> and
    /// <c>tvae.tstr_auc.adult</c>: after a full 300-epoch fit (long: run them alone, e.g. with prefix <c>tvae.quality</c>).
    /// </summary>
    [Benchmark("tvae")]
    public static void Tvae(BenchmarkContext ctx)
    {
        var ml = new MLContext(seed: 1);
        if (ctx.IsSelected("tvae.epoch.adult") || ctx.IsSelected("tvae.peak_memory"))
        {
            var table = AdultSplit.TrainTable(ml, ctx.Quick ? 2000 : null);
            int epochs = ctx.Quick ? 3 : 7;
            var extra = EpochSeconds(progress =>
                ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = epochs, Seed = 1, Threads = ctx.Threads, Progress = progress }).Fit(table), out double median);
            extra["rows"] = table.RowCount;
            extra["batch"] = 500;
            ctx.Report("tvae.epoch.adult", median, "s", extra);
            ctx.ReportPeakMemory("tvae.peak_memory");
        }

        if (ctx.IsSelected("tvae.epoch.adult.contended"))
        {
            TvaeContended(ctx, ml);
        }

        if (ctx.IsSelected("tvae.quality") || ctx.IsSelected("tvae.tstr_auc"))
        {
            var split = AdultSplit.Load(ml);
            int epochs = ctx.Quick ? 2 : 300;
            long start = Stopwatch.GetTimestamp();
            var model = ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = epochs, Seed = 1, Threads = ctx.Threads, Progress = new StampProgress([]) }).Fit(split.TrainSet);
            DeepQuality.Report(ctx, "tvae", ml, split, model, epochs, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }

    /// <summary>
    /// <c>tvae.epoch.adult.contended</c>: seconds per TVAE epoch as <c>tvae.epoch.adult</c>, but with the options'
    /// defaults (no <c>Threads</c> given: what a user gets) while a thread of this process spins on one core, as
    /// another process's work would on a shared machine. <c>threads</c> is LibTorch's intra-op thread count the fit
    /// ran with; <c>omp_wait_policy</c> the OpenMP wait policy in the native environment.
    /// </summary>
    private static void TvaeContended(BenchmarkContext ctx, MLContext ml)
    {
        var table = AdultSplit.TrainTable(ml, ctx.Quick ? 2000 : null);
        int epochs = ctx.Quick ? 3 : 7;
        var spinner = new CoreSpinner();
        Dictionary<string, object> extra;
        double median;
        try
        {
            extra = EpochSeconds(progress =>
                ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = epochs, Seed = 1, Progress = progress }).Fit(table), out median);
        }
        finally
        {
            spinner.Dispose();
        }

        extra["threads"] = global::TorchSharp.torch.get_num_threads();
        extra["omp_wait_policy"] = Microsoft.ML.Synthetic.Synthesizers.Deep.NativeEnvironment.Get("OMP_WAIT_POLICY") ?? "(unset)";
        extra["spinner_iterations"] = spinner.Iterations;
        extra["rows"] = table.RowCount;
        extra["batch"] = 500;
        ctx.Report("tvae.epoch.adult.contended", median, "s", extra);
    }

    /// <summary>
    /// <c>ctgan.epoch.adult</c>: seconds per CTGAN epoch (paper defaults, batch 500, pac 10); <c>ctgan.sample.100k</c>:
    /// streaming 100,000 rows. <c>ctgan.quality.adult</c> and <c>ctgan.tstr_auc.adult</c>: after a full 300-epoch
    /// fit (long: run them alone, e.g. with prefix <c>ctgan.quality</c>).
    /// </summary>
    [Benchmark("ctgan")]
    public static void Ctgan(BenchmarkContext ctx)
    {
        var ml = new MLContext(seed: 1);
        if (ctx.IsSelected("ctgan.epoch") || ctx.IsSelected("ctgan.sample") || ctx.IsSelected("ctgan.peak_memory"))
        {
            CtganSpeed(ctx, ml);
        }

        if (ctx.IsSelected("ctgan.quality") || ctx.IsSelected("ctgan.tstr_auc"))
        {
            var split = AdultSplit.Load(ml);
            int epochs = ctx.Quick ? 2 : 300;
            long start = Stopwatch.GetTimestamp();
            var model = ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Epochs = epochs, Seed = 1, Threads = ctx.Threads, Progress = new StampProgress([]) }).Fit(split.TrainSet);
            DeepQuality.Report(ctx, "ctgan", ml, split, model, epochs, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }

    private static void CtganSpeed(BenchmarkContext ctx, MLContext ml)
    {
        var table = AdultSplit.TrainTable(ml, ctx.Quick ? 2000 : null);
        int epochs = ctx.Quick ? 3 : 5;
        CtganModel? model = null;
        var extra = EpochSeconds(progress =>
            model = ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Epochs = epochs, Seed = 1, Threads = ctx.Threads, Progress = progress }).Fit(table), out double median);
        extra["rows"] = table.RowCount;
        extra["batch"] = 500;
        extra["pac"] = 10;
        ctx.Report("ctgan.epoch.adult", median, "s", extra);

        int rows = ctx.Quick ? 10_000 : 100_000;
        long checksum = 0;
        void Consume()
        {
            long n = SampleReader.ReadAll(model!.Sample(rows, seed: 7), ref checksum);   // every value read, as copula.sample.1m
            if (n != rows)
            {
                throw new InvalidOperationException($"sampled {n} rows, expected {rows}");
            }
        }

        Consume();   // warm-up
        int runs = ctx.Quick ? 1 : 3;
        var cpuBefore = CpuTime();
        double seconds = ctx.Median(runs, Consume);
        double cpu = (CpuTime() - cpuBefore).TotalSeconds / runs;
        ctx.Report(ctx.Quick ? "ctgan.sample.10k" : "ctgan.sample.100k", seconds, "s", new() { ["rows"] = rows, ["columns"] = model!.TableSchema.Columns.Count, ["cpu_s_per_run"] = Math.Round(cpu, 4), ["threads"] = global::TorchSharp.torch.get_num_threads() });   // one cursor; LibTorch intra-op threads
        ctx.ReportPeakMemory("ctgan.peak_memory");
    }
}
