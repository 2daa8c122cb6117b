using System.Diagnostics;
using Microsoft.ML.Synthetic.Benchmarks.Deep;

namespace Microsoft.ML.Synthetic.Benchmarks.Mst;

/// <summary>
/// MST on continuous Adult (80 % split, declared domain as <c>mst.fit.adult</c>, ε = 1, seeded noise so fits repeat)
/// fitted three ways with the same seeds: in memory (<c>Fit</c>), from the merged statistics of 7 uneven row ranges
/// (<c>ComputeStatistics</c> per range, <c>MarginalStatistics.Merge</c>, <c>Fit(statistics)</c>), and streamed
/// (<c>FitStreaming</c>). Each figure's <c>identical</c> says whether the saved model and a 10,000-row sample equal
/// the in-memory fit's byte for byte.
/// </summary>
public static class MstPartitionBenchmarks
{
    [Benchmark("mst.partitions")]
    public static void Partitions(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var train = AdultSplit.Load(ml).TrainSet;
        long rows = BenchmarkContext.CountRows(train);
        MstOptions Options() => MstBenchmarks.DeclareAdult(new MstOptions { Epsilon = 1, Delta = 1e-9, NonPrivateReproducibleSeed = 1, Seed = 1 });

        var watch = Stopwatch.StartNew();
        var expected = ml.Synthetic().Synthesizers.Mst(Options()).Fit(train);
        ctx.Report("mst.partitions.fit.adult.in_memory", watch.Elapsed.TotalSeconds, "s", new() { ["rows"] = rows });
        var (model, sample) = (Bytes(expected), Sample(expected));

        watch.Restart();
        var estimator = ml.Synthetic().Synthesizers.Mst(Options());
        long[] cuts = [0, rows / 20, rows / 5, rows / 3, rows / 2, rows / 2 + 17, 4 * rows / 5, rows];
        var parts = Enumerable.Range(0, 7).Select(k => ml.Data.TakeRows(cuts[k] == 0 ? train : ml.Data.SkipRows(train, cuts[k]), cuts[k + 1] - cuts[k]));
        var merged = estimator.Fit(MarginalStatistics.Merge(parts.Select(estimator.ComputeStatistics)));
        double seconds = watch.Elapsed.TotalSeconds;
        ctx.Report("mst.partitions.fit.adult.k7", seconds, "s", new() { ["rows"] = rows, ["identical"] = Bytes(merged).SequenceEqual(model) && Sample(merged).SequenceEqual(sample) });

        watch.Restart();
        var streamed = ml.Synthetic().Synthesizers.Mst(Options()).FitStreaming(train);
        seconds = watch.Elapsed.TotalSeconds;
        ctx.Report("mst.partitions.fit.adult.streamed", seconds, "s", new() { ["rows"] = rows, ["identical"] = Bytes(streamed).SequenceEqual(model) && Sample(streamed).SequenceEqual(sample) });
    }

    private static byte[] Bytes(MstModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    /// <summary>A 10,000-row sample (seed 7) written as CSV text, so equal bytes mean equal rows.</summary>
    private static byte[] Sample(MstModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            var table = model.SampleTable(10_000, seed: 7);
            for (int r = 0; r < table.RowCount; r++)
            {
                writer.WriteLine(string.Join(",", table.Columns.Select(c => c is ContinuousColumn n ? n.Values[r].ToString("R", System.Globalization.CultureInfo.InvariantCulture) : ((CategoricalColumn)c).Codes[r].ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        return stream.ToArray();
    }
}
