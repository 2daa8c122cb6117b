namespace Microsoft.ML.Synthetic.Benchmarks.Evaluation;

/// <summary>Column shapes and pair trends of tables that are never held in memory.</summary>
public static class StreamingReportBenchmarks
{
    /// <summary>
    /// <c>report.stream.5m</c>: what <c>ml.Synthetic().Evaluation.EvaluateQualityStreaming(real, synthetic)</c> does (ranges
    /// pass, statistics pass, <c>EvaluateQuality</c>), step by step so the statistics can be inspected, on two
    /// generated 5,000,000 × 8 tables (the <c>report.wide_category</c> generator, 5,000 cities; rows are drawn while the
    /// cursors read them, so neither table is ever in memory): two cursor passes per table, 65,536 rows at a time.
    /// Seconds of one run, and the group's peak resident memory. <c>income</c> has more distinct values than the exact
    /// capacity, so its KSComplement comes from the quantile sketch (field <c>income_cdf_bound</c>).
    /// <c>--quick</c>: 200,000 rows.
    /// </summary>
    [Benchmark("report.stream")]
    public static void Streaming(BenchmarkContext ctx)
    {
        long rows = ctx.Quick ? 200_000 : 5_000_000;
        var ml = new MLContext(seed: 1);
        IDataView real = WideCategoryTable.Stream(ml, rows, 5_000, seed: 1);
        IDataView synthetic = WideCategoryTable.Stream(ml, rows, 5_000, seed: 2);
        var fidelity = new FidelityOptions { KernelMetrics = false };
        var read = new TabularDataOptions();
        FidelityResult? result = null;
        QualityStatistics? realStats = null, syntheticStats = null;
        double seconds = ctx.Median(1, () =>
        {
            realStats = QualityStatistics.Compute(real, QualityStatisticsRanges.Compute(real, read));
            syntheticStats = QualityStatistics.Compute(synthetic, QualityStatisticsRanges.Compute(synthetic, read));
            result = ml.Synthetic().Evaluation.EvaluateQuality(realStats, syntheticStats, fidelity);
        });
        var stream = new MemoryStream();
        realStats!.Save(stream);
        string label = ctx.Quick ? "200k" : "5m";
        ctx.Report($"report.stream.{label}.time", seconds, "s", new()
        {
            ["rows_per_table"] = rows,
            ["columns"] = 8,
            ["rows_per_s"] = Math.Round(2 * rows / seconds),
            ["overall"] = Math.Round(result!.Overall, 4),
            ["column_shapes"] = Math.Round(result.ColumnShapes, 4),
            ["column_pair_trends"] = Math.Round(result.ColumnPairTrends, 4),
            ["income_cdf_bound"] = Math.Round(realStats.CdfErrorBound("Income") + syntheticStats!.CdfErrorBound("Income"), 6),
            ["statistics_kib"] = Math.Round(stream.Length / 1024.0, 1),
        });
        ctx.ReportPeakMemory($"report.stream.{label}.peak_memory");
    }
}
