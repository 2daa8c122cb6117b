using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Benchmarks.Evaluation;
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
        var cpuBefore = AdultReportFigures.CpuSeconds();
        double seconds = ctx.Median(1, () => model = ml.Synthetic().Synthesizers.Diffusion(options).Fit(split.TrainSet));
        var last = model!.TrainingHistory[^1].Losses;
        ctx.Report("diffusion.fit.adult", seconds, "s", new()
        {
            ["cpu_s"] = Math.Round(AdultReportFigures.CpuSeconds() - cpuBefore, 1),
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
            AdultReportFigures.Report(ctx, "diffusion", ml, split, model, train.RowCount, new(Quality: 0.975, LightGbmAuc: 0.75, TstrAuc: 0.915));
        }
    }
}
