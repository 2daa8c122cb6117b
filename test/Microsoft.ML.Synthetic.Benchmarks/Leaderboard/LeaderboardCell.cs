using System.Diagnostics;
using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Benchmarks.Leaderboard;

/// <summary>One fit of one entry on one table, measured: every metric of <see cref="LeaderboardBenchmarks.Metrics"/>.</summary>
internal sealed record LeaderboardCell(IReadOnlyDictionary<string, double> Values, int TrainRows, long HoldoutRows, string Label, bool PeakIsReset, double BaselineMib)
{
    public static LeaderboardCell Measure(MLContext ml, LeaderboardTable table, IEstimator<ISynthesizerModel> estimator, int seed)
    {
        var memory = PeakMemory.Start();
        long start = Stopwatch.GetTimestamp();
        var model = estimator.Fit(table.Train);
        double fitSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        int rows = checked((int)BenchmarkContext.CountRows(table.Train));
        start = Stopwatch.GetTimestamp();
        var synthetic = model.SampleTable(rows, seed: 1000 + seed);
        double sampleSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double peak = PeakMemory.PeakMib();

        var options = new EvaluationOptions
        {
            Seed = 1,
            Fidelity = { KernelMetrics = false },
            Utility = { LabelColumn = table.Label },
        };
        var report = ml.Synthetic().Evaluate(table.Train, synthetic.ToDataView(), table.Holdout, options);
        var detection = report.Detection ?? throw new InvalidOperationException("the evaluation computed no detection");
        var utility = report.Utility ?? throw new InvalidOperationException("the evaluation computed no utility");
        var lightGbm = detection.Detectors.Single(d => d.Detector == "LightGbm");
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["quality"] = report.OverallQuality,
            ["detection"] = lightGbm.Score,
            ["detection_auc"] = lightGbm.MeanAuc,
            ["tstr_auc"] = utility.Tstr.Auc,
            ["trtr_auc"] = utility.Trtr.Auc,
            ["dcr_baseline_protection"] = report.Scores.GetValueOrDefault("privacy.dcr_baseline_protection", double.NaN),
            ["new_row_synthesis"] = report.Scores.GetValueOrDefault("privacy.new_row_synthesis", double.NaN),
            ["fit_s"] = fitSeconds,
            ["sample_rows_per_s"] = rows / sampleSeconds,
            ["peak_mib"] = peak,
        };
        Console.Error.WriteLine("  " + string.Join("  ", values.Select(kv => $"{kv.Key} {kv.Value:G4}")));
        return new LeaderboardCell(values, rows, BenchmarkContext.CountRows(table.Holdout), table.Label, memory.IsReset, memory.BaselineMib);
    }
}
