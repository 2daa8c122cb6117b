using System.Diagnostics;
using Microsoft.ML.Synthetic.Orleans.Sampling;
using Orleans.TestingHost;

namespace Microsoft.ML.Synthetic.Orleans.Tests.Sampling;

/// <summary>
/// A silo killed while it holds a shard: the coordinator gives that shard to another silo, and the output is still
/// exactly the single-process sample, every shard once, no temporary file left. Its own cluster, since it loses a silo.
/// </summary>
[TestClass]
public sealed class ClusterSampleFailoverTests
{
    private const long Rows = (5 * SynthesizerModelBase.DefaultBlockSize) + 777;
    private const int Shards = 6;

    private static TestCluster _cluster = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartCluster(TestContext context)
    {
        _ = TestModels.Copula;
        _cluster = await LocalCluster.StartAsync();
    }

    [ClassCleanup]
    public static async Task StopCluster()
    {
        SampleShardGrain.BeforeWrite = null;
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task SampleToParquet_SiloKilledHoldingAShard_ShardReassignedAndOutputIdenticalAndComplete()
    {
        string directory = TestModels.TemporaryDirectory("failover");
        string output = Path.Combine(directory, "out");
        string primary = _cluster.Primary!.SiloAddress.ToString();
        var held = new TaskCompletionSource<(int Shard, string Silo)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();   // the held shard's grain never goes on: its silo is killed under it
        SampleShardGrain.BeforeWrite = (request, silo) =>
            request.OutputDirectory == output && silo != primary && held.TrySetResult((request.ShardIndex, silo)) ? never.Task : Task.CompletedTask;
        try
        {
            string model = TestModels.SaveCopula(directory);
            var sampler = new ClusterSampler(_cluster.Client, new ClusterWorkOptions { MaxConcurrentPerSilo = 1 });
            var sampling = sampler.SampleToParquetAsync(model, Rows, Shards, output, seed: 3, cancellationToken: TestContext.CancellationToken);

            var (shard, victim) = await held.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken);
            while (ShardFiles.Finished(output).Length < 2)
            {
                // Kill once other silos have finished shards: the sample is part written, part running, part pending.
                Assert.IsFalse(sampling.IsCompleted, "the sample cannot finish while a shard is held");
                await Task.Delay(20, TestContext.CancellationToken);
            }

            var clock = Stopwatch.StartNew();
            await _cluster.KillSiloAsync(_cluster.GetActiveSilos().Single(s => s.SiloAddress.ToString() == victim));
            var result = await sampling.WaitAsync(TimeSpan.FromSeconds(120), TestContext.CancellationToken);
            TestContext.WriteLine($"Shard {shard} held on {victim}; the sample finished {clock.Elapsed.TotalSeconds:F1} s after the kill.");

            var moved = result.Shards[shard];
            Assert.AreNotEqual(victim, moved.Silo, "the held shard was written by another silo");
            Assert.IsTrue(moved.Attempts >= 2, $"the held shard was sent again (attempts: {moved.Attempts})");
            Assert.IsTrue(result.Reassignments >= 1);
            Assert.IsTrue(result.Shards.Where(s => s.ShardIndex != shard).All(s => s.Silo != victim || s.Attempts == 1));
            CollectionAssert.AreEquivalent(Enumerable.Range(0, Shards).Select(k => Path.Combine(output, $"part-{k:D5}.parquet")).ToList(),
                Directory.GetFiles(output).ToList(), "every shard once, no temporary file left");
            Assert.AreEqual(Rows, result.RowCount);
            Assert.AreEqual(TestModels.SingleProcessRows(Rows, seed: 3, directory), TestModels.ClusterRows(result.Files), "no row lost, duplicated or changed");
        }
        finally
        {
            SampleShardGrain.BeforeWrite = null;
            Directory.Delete(directory, recursive: true);
        }
    }
}
