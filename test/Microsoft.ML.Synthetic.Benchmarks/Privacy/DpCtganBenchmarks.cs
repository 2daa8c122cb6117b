using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Deep;

namespace Microsoft.ML.Synthetic.Benchmarks.Privacy;

/// <summary>
/// DP-CTGAN on Adult (80/20 split, seed 42): quality and TSTR AUC at ε = 1, 3, 10 (δ = 1e-5) with
/// <see cref="CtganOptions"/>' DP defaults and Adult's public metadata (as DP-TVAE's figures), and seconds per epoch.
/// </summary>
public static class DpCtganBenchmarks
{
    /// <summary>DP-CTGAN options with Adult's public metadata (the same as <see cref="DpTvaeBenchmarks.AdultOptions"/>).</summary>
    internal static CtganOptions AdultOptions(double epsilon, int? epochs, int threads, IProgress<DeepTrainingProgress>? progress = null)
    {
        var options = new CtganOptions
        {
            Seed = 1,
            Threads = threads,
            Progress = progress,
            DifferentialPrivacy = DpTvaeBenchmarks.AdultOptions(epsilon, 1, threads).DifferentialPrivacy,
        };
        if (epochs is int e)
        {
            options.Epochs = e;
        }

        return options;
    }

    /// <summary>
    /// <c>dpctgan.epoch.adult</c>: seconds per DP-CTGAN epoch (ε = 1); <c>dpctgan.quality.adult.eps1/3/10</c> and
    /// <c>dpctgan.tstr_auc.adult.eps1/3/10</c> with the default epochs.
    /// </summary>
    [Benchmark("dpctgan")]
    public static void DpCtgan(BenchmarkContext ctx)
    {
        var ml = new MLContext(seed: 1);
        if (ctx.IsSelected("dpctgan.epoch"))
        {
            var table = AdultSplit.TrainTable(ml, ctx.Quick ? 2000 : null);
            var stamps = new List<long>();
            ml.Synthetic().Synthesizers.Ctgan(AdultOptions(1, ctx.Quick ? 3 : 4, ctx.Threads, new Progress(stamps))).Fit(table);
            var gaps = stamps.Zip(stamps.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalSeconds).Order().ToArray();
            ctx.Report("dpctgan.epoch.adult", gaps[gaps.Length / 2], "s", new()
            {
                ["rows"] = table.RowCount,
                ["batch"] = 500,
                ["epochs_timed"] = gaps.Length,
            });
        }

        var failures = new List<string>();
        DataOperationsCatalog.TrainTestData? split = null;
        foreach (var (name, epsilon) in new[] { ("eps1", 1.0), ("eps3", 3.0), ("eps10", 10.0) })
        {
            if (!ctx.IsSelected($"dpctgan.quality.adult.{name}") && !ctx.IsSelected($"dpctgan.tstr_auc.adult.{name}"))
            {
                continue;
            }

            split ??= AdultSplit.Load(ml);
            var options = AdultOptions(epsilon, ctx.Quick ? 2 : null, ctx.Threads, new Progress([]));
            long start = Stopwatch.GetTimestamp();
            var model = (CtganModel)ml.Synthetic().Synthesizers.Ctgan(options).Fit(split.Value.TrainSet);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var sgd = model.PrivacyLedgerEntries[^1];
            var fields = new Dictionary<string, object> { ["delta"] = 1e-5, ["epsilon_spent"] = Math.Round(sgd.Epsilon, 4), ["dp_sgd"] = sgd.Mechanism };
            try
            {
                DeepQuality.Report(ctx, "dpctgan", ml, split.Value, model, options.Epochs, seconds, "." + name, fields);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"# dpctgan.{name}: FAILED: {e.Message}");
                failures.Add($"{name}: {e.Message}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("DP-CTGAN quality failed for " + string.Join("; ", failures));
        }
    }

    private sealed class Progress(List<long> stamps) : IProgress<DeepTrainingProgress>
    {
        public void Report(DeepTrainingProgress value)
        {
            stamps.Add(Stopwatch.GetTimestamp());
            Console.Error.WriteLine($"  {value}");
        }
    }
}
