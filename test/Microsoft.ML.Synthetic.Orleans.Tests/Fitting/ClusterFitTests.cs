using Orleans.TestingHost;

namespace Microsoft.ML.Synthetic.Orleans.Tests.Fitting;

/// <summary>
/// The Gaussian copula fitted on a 3-silo cluster from partition statistics of 3 Parquet files: the same model as the
/// statistics merged in one process, and the single-process fit on the whole table (correlations to rounding).
/// </summary>
[TestClass]
public sealed class ClusterFitTests
{
    private static TestCluster _cluster = null!;
    private static string _directory = null!;
    private static string[] _parts = null!;
    private static string _whole = null!;

    [ClassInitialize]
    public static async Task Start(TestContext context)
    {
        _cluster = await LocalCluster.SharedAsync();
        _directory = TestModels.TemporaryDirectory("fit");
        var ml = new MLContext(seed: 1);
        var adult = ml.Synthetic().Data.ReadCsv(Path.Combine(AppContext.BaseDirectory, "data", "adult.csv"));
        _whole = Path.Combine(_directory, "whole.parquet");
        ml.Synthetic().Data.WriteParquet(adult, _whole);
        // Three partitions of unequal sizes, cut from the same rows.
        var whole = ml.Synthetic().Data.ReadParquet(_whole);
        long[] cuts = [0, 9000, 21000, CountRows(whole)];
        _parts = new string[3];
        for (int p = 0; p < 3; p++)
        {
            _parts[p] = Path.Combine(_directory, $"part-{p}.parquet");
            var slice = ml.Data.TakeRows(p == 0 ? whole : ml.Data.SkipRows(whole, cuts[p]), cuts[p + 1] - cuts[p]);
            ml.Synthetic().Data.WriteParquet(slice, _parts[p]);
        }
    }

    [ClassCleanup]
    public static void Cleanup() => Directory.Delete(_directory, recursive: true);

    private static long CountRows(IDataView data)
    {
        long rows = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            rows++;
        }

        return rows;
    }

    public TestContext TestContext { get; set; } = null!;

    private static GaussianCopulaOptions Options() => new() { Seed = 5 };

    private static byte[] Saved(ISynthesizerModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [TestMethod]
    public async Task FitCopula_ThreeParquetFiles_EqualsTheStatisticsMergedInOneProcess()
    {
        var reports = new List<ClusterFitProgress>();
        var clustered = await new ClusterFitter(_cluster.Client).FitCopulaAsync(_parts, Options(), new Reports(reports));
        CollectionAssert.AreEqual(new[] { (1, 3), (2, 3) }, reports.Where(r => r.PartitionsFinished == 3).Select(r => (r.Pass, r.PartitionCount)).ToArray(), "both passes report every file");

        var ml = new MLContext();
        var estimator = ml.Synthetic().Synthesizers.GaussianCopula(Options());
        var views = _parts.Select(p => ml.Synthetic().Data.ReadParquet(p)).ToArray();
        var marginal = GaussianCopulaMarginalStatistics.Merge(views.Select(estimator.ComputeMarginalStatistics));
        var correlation = GaussianCopulaCorrelationStatistics.Merge(views.Select(v => estimator.ComputeCorrelationStatistics(marginal, v)));
        var local = estimator.Fit(marginal, correlation);

        Assert.AreEqual(32561, marginal.RowCount);
        CollectionAssert.AreEqual(Saved(local), Saved(clustered), "same statistics merged in the same order: the same model, byte for byte");
    }

    [TestMethod]
    public async Task FitCopula_ThreeParquetFiles_EqualsTheSingleProcessFitOfTheWholeTable()
    {
        var clustered = await new ClusterFitter(_cluster.Client).FitCopulaAsync(_parts, Options());
        var ml = new MLContext();
        var single = ml.Synthetic().Synthesizers.GaussianCopula(Options()).Fit(ml.Synthetic().Data.ReadParquet(_whole));

        CollectionAssert.AreEqual(single.TableSchema.Columns.Select(c => c.Name).ToList(), clustered.TableSchema.Columns.Select(c => c.Name).ToList());
        var expected = single.Correlation;
        var actual = clustered.Correlation;
        Assert.AreEqual(expected.GetLength(0), actual.GetLength(0));
        double largest = 0;
        for (int i = 0; i < expected.GetLength(0); i++)
        {
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                // The parallel co-moment merge (Chan, Golub and LeVeque) adds in another order than one pass: rounding only.
                Assert.AreEqual(expected[i, j], actual[i, j], 1e-8, $"correlation [{i}, {j}]");
                largest = Math.Max(largest, Math.Abs(expected[i, j] - actual[i, j]));
            }
        }

        TestContext.WriteLine($"Largest correlation difference from the single-process fit: {largest:E2}");
    }

    [TestMethod]
    public async Task FitCopula_FileMissing_FailsNamingTheFile()
    {
        var fitter = new ClusterFitter(_cluster.Client, new ClusterWorkOptions { MaxAttemptsPerItem = 2 });
        var e = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => fitter.FitCopulaAsync([_parts[0], Path.Combine(_directory, "absent.parquet")]));
        StringAssert.Contains(e.Message, "absent.parquet");
    }

    private sealed class Reports(List<ClusterFitProgress> reports) : IProgress<ClusterFitProgress>
    {
        public void Report(ClusterFitProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
