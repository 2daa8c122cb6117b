using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Deep;
using Microsoft.ML.Synthetic.Benchmarks.Evaluation;

namespace Microsoft.ML.Synthetic.Benchmarks.Diffusion;

/// <summary>
/// How the diffusion synthesizer's defaults were chosen without looking at the test split: Adult's 80 % training split
/// is split again 80/20 (seed 42); the model is fitted on the inner 80 % and scored (quality, LightGBM detection, TSTR)
/// against the inner 20 %. The real 20 % holdout of the other figures is never read.
/// </summary>
public static class DiffusionTuningBenchmarks
{
    /// <summary>
    /// <c>tuning.diffusion.quality|detection|tstr_auc.adult</c> and <c>tuning.diffusion.fit.adult</c> for the options
    /// in <c>SYNTHML_DIFFUSION_OPTIONS</c>, comma-separated <c>name=value</c>: <c>epochs</c>, <c>steps</c>,
    /// <c>hidden</c> (<c>256x256x256</c>), <c>lr</c>, <c>batch</c>, <c>anneal</c> (true/false), <c>threads</c>, <c>seed</c>;
    /// unset: the defaults.
    /// </summary>
    [Benchmark("tuning.diffusion")]
    public static void Tune(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var inner = ml.Data.TrainTestSplit(AdultSplit.Load(ml).TrainSet, testFraction: 0.2, seed: 42);
        var options = Parse(Environment.GetEnvironmentVariable("SYNTHML_DIFFUSION_OPTIONS"));
        if (ctx.Quick)
        {
            options.Epochs = 2;
        }

        DiffusionModel? model = null;
        double cpuBefore = AdultReportFigures.CpuSeconds();
        double seconds = ctx.Median(1, () => model = ml.Synthetic().Synthesizers.Diffusion(options).Fit(inner.TrainSet));
        var settings = new Dictionary<string, object>
        {
            ["epochs"] = options.Epochs,
            ["steps_T"] = options.Steps,
            ["hidden"] = string.Join("x", options.HiddenDims),
            ["lr"] = options.LearningRate,
            ["batch"] = options.BatchSize,
            ["anneal"] = options.AnnealLearningRate,
            ["threads"] = options.Threads,
            ["seed"] = options.Seed!,
        };
        ctx.Report("tuning.diffusion.fit.adult", seconds, "s", new(settings) { ["cpu_s"] = Math.Round(AdultReportFigures.CpuSeconds() - cpuBefore, 1) });
        int rows = checked((int)BenchmarkContext.CountRows(inner.TrainSet));
        var report = AdultReportFigures.Report(ctx, "tuning.diffusion", ml, inner, model!, rows);
        var worstShapes = report.Fidelity.Shapes.OrderBy(s => s.Score).Take(5).Select(s => $"{s.Column} {s.Score:F3}");
        var worstPairs = report.Fidelity.Pairs.Where(p => !double.IsNaN(p.Score)).OrderBy(p => p.Score).Take(5).Select(p => $"{p.Column1}/{p.Column2} {p.Score:F3}");
        Console.Error.WriteLine($"  worst shapes: {string.Join("; ", worstShapes)}");
        Console.Error.WriteLine($"  worst pairs: {string.Join("; ", worstPairs)}");
        Console.Error.WriteLine($"  settings: {string.Join(", ", settings.Select(kv => $"{kv.Key}={kv.Value}"))}");
    }

    private static DiffusionOptions Parse(string? text)
    {
        var options = new DiffusionOptions { Seed = 1, LabelColumn = "income", Threads = 1 };
        foreach (var pair in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            string value = parts.Length == 2 ? parts[1] : throw new ArgumentException($"SYNTHML_DIFFUSION_OPTIONS: '{pair}' is not name=value.");
            var c = CultureInfo.InvariantCulture;
            switch (parts[0])
            {
                case "epochs": options.Epochs = int.Parse(value, c); break;
                case "steps": options.Steps = int.Parse(value, c); break;
                case "hidden": options.HiddenDims = value.Split('x').Select(v => int.Parse(v, c)).ToArray(); break;
                case "lr": options.LearningRate = double.Parse(value, c); break;
                case "batch": options.BatchSize = int.Parse(value, c); break;
                case "anneal": options.AnnealLearningRate = bool.Parse(value); break;
                case "threads": options.Threads = int.Parse(value, c); break;
                case "seed": options.Seed = int.Parse(value, c); break;
                default: throw new ArgumentException($"SYNTHML_DIFFUSION_OPTIONS: unknown option '{parts[0]}' (epochs, steps, hidden, lr, batch, anneal, threads, seed).");
            }
        }

        return options;
    }
}
