using System.Diagnostics;
using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Benchmarks.Evaluation;

/// <summary>
/// The figures a synthesizer's group prints from one evaluation on Adult's 80/20 split: quality, LightGBM detection and
/// TSTR AUC (privacy and kernel metrics off), from <paramref name="rows"/> rows sampled with seed 7; returns the report.
/// </summary>
internal static class AdultReportFigures
{
    /// <summary>The targets, printed beside the figures when given.</summary>
    internal readonly record struct Targets(double Quality, double LightGbmAuc, double TstrAuc);

    public static QualityReport Report(BenchmarkContext ctx, string prefix, MLContext ml, DataOperationsCatalog.TrainTestData split, ISynthesizerModel model, int rows, Targets? targets = null)
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
        var quality = new Dictionary<string, object>(extra)
        {
            ["column_shapes"] = Math.Round(report.Fidelity.ColumnShapes, 4),
            ["column_pair_trends"] = Math.Round(report.Fidelity.ColumnPairTrends, 4),
        };
        var detectionFields = new Dictionary<string, object>(extra)
        {
            ["lightgbm_auc"] = Math.Round(lightGbm.MeanAuc, 4),
            ["lightgbm_score"] = Math.Round(lightGbm.Score, 4),
            ["logistic_auc"] = Math.Round(detection.Detectors.Single(d => d.Detector == "LogisticRegression").MeanAuc, 4),
        };
        var tstr = new Dictionary<string, object>(extra) { ["trtr_auc"] = Math.Round(utility.Trtr.Auc, 4), ["trainer"] = utility.Trainer };
        if (targets is { } t)
        {
            quality["target"] = t.Quality;
            detectionFields["target_lightgbm_auc"] = t.LightGbmAuc;
            tstr["target"] = t.TstrAuc;
        }

        ctx.Report($"{prefix}.quality.adult", report.OverallQuality, "score", quality);
        ctx.Report($"{prefix}.detection.adult", detection.Score, "score", detectionFields);
        ctx.Report($"{prefix}.tstr_auc.adult", utility.Tstr.Auc, "auc", tstr);
        return report;
    }

    /// <summary>The process's CPU time so far, in seconds (to state CPU beside wall time on a shared machine).</summary>
    public static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
