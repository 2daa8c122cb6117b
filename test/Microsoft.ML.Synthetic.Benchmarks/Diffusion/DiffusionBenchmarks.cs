using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Deep;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Benchmarks.Diffusion;

/// <summary>
/// The TabDDPM-class diffusion synthesizer on Adult (80/20 split, seed 42, the file's 15 columns), class-conditional
/// on <c>income</c> as in the paper: fit seconds, sampling speed, and the evaluation library's quality, LightGBM
/// detection and TSTR AUC with the same report as the ARF benchmark.
/// </summary>
public static class DiffusionBenchmarks
{
    /// <summary>
    /// <c>diffusion.fit.adult</c>: seconds to fit the default options (one LibTorch thread) on the 80 % split, one run
    /// (<c>--quick</c>: 5 epochs). <c>diffusion.sample.100k</c>: rows per second streamed through an ML.NET cursor
    /// (<c>--quick</c>: 10,000 rows). <c>diffusion.quality.adult</c>, <c>diffusion.detection.adult</c>,
    /// <c>diffusion.tstr_auc.adult</c>: the evaluation report of as many synthetic rows as the training split has, TSTR
    /// on the real 20 % holdout.
    /// </summary>
    [Benchmark("diffusion")]
    public static void Diffusion(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var split = AdultSplit.Load(ml);
        var train = TabularData.FromDataView(split.TrainSet);
        var options = new DiffusionOptions { Seed = 1, LabelColumn = "income", Threads = 1 };
        if (ctx.Quick)
        {
            options.Epochs = 5;
        }

        DiffusionModel? model = null;
        var cpuBefore = CpuSeconds();
        double seconds = ctx.Median(1, () => model = ml.Synthetic().Synthesizers.Diffusion(options).Fit(split.TrainSet));
        var last = model!.TrainingHistory[^1].Losses;
        ctx.Report("diffusion.fit.adult", seconds, "s", new()
        {
            ["cpu_s"] = Math.Round(CpuSeconds() - cpuBefore, 1),
            ["rows"] = train.RowCount,
            ["epochs"] = options.Epochs,
            ["steps_T"] = options.Steps,
            ["batch"] = options.BatchSize,
            ["hidden"] = string.Join("x", options.HiddenDims),
            ["final_gaussian_loss"] = Math.Round(last["gaussian"], 4),
            ["final_multinomial_loss"] = Math.Round(last["multinomial"], 4),
            ["target_s"] = 600,
            ["threads"] = 1,
        });

        long rows = ctx.Quick ? 10_000 : 100_000;
        if (ctx.IsSelected("diffusion.sample"))
        {
            long checksum = 0;
            double sampleSeconds = ctx.Median(1, () =>
            {
                long n = SampleReader.ReadAll(model.Sample(rows, seed: 3), ref checksum);
                if (n != rows)
                {
                    throw new InvalidOperationException($"sampled {n} rows, expected {rows}");
                }
            });
            ctx.Report(ctx.Quick ? "diffusion.sample.10k" : "diffusion.sample.100k", rows / sampleSeconds, "rows/s", new() { ["rows"] = rows, ["steps_T"] = options.Steps, ["threads"] = 1 });
        }

        if (ctx.IsSelected("diffusion.quality") || ctx.IsSelected("diffusion.detection") || ctx.IsSelected("diffusion.tstr_auc"))
        {
            Evaluate(ctx, ml, split, model, train.RowCount);
        }
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static void Evaluate(BenchmarkContext ctx, MLContext ml, DataOperationsCatalog.TrainTestData split, ISynthesizerModel model, int rows)
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
        ctx.Report("diffusion.quality.adult", report.OverallQuality, "score", new(extra)
        {
            ["column_shapes"] = Math.Round(report.Fidelity.ColumnShapes, 4),
            ["column_pair_trends"] = Math.Round(report.Fidelity.ColumnPairTrends, 4),
            ["target"] = 0.975,
        });
        ctx.Report("diffusion.detection.adult", detection.Score, "score", new(extra)
        {
            ["lightgbm_auc"] = Math.Round(lightGbm.MeanAuc, 4),
            ["lightgbm_score"] = Math.Round(lightGbm.Score, 4),
            ["target_lightgbm_auc"] = 0.75,
        });
        ctx.Report("diffusion.tstr_auc.adult", utility.Tstr.Auc, "auc", new(extra)
        {
            ["trtr_auc"] = Math.Round(utility.Trtr.Auc, 4),
            ["trainer"] = utility.Trainer,
            ["target"] = 0.915,
        });
    }
}
