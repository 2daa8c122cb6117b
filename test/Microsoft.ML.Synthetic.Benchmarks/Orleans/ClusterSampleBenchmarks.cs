using System.Diagnostics;
using Microsoft.ML.Synthetic.Benchmarks.GaussianCopula;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Microsoft.ML.Synthetic.Benchmarks.Orleans;

/// <summary>
/// <c>copula.sample.cluster.3silo</c>: rows per second of the Adult copula sampled to Parquet shards on a 3-silo
/// in-process Orleans cluster (TestingHost; 12 shards, 2 at a time per silo), beside the single-process rows per second
/// of the same sample written to one Parquet file in the same run (<c>single_process_rows_per_s</c>). All silos share
/// this machine's cores, so the figure measures the runner's overhead and parallelism here, not a cluster of machines.
/// </summary>
public static class ClusterSampleBenchmarks
{
    [Benchmark("copula.sample.cluster")]
    public static void ClusterSample(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ClusterSampleAsync(ctx).GetAwaiter().GetResult();
    }

    private static async Task ClusterSampleAsync(BenchmarkContext ctx)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.GaussianCopula(seed: 7).Fit(GaussianCopulaBenchmarks.LoadAdult(ml));
        long rows = ctx.Quick ? 200_000 : 2_000_000;
        const int shards = 12;
        string root = Path.Combine(Path.GetTempPath(), $"synthml-cluster-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        string modelPath = Path.Combine(root, "copula.model");
        using (var stream = File.Create(modelPath))
        {
            model.Save(stream);
        }

        var builder = new TestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;   // no logs/ folder in the working directory
        builder.AddSiloBuilderConfigurator<SyntheticSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var sampler = new ClusterSampler(cluster.Client);
            await sampler.SampleToParquetAsync(modelPath, rows / 10, shards, Path.Combine(root, "warm-up"), seed: 1);   // warm-up: JIT, activations
            ml.Synthetic().Data.WriteParquet(model.Sample(rows / 10, seed: 1), Path.Combine(root, "warm-up.parquet"));

            int runs = ctx.Quick ? 1 : 3;
            int run = 0;
            double clusterSeconds = ctx.Median(runs, () =>
                sampler.SampleToParquetAsync(modelPath, rows, shards, Path.Combine(root, $"cluster-{run++}"), seed: 3).GetAwaiter().GetResult());
            run = 0;
            double singleSeconds = ctx.Median(runs, () =>
                ml.Synthetic().Data.WriteParquet(model.Sample(rows, seed: 3), Path.Combine(root, $"single-{run++}.parquet")));
            ctx.Report("copula.sample.cluster.3silo", rows / clusterSeconds, "rows/s", new()
            {
                ["rows"] = rows,
                ["shards"] = shards,
                ["silos"] = 3,
                ["shards_per_silo_at_once"] = 2,
                ["single_process_rows_per_s"] = Math.Round(rows / singleSeconds),
                ["speedup_vs_single_process"] = Math.Round(singleSeconds / clusterSeconds, 2),
                ["cores"] = Environment.ProcessorCount,
                ["note"] = "3 in-process silos on one machine, Parquet to local disk",
            });
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class SyntheticSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddSyntheticGrains();
    }
}
