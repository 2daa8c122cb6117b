using Orleans.TestingHost;

namespace Microsoft.ML.Synthetic.Orleans.Tests.Sampling;

/// <summary>
/// Sampling on a 3-silo in-process cluster: the shards written by the grains, concatenated in shard order, are exactly
/// the rows of the single-process sample with the same seed.
/// </summary>
[TestClass]
public sealed class ClusterSampleTests
{
    // Five full blocks of DefaultBlockSize (8192) and one of 1,234 rows.
    private const long Rows = (5 * SynthesizerModelBase.DefaultBlockSize) + 1234;

    private static TestCluster _cluster = null!;

    [ClassInitialize]
    public static async Task StartCluster(TestContext context)
    {
        _ = TestModels.Copula;   // fit before the clock of the first test starts
        _cluster = await LocalCluster.SharedAsync();
    }

    [TestMethod]
    public async Task SampleToParquet_ThreeSilos_ShardsConcatenateToTheSingleProcessSample()
    {
        string directory = TestModels.TemporaryDirectory("sample");
        try
        {
            string model = TestModels.SaveCopula(directory);
            string output = Path.Combine(directory, "out");
            var progress = new List<ClusterSampleProgress>();
            var result = await new ClusterSampler(_cluster.Client).SampleToParquetAsync(model, Rows, 7, output, seed: 11,
                progress: new SynchronousProgress<ClusterSampleProgress>(progress.Add));

            Assert.AreEqual(Rows, result.RowCount);
            CollectionAssert.AreEqual(Enumerable.Range(0, 7).Select(k => Path.Combine(output, $"part-{k:D5}.parquet")).ToList(), result.Files.ToList());
            CollectionAssert.AreEquivalent(result.Files.ToList(), Directory.GetFiles(output).ToList(), "exactly the shard files, no temporary file left");
            Assert.IsTrue(result.Shards.Select(s => s.Silo).Distinct().Count() >= 2, "the shards are spread over the silos: " + string.Join(", ", result.Shards.Select(s => s.Silo)));
            Assert.AreEqual(7, progress[^1].ShardsFinished);
            Assert.AreEqual(Rows, progress[^1].RowsWritten);

            string expected = TestModels.SingleProcessRows(Rows, seed: 11, directory);
            Assert.AreEqual(expected, TestModels.ClusterRows(result.Files));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public async Task SampleToParquet_ModelSentAsBytesWithConditions_EqualsTheSingleProcessConditionalSample()
    {
        string directory = TestModels.TemporaryDirectory("conditions");
        try
        {
            var conditions = new SampleConditions { ["sex"] = "Female", ["age"] = SampleCondition.Between(30, 40) };
            const long rows = SynthesizerModelBase.DefaultBlockSize + 100;
            var result = await new ClusterSampler(_cluster.Client).SampleToParquetAsync(TestModels.Copula, rows, 3, directory, seed: 5, conditions);

            string single = Path.Combine(directory, "single.parquet");
            new MLContext().Synthetic().Data.WriteParquet(TestModels.Copula.Sample(rows, conditions, seed: 5), single);
            Assert.AreEqual(TestModels.CsvRowsOf(single), TestModels.ClusterRows(result.Files));
            Assert.AreEqual(1, result.Shards.Count(s => s.RowCount == 0), "2 blocks over 3 shards: one shard is empty");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public async Task SampleToParquet_DirectoryHoldsShards_ThrowsNamingTheDirectory()
    {
        string directory = TestModels.TemporaryDirectory("existing");
        try
        {
            File.WriteAllText(Path.Combine(directory, "part-00000.parquet"), "old");
            var e = await Assert.ThrowsExactlyAsync<ArgumentException>(() =>
                new ClusterSampler(_cluster.Client).SampleToParquetAsync(TestModels.Copula, 10, 2, directory));
            StringAssert.Contains(e.Message, directory);
            StringAssert.Contains(e.Message, "empty directory");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public async Task SampleToParquet_MissingModelFile_FailsAfterItsAttemptsWithTheFileError()
    {
        string directory = TestModels.TemporaryDirectory("missing");
        try
        {
            var sampler = new ClusterSampler(_cluster.Client, new ClusterWorkOptions { MaxAttemptsPerItem = 2 });
            var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() =>
                sampler.SampleToParquetAsync(Path.Combine(directory, "nothing.model"), 10, 1, Path.Combine(directory, "out")));
            StringAssert.Contains(e.Message, "failed on 2 attempts");
            StringAssert.Contains(e.Message, "nothing.model");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, so its last report may come late).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
