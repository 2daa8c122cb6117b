using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;
using static Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula.Statistics.StatisticsTestTable;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula.Statistics;

/// <summary>
/// The copula fitted from statistics merged over k partitions equals the copula fitted on the concatenated table
/// (exact counts: schema, marginals and encodings to 1e-12 — in fact bitwise —, correlations to 1e-9: the co-moments
/// agree to rounding, see <see cref="CoMomentMergeTests"/>, and the positive-definite repair amplifies that rounding),
/// in any merge order, after the statistics travel through Save/Load, and streamed from a Parquet file or a CSV.
/// </summary>
[TestClass]
public sealed class GaussianCopulaPartitionFitTests
{
    private const double Tolerance = 1e-12;

    /// <summary>Correlations after the positive-definite repair, whose eigen-decomposition amplifies 1e-15 differences of the covariances to about 1e-11.</summary>
    private const double CorrelationTolerance = 1e-9;

    private static GaussianCopulaEstimator Estimator(MLContext ml, Action<GaussianCopulaOptions>? configure = null)
    {
        var options = new GaussianCopulaOptions { Seed = 3 };
        configure?.Invoke(options);
        return ml.Synthetic().Synthesizers.GaussianCopula(options);
    }

    private static GaussianCopulaModel FitFromPartitions(MLContext ml, GaussianCopulaEstimator estimator, IReadOnlyList<List<Row>> parts, Func<int[], int[]>? order = null)
    {
        var views = parts.Select(p => ml.Data.LoadFromEnumerable(p)).ToArray();
        var marginal = views.Select(estimator.ComputeMarginalStatistics).ToArray();
        var idx = order?.Invoke(Enumerable.Range(0, views.Length).ToArray()) ?? Enumerable.Range(0, views.Length).ToArray();
        var merged = GaussianCopulaMarginalStatistics.Merge(idx.Select(i => marginal[i]));
        var correlation = views.Select(v => estimator.ComputeCorrelationStatistics(merged, v)).ToArray();
        return estimator.Fit(merged, GaussianCopulaCorrelationStatistics.Merge(idx.Select(i => correlation[i])));
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(7)]
    public void MergedPartitions_GiveTheModelOfTheConcatenatedTable(int k)
    {
        var ml = new MLContext(seed: 1);
        var rows = Create(3000);
        var estimator = Estimator(ml);
        var whole = estimator.Fit(ml.Data.LoadFromEnumerable(rows));
        var merged = FitFromPartitions(ml, estimator, Split(rows, k));
        AssertSameModel(whole, merged, Tolerance, CorrelationTolerance);
        Assert.AreEqual(whole.Dimension, merged.Dimension);
        if (k == 1)
        {
            // One partition in one block is the same arithmetic as Fit: the same model, bit for bit, and the same sample.
            AssertSameModel(whole, merged, 0);
            CollectionAssert.AreEqual(ReadX(whole.Sample(3000, seed: 5)), ReadX(merged.Sample(3000, seed: 5)));
            CollectionAssert.AreEqual(
                whole.Sample(3000, seed: 5).GetColumn<ReadOnlyMemory<char>>("Kind").Select(v => v.ToString()).ToArray(),
                merged.Sample(3000, seed: 5).GetColumn<ReadOnlyMemory<char>>("Kind").Select(v => v.ToString()).ToArray());
        }
    }

    [TestMethod]
    public void PartitionsMergedInDifferentOrders_GiveTheSameModel()
    {
        var ml = new MLContext(seed: 1);
        var parts = Split(Create(2000), 7);
        var estimator = Estimator(ml);
        var forward = FitFromPartitions(ml, estimator, parts);
        var backward = FitFromPartitions(ml, estimator, parts, o => o.Reverse().ToArray());
        var shuffled = FitFromPartitions(ml, estimator, parts, o => [3, 0, 6, 1, 5, 2, 4]);
        AssertSameModel(forward, backward, Tolerance, CorrelationTolerance);
        AssertSameModel(forward, shuffled, Tolerance, CorrelationTolerance);
    }

    [TestMethod]
    public void StatisticsSavedAndLoaded_FitTheSameModel()
    {
        var ml = new MLContext(seed: 1);
        var parts = Split(Create(1500), 2).Select(p => ml.Data.LoadFromEnumerable(p)).ToArray();
        var estimator = Estimator(ml, o => o.DistinctValueCapacity = 64);   // X is sketched: the sketch travels too
        var marginal = GaussianCopulaMarginalStatistics.Merge(parts.Select(estimator.ComputeMarginalStatistics));
        var correlation = GaussianCopulaCorrelationStatistics.Merge(parts.Select(p => estimator.ComputeCorrelationStatistics(marginal, p)));
        var marginalCopy = RoundTrip(marginal.Save, GaussianCopulaMarginalStatistics.Load);
        var correlationCopy = RoundTrip(correlation.Save, GaussianCopulaCorrelationStatistics.Load);
        Assert.AreEqual(marginal.RowCount, marginalCopy.RowCount);
        Assert.AreEqual(correlation.RowCount, correlationCopy.RowCount);
        Assert.AreEqual(marginal.GetRankErrorBound("X"), marginalCopy.GetRankErrorBound("X"));
        Assert.IsGreaterThan(0L, marginal.GetRankErrorBound("X"), "X has more distinct values than the capacity");
        AssertSameModel(estimator.Fit(marginal, correlation), estimator.Fit(marginalCopy, correlationCopy), 0);

        // Merging the loaded copy with another part gives what merging the originals gives.
        var again = RoundTrip(GaussianCopulaMarginalStatistics.Merge([marginalCopy, marginal]).Save, GaussianCopulaMarginalStatistics.Load);
        Assert.AreEqual(2 * marginal.RowCount, again.RowCount);
    }

    [TestMethod]
    public void TruncatedStatistics_AreAClearError()
    {
        var ml = new MLContext(seed: 1);
        var estimator = Estimator(ml, o => o.DistinctValueCapacity = 64);
        var marginal = estimator.ComputeMarginalStatistics(ml.Data.LoadFromEnumerable(Create(500)));
        using var full = new MemoryStream();
        marginal.Save(full);
        var bytes = full.ToArray();
        foreach (int length in new[] { 10, bytes.Length / 2, bytes.Length - 1 })
        {
            using var truncated = new MemoryStream(bytes[..length]);
            Assert.ThrowsExactly<InvalidDataException>(() => GaussianCopulaMarginalStatistics.Load(truncated), $"{length} of {bytes.Length} bytes");
        }
    }

    [TestMethod]
    public void LoadingOtherBytes_IsAClearError()
    {
        using var stream = new MemoryStream([1, 2, 3, 4, 5]);
        Assert.ThrowsExactly<InvalidDataException>(() => GaussianCopulaMarginalStatistics.Load(stream));
        stream.Position = 0;
        Assert.ThrowsExactly<InvalidDataException>(() => GaussianCopulaCorrelationStatistics.Load(stream));
    }

    [TestMethod]
    public void FitStreaming_OverParquetRowGroups_EqualsFit()
    {
        var ml = new MLContext(seed: 1);
        var rows = Create(2500);
        var path = Path.Combine(Path.GetTempPath(), $"copula-stream-{Guid.NewGuid():N}.parquet");
        try
        {
            ml.Synthetic().Data.WriteParquet(ml.Data.LoadFromEnumerable(rows), path, new ParquetWriteOptions { RowGroupSize = 700 });
            var parquet = ml.Synthetic().Data.ReadParquet(path);
            var estimator = Estimator(ml);
            estimator.BlockSize = 500;   // 2,500 rows: five full blocks, across row groups of 700
            var streamed = estimator.FitStreaming(parquet);
            var inMemory = estimator.Fit(parquet);
            AssertSameModel(inMemory, streamed, Tolerance, CorrelationTolerance);
            Assert.HasCount(2500, ReadX(streamed.Sample(2500, seed: 9)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void FitStreaming_OverTheTextLoadersCursorInBlocks_EqualsFitOnAdult()
    {
        // ML.NET's text loader streams the CSV; blocks of 5,000 rows leave a partial last block.
        var ml = new MLContext(seed: 1);
        var adult = TestData.LoadAdult(ml);
        var estimator = Estimator(ml);
        estimator.BlockSize = 5000;
        AssertSameModel(estimator.Fit(adult), estimator.FitStreaming(adult), Tolerance, CorrelationTolerance);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(7)]
    public void SketchedColumn_QuantilesStayWithinTheStatedRankBound(int k)
    {
        // X has ~2,000 distinct values; capacity 64 (k = 16 items a level) forces the sketch.
        var ml = new MLContext(seed: 1);
        var rows = Create(4000);
        var estimator = Estimator(ml, o =>
        {
            o.DistinctValueCapacity = 64;
            o.EmpiricalQuantiles = 33;
            o.ColumnMarginals["X"] = MarginalKind.Empirical;
        });
        var parts = Split(rows, k).Select(p => ml.Data.LoadFromEnumerable(p)).ToArray();
        var merged = GaussianCopulaMarginalStatistics.Merge(parts.Select(estimator.ComputeMarginalStatistics));
        long bound = merged.GetRankErrorBound("X");
        long n = rows.Count;
        Assert.IsLessThanOrEqualTo(ValueSketchEpsilon(n, 16) * n, bound, "the tracked bound is within εn");
        var model = estimator.Fit(merged, GaussianCopulaCorrelationStatistics.Merge(parts.Select(p => estimator.ComputeCorrelationStatistics(merged, p))));

        var sorted = rows.Select(r => (double)r.X).Order().ToArray();
        var knots = ((ContinuousCopulaColumn)model.CopulaColumns[0]).Marginal.Parameters;
        for (int i = 0; i < knots.Length; i++)
        {
            // Knot i is the type-7 quantile at 0-based rank position i(n − 1)/(K − 1), read from the sketch's ranks.
            double position = (double)i * (n - 1) / (knots.Length - 1);
            long below = sorted.Count(v => v < knots[i]), atOrBelow = sorted.Count(v => v <= knots[i]);
            Assert.IsLessThanOrEqualTo(position + bound + 1, below, $"knot {i}: {below} values below it");
            Assert.IsGreaterThanOrEqualTo(position - bound - 1, atOrBelow - 1, $"knot {i}: {atOrBelow} values at or below it");
        }

        Assert.AreEqual(sorted[0], knots[0]);
        Assert.AreEqual(sorted[^1], knots[^1]);

        // The correlations move by little more than the ranks do.
        var exact = Estimator(ml, o => o.ColumnMarginals["X"] = MarginalKind.Empirical).Fit(ml.Data.LoadFromEnumerable(rows));
        for (int i = 0; i < exact.Dimension; i++)
        {
            for (int j = 0; j < exact.Dimension; j++)
            {
                Assert.AreEqual(exact.Correlation[i, j], model.Correlation[i, j], 0.02 + (4.0 * bound / n), $"correlation [{i}, {j}]");
            }
        }
    }

    [TestMethod]
    public void NoPartitions_IsAClearError()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => GaussianCopulaMarginalStatistics.Merge([]));
        StringAssert.Contains(e.Message, "at least one partition");
        Assert.ThrowsExactly<ArgumentException>(() => GaussianCopulaCorrelationStatistics.Merge([]));
    }

    [TestMethod]
    public void PartitionsWhoseSchemasDisagree_AreAnErrorNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var estimator = Estimator(ml);
        var a = estimator.ComputeMarginalStatistics(ml.Data.LoadFromEnumerable(Create(50)));
        var b = estimator.ComputeMarginalStatistics(ml.Data.LoadFromEnumerable(Create(50).Select(r => new OtherRow { X = r.X, Count = r.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Income = r.Income, Kind = r.Kind, City = r.City })));
        var e = Assert.ThrowsExactly<ArgumentException>(() => GaussianCopulaMarginalStatistics.Merge([a, b]));
        StringAssert.Contains(e.Message, "'Count'");
    }

    [TestMethod]
    public void SecondPassWithOtherFirstPass_IsAClearError()
    {
        var ml = new MLContext(seed: 1);
        var estimator = Estimator(ml);
        var small = ml.Data.LoadFromEnumerable(Create(100));
        var marginal = estimator.ComputeMarginalStatistics(small);
        var other = estimator.ComputeMarginalStatistics(ml.Data.LoadFromEnumerable(Create(200)));
        var correlation = estimator.ComputeCorrelationStatistics(marginal, small);
        var e = Assert.ThrowsExactly<ArgumentException>(() => estimator.Fit(other, correlation));
        StringAssert.Contains(e.Message, "second pass");
    }

    [TestMethod]
    public void ConstraintsAndGeneratedColumns_AreRefusedNamingThem()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Create(100));
        var constrained = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions
        {
            DataOptions = new TabularDataOptions { Constraints = [ml.Synthetic().Constraints.Custom("X small", row => row.Number("X") < 10)] },
        });
        var e = Assert.ThrowsExactly<NotSupportedException>(() => constrained.FitStreaming(data));
        StringAssert.Contains(e.Message, "X small");
        StringAssert.Contains(e.Message, "Fit");

        var withId = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions
        {
            DataOptions = new TabularDataOptions { Metadata = TableMetadata.Empty.With("City", ColumnMetadata.Identifier()) },
        });
        var id = Assert.ThrowsExactly<NotSupportedException>(() => withId.ComputeMarginalStatistics(data));
        StringAssert.Contains(id.Message, "'City'");
    }

    [TestMethod]
    public void IgnoredColumnsAndKinds_AreHonouredAsByFit()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Create(800));
        var estimator = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions
        {
            Seed = 3,
            DataOptions = new TabularDataOptions
            {
                Columns = ["X", "Count", "Kind"],
                ColumnKinds = new Dictionary<string, ColumnKind> { ["Count"] = ColumnKind.Categorical },
            },
        });
        var streamed = estimator.FitStreaming(data);
        AssertSameModel(estimator.Fit(data), streamed, Tolerance, CorrelationTolerance);
        Assert.AreEqual(ColumnKind.Categorical, streamed.TableSchema.Columns[1].Kind);
        Assert.HasCount(3, streamed.TableSchema.Columns);
    }

    private sealed class OtherRow
    {
        public float X { get; set; }

        public string Count { get; set; } = "";

        public float Income { get; set; }

        public string Kind { get; set; } = "";

        public string City { get; set; } = "";
    }

    private static double ValueSketchEpsilon(long n, int k) => Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics.ValueSketch.Epsilon(n, k);

    private static T RoundTrip<T>(Action<Stream> save, Func<Stream, T> load)
    {
        using var stream = new MemoryStream();
        save(stream);
        stream.Position = 0;
        return load(stream);
    }

    private static float[] ReadX(IDataView data) => data.GetColumn<float>("X").ToArray();
}
