using System.Diagnostics;
using Microsoft.ML.Synthetic.Benchmarks.Deep;

namespace Microsoft.ML.Synthetic.Benchmarks.Mst;

/// <summary>
/// MST fitted out of core (<c>FitStreaming</c>) on 10 million rows (1 million with <c>--quick</c>) drawn lazily from an
/// MST model of continuous Adult (ε = 10, the declared domain of <c>mst.fit.adult</c>): the rows are generated block by
/// block as the cursor asks, so the group's peak memory is that of the counts, one block and the fitted models.
/// </summary>
public static class MstStreamBenchmarks
{
    [Benchmark("mst.stream")]
    public static void Stream(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        MstOptions Options() => MstBenchmarks.DeclareAdult(new MstOptions { Epsilon = 10, Delta = 1e-9, NonPrivateReproducibleSeed = 1, Seed = 1 });
        var source = ml.Synthetic().Synthesizers.Mst(Options()).Fit(AdultSplit.Load(ml).TrainSet);
        long rows = ctx.Quick ? 1_000_000 : 10_000_000;
        string name = ctx.Quick ? "1m" : "10m";

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var model = ml.Synthetic().Synthesizers.Mst(Options()).FitStreaming(source.Sample(rows, seed: 3));
        double seconds = watch.Elapsed.TotalSeconds;
        ctx.Report($"mst.stream.fit.adult_sampled.{name}", seconds, "s", new()
        {
            ["rows"] = rows,
            ["cpu_s"] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
            ["tree"] = string.Join(" ", model.TreeEdges.Select(e => $"{e.First}-{e.Second}")),
        });
        ctx.ReportPeakMemory($"mst.stream.peak_memory.adult_sampled.{name}");
    }
}
