using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Statistics;

/// <summary>
/// Column shapes and pair trends from merged partition statistics equal the in-memory report: for 1, 2 and 7
/// partitions of both tables, in any merge order, after Save/Load, and within the stated bound when the sketch is used.
/// </summary>
[TestClass]
public sealed class QualityStatisticsTests
{
    private static readonly Lazy<(TabularData Real, TabularData Synthetic)> Tables = new(() =>
    {
        var rows = Enumerable.Range(0, 3000).ToArray();
        var real = WithMissingAges(AdultFixture.Train.SelectRows(rows), 17);
        var synthetic = WithMissingAges(AdultFixture.ShuffleColumns(AdultFixture.Test, 3).SelectRows(Enumerable.Range(0, 2500).ToArray()), 13);
        return (real, synthetic);
    });

    private static TabularData WithMissingAges(TabularData table, int every)
    {
        var age = (ContinuousColumn)table["age"];
        var values = age.Values.Select((v, i) => i % every == 0 ? double.NaN : v).ToArray();
        return AdultFixture.Replace(table, new ContinuousColumn("age", values, age.IsInteger));
    }

    private static FidelityResult InMemory(TabularData real, TabularData synthetic, FidelityOptions fidelity)
    {
        var options = EvaluationOptions.QualityOnly(1);
        options.Fidelity = fidelity;
        return new MLContext(1).Synthetic().Evaluate(real.ToDataView(), synthetic.ToDataView(), options: options).Fidelity;
    }

    /// <summary>Splits a table into k contiguous partitions of unequal sizes (the last ones may be small).</summary>
    internal static TabularData[] Partitions(TabularData table, int k)
    {
        var bounds = Enumerable.Range(0, k + 1).Select(i => (int)((long)table.RowCount * i * i / (k * k))).ToArray();
        return Enumerable.Range(0, k).Select(i => table.SelectRows(Enumerable.Range(bounds[i], bounds[i + 1] - bounds[i]).ToArray())).ToArray();
    }

    /// <summary>The two passes over every partition of one table, merged (in the given order of partitions).</summary>
    internal static QualityStatistics Statistics(TabularData[] parts, QualityStatisticsOptions? options = null, int[]? mergeOrder = null)
    {
        var views = parts.Select(p => p.ToDataView()).ToArray();
        var ranges = QualityStatisticsRanges.Merge(views.Select(v => QualityStatisticsRanges.Compute(v)));
        var stats = views.Select(v => QualityStatistics.Compute(v, ranges, options)).ToArray();
        return QualityStatistics.Merge((mergeOrder ?? Enumerable.Range(0, stats.Length).ToArray()).Select(i => stats[i]));
    }

    internal static void AssertSame(FidelityResult expected, FidelityResult actual, double tolerance)
    {
        Assert.HasCount(expected.Shapes.Count, actual.Shapes);
        for (int c = 0; c < expected.Shapes.Count; c++)
        {
            var (e, a) = (expected.Shapes[c], actual.Shapes[c]);
            Assert.AreEqual(e.Column, a.Column);
            Assert.AreEqual(e.Metric, a.Metric, e.Column);
            Assert.AreEqual(e.Score, a.Score, tolerance, $"shape of {e.Column}");
            AssertClose(e.WassersteinDistance, a.WassersteinDistance, tolerance, $"W1 of {e.Column}");
            AssertClose(e.JensenShannonDistance, a.JensenShannonDistance, tolerance, $"JS of {e.Column}");
        }

        Assert.HasCount(expected.Pairs.Count, actual.Pairs);
        for (int p = 0; p < expected.Pairs.Count; p++)
        {
            var (e, a) = (expected.Pairs[p], actual.Pairs[p]);
            string name = $"{e.Column1} × {e.Column2}";
            Assert.AreEqual((e.Column1, e.Column2, e.Metric, e.MeetsThreshold), (a.Column1, a.Column2, a.Metric, a.MeetsThreshold), name);
            AssertClose(e.Score, a.Score, tolerance, name);
            AssertClose(e.RealCorrelation, a.RealCorrelation, tolerance, name);
            AssertClose(e.SyntheticCorrelation, a.SyntheticCorrelation, tolerance, name);
            AssertClose(e.RealAssociation, a.RealAssociation, tolerance, name);
        }

        Assert.AreEqual(expected.ColumnShapes, actual.ColumnShapes, tolerance);
        Assert.AreEqual(expected.ColumnPairTrends, actual.ColumnPairTrends, tolerance);
        Assert.AreEqual(expected.Overall, actual.Overall, tolerance);
    }

    private static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        if (double.IsNaN(expected))
        {
            Assert.IsTrue(double.IsNaN(actual), $"{what}: expected NaN, got {actual}");
            return;
        }

        Assert.AreEqual(expected, actual, tolerance, what);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(7)]
    public void MergedPartitions_GiveTheInMemoryScores(int k)
    {
        var (real, synthetic) = Tables.Value;
        var ml = new MLContext(1);
        var realStats = Statistics(Partitions(real, k));
        var syntheticStats = Statistics(Partitions(synthetic, k));
        Assert.AreEqual(real.RowCount, realStats.RowCount);
        Assert.AreEqual(0, realStats.CdfErrorBound("fnlwgt"), "every column is within the exact capacity");
        foreach (var fidelity in new[]
        {
            new FidelityOptions { KernelMetrics = false },
            new FidelityOptions { KernelMetrics = false, CorrelationThreshold = FidelityOptions.SdMetricsDefaultCorrelationThreshold, AssociationThreshold = FidelityOptions.SdMetricsDefaultAssociationThreshold },
        })
        {
            var expected = InMemory(real, synthetic, fidelity);
            var actual = ml.Synthetic().Evaluation.EvaluateQuality(realStats, syntheticStats, fidelity);
            AssertSame(expected, actual, 1e-12);
        }
    }

    private sealed class EdgeRow
    {
        public double Huge { get; set; }

        public double Small { get; set; }

        public double Constant { get; set; }

        public bool Flag { get; set; }

        public string Kind { get; set; } = "";
    }

    private static TabularData EdgeTable(int seed, int rows)
    {
        var random = new Random(seed);
        var data = Enumerable.Range(0, rows).Select(i => new EdgeRow
        {
            Huge = i % 11 == 0 ? double.NaN : (random.NextDouble() - 0.3) * 1e300,
            Small = (random.NextDouble() + i % 3) * 1e-200,
            Constant = 4.5,
            Flag = random.NextDouble() < 0.3,
            Kind = i % 9 == 0 ? "" : ((char)('a' + random.Next(seed + 3))).ToString(),
        }).ToArray();
        return TabularData.FromDataView(new MLContext(seed).Data.LoadFromEnumerable(data));
    }

    [TestMethod]
    public void ExtremeMagnitudesConstantsAndBooleans_GiveTheInMemoryScores()
    {
        var real = EdgeTable(1, 900);
        var synthetic = EdgeTable(2, 700);
        var fidelity = new FidelityOptions { KernelMetrics = false, AssociationThreshold = 0.01 };
        var expected = InMemory(real, synthetic, fidelity);
        Assert.IsTrue(expected.Pairs.Any(p => double.IsNaN(p.Score)), "the constant column makes correlations undefined");
        foreach (int k in new[] { 1, 2, 7 })
        {
            var actual = new MLContext(1).Synthetic().Evaluation.EvaluateQuality(Statistics(Partitions(real, k)), Statistics(Partitions(synthetic, k)), fidelity);
            AssertSame(expected, actual, 1e-12);
        }
    }

    [TestMethod]
    public void MergeOrder_DoesNotChangeTheScores()
    {
        var (real, synthetic) = Tables.Value;
        var ml = new MLContext(1);
        var realParts = Partitions(real, 7);
        var syntheticParts = Partitions(synthetic, 7);
        var forward = ml.Synthetic().Evaluation.EvaluateQuality(Statistics(realParts), Statistics(syntheticParts));
        var shuffled = ml.Synthetic().Evaluation.EvaluateQuality(
            Statistics(realParts, mergeOrder: [6, 2, 4, 0, 5, 1, 3]), Statistics(syntheticParts, mergeOrder: [3, 5, 6, 1, 0, 4, 2]));
        AssertSame(forward, shuffled, 1e-12);
    }

    [TestMethod]
    public void MergeOfMerges_EqualsOneMerge()
    {
        var (real, synthetic) = Tables.Value;
        var ml = new MLContext(1);
        var views = Partitions(real, 7).Select(p => p.ToDataView()).ToArray();
        var ranges = QualityStatisticsRanges.Merge(views.Select(v => QualityStatisticsRanges.Compute(v)));
        var parts = views.Select(v => QualityStatistics.Compute(v, ranges)).ToArray();
        var nested = QualityStatistics.Merge([QualityStatistics.Merge(parts[..3]), QualityStatistics.Merge(parts[3..])]);
        var syntheticStats = Statistics([synthetic]);
        AssertSame(ml.Synthetic().Evaluation.EvaluateQuality(QualityStatistics.Merge(parts), syntheticStats),
            ml.Synthetic().Evaluation.EvaluateQuality(nested, syntheticStats), 1e-12);
    }

    [TestMethod]
    public void SaveAndLoad_KeepEveryStatistic()
    {
        var (real, synthetic) = Tables.Value;
        var ml = new MLContext(1);
        var realStats = Statistics(Partitions(real, 2));
        var syntheticStats = Statistics(Partitions(synthetic, 2), new QualityStatisticsOptions { ExactValueCapacity = 100, SketchSize = 32 });
        var (realCopy, realBytes) = RoundTrip(realStats);
        var (syntheticCopy, syntheticBytes) = RoundTrip(syntheticStats);
        Assert.IsGreaterThan(0, syntheticCopy.CdfErrorBound("fnlwgt"), "the sketch is saved too");
        Assert.AreEqual(syntheticStats.CdfErrorBound("fnlwgt"), syntheticCopy.CdfErrorBound("fnlwgt"));
        CollectionAssert.AreEqual(realBytes, RoundTrip(realCopy).Bytes, "saving the loaded copy writes the same bytes");
        CollectionAssert.AreEqual(syntheticBytes, RoundTrip(syntheticCopy).Bytes);
        AssertSame(ml.Synthetic().Evaluation.EvaluateQuality(realStats, syntheticStats),
            ml.Synthetic().Evaluation.EvaluateQuality(realCopy, syntheticCopy), 1e-15);

        var rangesStream = new MemoryStream();
        realStats.Ranges.Save(rangesStream);
        rangesStream.Position = 0;
        var ranges = QualityStatisticsRanges.Load(rangesStream);
        Assert.AreEqual(realStats.Ranges.GetRange("age"), ranges.GetRange("age"));
        CollectionAssert.AreEqual(realStats.Columns.ToArray(), ranges.Columns.ToArray());
    }

    private static (QualityStatistics Copy, byte[] Bytes) RoundTrip(QualityStatistics stats)
    {
        var stream = new MemoryStream();
        stats.Save(stream);
        var bytes = stream.ToArray();
        return (QualityStatistics.Load(new MemoryStream(bytes)), bytes);
    }

    [TestMethod]
    public void Load_OtherStream_SaysWhatItHolds()
    {
        var e = Assert.ThrowsExactly<InvalidDataException>(() => QualityStatistics.Load(new MemoryStream([1, 2, 3])));
        StringAssert.Contains(e.Message, "QualityStatistics");
    }

    [TestMethod]
    public void SmallCapacity_KSComplementWithinTheStatedBound()
    {
        var (real, synthetic) = Tables.Value;
        var ml = new MLContext(1);
        var options = new QualityStatisticsOptions { ExactValueCapacity = 64, SketchSize = 16 };
        var expected = InMemory(real, synthetic, new FidelityOptions { KernelMetrics = false });
        foreach (int k in new[] { 1, 2, 7 })
        {
            var realStats = Statistics(Partitions(real, k), options);
            var syntheticStats = Statistics(Partitions(synthetic, k), options);
            var actual = ml.Synthetic().Evaluation.EvaluateQuality(realStats, syntheticStats);
            for (int c = 0; c < expected.Shapes.Count; c++)
            {
                var column = expected.Shapes[c].Column;
                if (expected.Shapes[c].Metric != "KSComplement")
                {
                    Assert.AreEqual(expected.Shapes[c].Score, actual.Shapes[c].Score, 1e-12, column);
                    continue;
                }

                double bound = realStats.CdfErrorBound(column) + syntheticStats.CdfErrorBound(column);
                double error = Math.Abs(expected.Shapes[c].Score - actual.Shapes[c].Score);
                Console.WriteLine($"k={k} {column}: |ΔKS| {error:G4} ≤ bound {bound:G4}");
                Assert.IsLessThanOrEqualTo(bound + 1e-12, error, $"{column}: KS error {error} beyond the stated bound {bound}");
            }

            Assert.IsGreaterThan(0, realStats.CdfErrorBound("fnlwgt"), "fnlwgt has thousands of values: the sketch is in use");
            for (int p = 0; p < expected.Pairs.Count; p++)
            {
                Assert.AreEqual(expected.Pairs[p].Score, actual.Pairs[p].Score, 1e-12, "pair trends never use the sketch");
            }
        }
    }

    [TestMethod]
    public void EmptyPartition_ChangesNothing()
    {
        var (real, synthetic) = Tables.Value;
        var ml = new MLContext(1);
        var parts = Partitions(real, 2);
        var withEmpty = new[] { parts[0], real.SelectRows([]), parts[1] };
        var syntheticStats = Statistics([synthetic]);
        AssertSame(ml.Synthetic().Evaluation.EvaluateQuality(Statistics(parts), syntheticStats),
            ml.Synthetic().Evaluation.EvaluateQuality(Statistics(withEmpty), syntheticStats), 1e-12);
    }

    [TestMethod]
    public void CancelledToken_StopsTheStatistics()
    {
        var (real, _) = Tables.Value;
        var view = real.ToDataView();
        var ranges = QualityStatisticsRanges.Compute(view);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() => QualityStatisticsRanges.Compute(view, cancellationToken: cancelled.Token));
        Assert.ThrowsExactly<OperationCanceledException>(() => QualityStatistics.Compute(view, ranges, cancellationToken: cancelled.Token));
    }

    [TestMethod]
    public void Merge_EmptyList_SaysSo()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => QualityStatistics.Merge([]));
        StringAssert.Contains(e.Message, "no partitions");
        Assert.ThrowsExactly<ArgumentException>(() => QualityStatisticsRanges.Merge([]));
    }

    [TestMethod]
    public void Merge_PartitionsWithOtherColumns_NamesTheColumn()
    {
        var (real, _) = Tables.Value;
        var parts = Partitions(real, 2);
        var ageAsCategories = new TabularDataOptions { ColumnKinds = { ["age"] = ColumnKind.Categorical } };
        var e = Assert.ThrowsExactly<ArgumentException>(() => QualityStatisticsRanges.Merge(
            [QualityStatisticsRanges.Compute(parts[0].ToDataView()), QualityStatisticsRanges.Compute(parts[1].ToDataView(), ageAsCategories)]));
        StringAssert.Contains(e.Message, "'age'");

        var ml = new MLContext(1);
        var fewer = ml.Transforms.DropColumns("sex").Fit(parts[1].ToDataView()).Transform(parts[1].ToDataView());
        e = Assert.ThrowsExactly<ArgumentException>(() => QualityStatisticsRanges.Merge(
            [QualityStatisticsRanges.Compute(parts[0].ToDataView()), QualityStatisticsRanges.Compute(fewer)]));
        StringAssert.Contains(e.Message, "sex");
        e = Assert.ThrowsExactly<ArgumentException>(() => QualityStatistics.Compute(fewer, QualityStatisticsRanges.Compute(parts[0].ToDataView())));
        StringAssert.Contains(e.Message, "'sex'");
        Assert.AreEqual("partition", e.ParamName);

        var ranges0 = QualityStatisticsRanges.Compute(parts[0].ToDataView());
        var ranges1 = QualityStatisticsRanges.Compute(parts[1].ToDataView());
        e = Assert.ThrowsExactly<ArgumentException>(() => QualityStatistics.Merge(
            [QualityStatistics.Compute(parts[0].ToDataView(), ranges0), QualityStatistics.Compute(parts[1].ToDataView(), ranges1)]));
        StringAssert.Contains(e.Message, "same merged QualityStatisticsRanges");
    }

    [TestMethod]
    public void Compute_WithRangesOfAnotherTable_NamesTheColumn()
    {
        var (real, synthetic) = Tables.Value;
        var parts = Partitions(real, 2);
        var ranges = QualityStatisticsRanges.Compute(parts[0].ToDataView());
        var e = Assert.ThrowsExactly<ArgumentException>(() => QualityStatistics.Compute(parts[1].ToDataView(), ranges));
        StringAssert.Contains(e.Message, "outside the range");

        // Statistics of one partition computed with the whole table's ranges are not the table's: its bins would differ.
        var whole = QualityStatisticsRanges.Merge(parts.Select(p => QualityStatisticsRanges.Compute(p.ToDataView())));
        var partial = QualityStatistics.Compute(parts[0].ToDataView(), whole);
        e = Assert.ThrowsExactly<ArgumentException>(() => new MLContext(1).Synthetic().Evaluation.EvaluateQuality(partial, Statistics([synthetic])));
        StringAssert.Contains(e.Message, "only some of its partitions");
        StringAssert.Contains(e.Message, "Column '");
    }

    [TestMethod]
    public void Spearman_IsRefusedWithTheReason()
    {
        var (real, synthetic) = Tables.Value;
        var e = Assert.ThrowsExactly<NotSupportedException>(() => new MLContext(1).Synthetic().Evaluation.EvaluateQuality(
            Statistics([real]), Statistics([synthetic]), new FidelityOptions { Coefficient = CorrelationCoefficient.Spearman }));
        StringAssert.Contains(e.Message, "Pearson");
    }
}
