using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Preprocessing;

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
        TabularEncoder.Fit(table);   // warm-up (JIT)
        double seconds = ctx.Median(ctx.Quick ? 1 : 5, () => TabularEncoder.Fit(table));
        var encoder = TabularEncoder.Fit(table);
        ctx.Report("gmm.fit.adult", seconds, "s", new()
        {
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

    private sealed class StampProgress(List<(long, TimeSpan)> stamps) : IProgress<DeepTrainingProgress>
    {
        public void Report(DeepTrainingProgress value)
        {
            using var process = Process.GetCurrentProcess();
            stamps.Add((Stopwatch.GetTimestamp(), process.TotalProcessorTime));
            Console.Error.WriteLine($"  {value}");
        }
    }

    /// <summary><c>tvae.epoch.adult</c>: seconds per TVAE epoch (paper defaults, batch 500).</summary>
    [Benchmark("tvae")]
    public static void TvaeEpoch(BenchmarkContext ctx)
    {
        var ml = new MLContext(seed: 1);
        var table = AdultSplit.TrainTable(ml, ctx.Quick ? 2000 : null);
        int epochs = ctx.Quick ? 3 : 7;
        var extra = EpochSeconds(progress =>
            ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = epochs, Seed = 1, Threads = ctx.Threads, Progress = progress }).Fit(table), out double median);
        extra["rows"] = table.RowCount;
        extra["batch"] = 500;
        ctx.Report("tvae.epoch.adult", median, "s", extra);
        ctx.ReportPeakMemory("tvae.peak_memory");
    }

    /// <summary><c>ctgan.epoch.adult</c>: seconds per CTGAN epoch (paper defaults, batch 500, pac 10); <c>ctgan.sample.100k</c>: streaming 100,000 rows.</summary>
    [Benchmark("ctgan")]
    public static void CtganEpochAndSample(BenchmarkContext ctx)
    {
        var ml = new MLContext(seed: 1);
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
        void Consume()
        {
            var view = model!.Sample(rows, seed: 7);
            using var cursor = view.GetRowCursor(view.Schema);
            long n = 0;
            while (cursor.MoveNext())
            {
                n++;
            }

            if (n != rows)
            {
                throw new InvalidOperationException($"sampled {n} rows, expected {rows}");
            }
        }

        Consume();   // warm-up
        double seconds = ctx.Median(ctx.Quick ? 1 : 3, Consume);
        ctx.Report(ctx.Quick ? "ctgan.sample.10k" : "ctgan.sample.100k", seconds, "s", new() { ["rows"] = rows });
        ctx.ReportPeakMemory("ctgan.peak_memory");
    }
}
