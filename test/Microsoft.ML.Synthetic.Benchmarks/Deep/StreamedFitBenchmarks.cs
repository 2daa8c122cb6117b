using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Benchmarks.Deep;

/// <summary>
/// Streamed training of TVAE (<see cref="DeepSynthesizerOptions.Streaming"/>) from a Parquet file of rows the
/// library's Gaussian copula generated from Adult (1,000,000 rows; 100,000 with --quick), paper-default networks.
/// </summary>
public static class StreamedFitBenchmarks
{
    /// <summary>
    /// <c>tvae.fit.stream.1m</c>: seconds of one whole streamed fit (first pass, mode fit on the reservoir, 2 epochs;
    /// --quick: 100k rows, 1 epoch), blocks of 25,000 rows, 4 blocks per buffer, 100,000 rows sampled for the modes.
    /// <c>tvae.fit.stream.1m.peak_managed</c>: the largest managed heap seen during the fit (polled every 20 ms, garbage
    /// included; <c>peak_after_gc_mib</c>: the largest heap a full collection left, i.e. live objects), beside what the
    /// in-memory fit holds at least (the table's columns and its encoding);
    /// <c>tvae.fit.stream.1m.peak_working_set</c>: the largest working set seen during the fit (LibTorch included).
    /// </summary>
    [Benchmark("tvae.fit.stream")]
    public static void TvaeFitStream(BenchmarkContext ctx)
    {
        int rows = ctx.Quick ? 100_000 : 1_000_000;
        int epochs = ctx.Quick ? 1 : 2;
        string suffix = ctx.Quick ? "100k" : "1m";
        var ml = new MLContext(seed: 1);
        string path = GeneratedAdult(ml, rows);
        var streaming = new StreamingTrainingOptions { BlockRows = 25_000, BufferBlocks = 4, TransformSampleRows = 100_000 };
        var options = new TvaeOptions { Epochs = epochs, Seed = 1, Threads = ctx.Threads, Streaming = streaming };
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        using var peaks = new PeakSampler();
        long start = Stopwatch.GetTimestamp();
        var model = ml.Synthetic().Synthesizers.Tvae(options).Fit(ml.Synthetic().Data.ReadParquet(path));
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        peaks.Stop();

        int continuous = model.TableSchema.Columns.Count(c => c.Kind == ColumnKind.Continuous);
        double tableMib = rows * ((8.0 * continuous) + (4.0 * (model.TableSchema.Columns.Count - continuous))) / (1024 * 1024);
        double encodedMib = rows * 4.0 * model.Encoder.Width / (1024 * 1024);
        var extra = new Dictionary<string, object>
        {
            ["rows"] = rows,
            ["epochs"] = epochs,
            ["block_rows"] = streaming.BlockRows,
            ["buffer_blocks"] = streaming.BufferBlocks,
            ["transform_sample_rows"] = streaming.TransformSampleRows,
            ["encoded_width"] = model.Encoder.Width,
            ["in_memory_table_mib"] = Math.Round(tableMib, 1),
            ["in_memory_encoded_mib"] = Math.Round(encodedMib, 1),
        };
        ctx.Report($"tvae.fit.stream.{suffix}", seconds, "s", extra);
        ctx.Report($"tvae.fit.stream.{suffix}.peak_managed", peaks.ManagedBytes / (1024.0 * 1024.0), "MiB", new(extra)
        {
            ["in_memory_at_least_mib"] = Math.Round(tableMib + encodedMib, 1),
            ["peak_after_gc_mib"] = Math.Round(peaks.LiveBytes / (1024.0 * 1024.0), 1),
            ["gen2_collections"] = GC.CollectionCount(2),
        });
        ctx.Report($"tvae.fit.stream.{suffix}.peak_working_set", peaks.WorkingSetBytes / (1024.0 * 1024.0), "MiB", new() { ["rows"] = rows });
    }

    /// <summary>A Parquet file of <paramref name="rows"/> rows the Gaussian copula fitted on Adult generates (seed 1), kept in the temporary folder for later runs.</summary>
    private static string GeneratedAdult(MLContext ml, int rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"synthml-bench-adult-copula-{rows}.parquet");
        if (!File.Exists(path))
        {
            var copula = ml.Synthetic().Synthesizers.GaussianCopula(seed: 1).Fit(AdultSplit.TrainTable(ml));
            string partial = path + ".partial";
            ml.Synthetic().Data.WriteParquet(copula.Sample(rows, seed: 1), partial);   // generated and written a block at a time
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }

    /// <summary>Polls the managed heap and the working set until stopped, keeping the largest of each.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public PeakSampler()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    Sample();
                    Thread.Sleep(20);
                }
            }) { IsBackground = true, Name = "peak sampler" };
            _thread.Start();
        }

        public long ManagedBytes { get; private set; }

        /// <summary>The largest heap a full (gen 2) collection left: live objects only.</summary>
        public long LiveBytes { get; private set; }

        public long WorkingSetBytes { get; private set; }

        private void Sample()
        {
            ManagedBytes = Math.Max(ManagedBytes, GC.GetTotalMemory(false));
            foreach (var kind in new[] { GCKind.FullBlocking, GCKind.Background })
            {
                var info = GC.GetGCMemoryInfo(kind);   // after a full collection only dead-free objects are left
                LiveBytes = Math.Max(LiveBytes, info.HeapSizeBytes - info.FragmentedBytes);
            }
            WorkingSetBytes = Math.Max(WorkingSetBytes, Environment.WorkingSet);
        }

        public void Stop()
        {
            _stop = true;
            _thread.Join();
            Sample();
        }

        public void Dispose()
        {
            if (!_stop)
            {
                Stop();
            }
        }
    }
}
