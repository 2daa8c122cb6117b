using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Mst;
using Microsoft.ML.Synthetic.Tests.Metadata.Generators;
using Microsoft.ML.Synthetic.Tests.Synthesizers.Aim;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Mst;

/// <summary>
/// MST and AIM fitted from merged partition statistics, and from a streamed source, equal the in-memory fit: the
/// counts add exactly and all noise is drawn once, centrally, so the saved model (ledger included) and its samples
/// are byte for byte the same.
/// </summary>
[TestClass]
public sealed class MarginalStatisticsTests
{
    /// <summary>Uneven cuts of the contract table's 600 rows into 1, 2 and 7 partitions (the 7 include an empty one).</summary>
    private static readonly int[][] Cuts = [[600], [41, 559], [3, 200, 0, 97, 150, 1, 149]];

    [TestMethod]
    public void Mst_FitFromMergedPartitions_EqualsTheInMemoryFit_ForOneTwoAndSevenPartitions()
    {
        var ml = new MLContext(seed: 1);
        var data = MstContractTests.Data(ml);
        var options = Mst();
        var expected = ml.Synthetic().Synthesizers.Mst(options).Fit(data);
        foreach (var cut in Cuts)
        {
            var estimator = ml.Synthetic().Synthesizers.Mst(options);
            var statistics = MarginalStatistics.Merge(Partitions(ml, data, cut).Select(estimator.ComputeStatistics));
            Assert.AreEqual(600, statistics.RowCount);
            var model = estimator.Fit(statistics);
            AssertSameModel(expected, model, $"{cut.Length} partitions");
            CollectionAssert.AreEqual(expected.PrivacyLedgerEntries.Select(e => (e.Epsilon, e.Delta, e.Rho)).ToArray(), model.PrivacyLedgerEntries.Select(e => (e.Epsilon, e.Delta, e.Rho)).ToArray());
        }
    }

    [TestMethod]
    public void Aim_FitFromMergedPartitions_EqualsTheInMemoryFit_ForOneTwoAndSevenPartitions()
    {
        var ml = new MLContext(seed: 1);
        var data = MstContractTests.Data(ml);
        var options = Aim();
        var expected = ml.Synthetic().Synthesizers.Aim(options).Fit(data);
        foreach (var cut in Cuts)
        {
            var estimator = ml.Synthetic().Synthesizers.Aim(options);
            var model = estimator.Fit(MarginalStatistics.Merge(Partitions(ml, data, cut).Select(estimator.ComputeStatistics)));
            AssertSameModel(expected, model, $"{cut.Length} partitions");
        }
    }

    [TestMethod]
    public void Merge_InAnyOrder_GivesTheSameStatistics()
    {
        var ml = new MLContext(seed: 1);
        var estimator = ml.Synthetic().Synthesizers.Aim(Aim());
        var parts = Partitions(ml, MstContractTests.Data(ml), Cuts[2]).Select(estimator.ComputeStatistics).ToArray();
        var forward = Bytes(MarginalStatistics.Merge(parts));
        CollectionAssert.AreEqual(forward, Bytes(MarginalStatistics.Merge(parts.Reverse())));
        CollectionAssert.AreEqual(forward, Bytes(MarginalStatistics.Merge([MarginalStatistics.Merge(parts[4..]), MarginalStatistics.Merge(parts[..4])])), "grouped merges");
        CollectionAssert.AreEqual(forward, Bytes(estimator.ComputeStatistics(MstContractTests.Data(ml))), "the whole table's statistics");
    }

    [TestMethod]
    public void Statistics_SaveAndLoad_RoundTripAndFitTheSameModel()
    {
        var ml = new MLContext(seed: 1);
        var estimator = ml.Synthetic().Synthesizers.Mst(Mst());
        var statistics = estimator.ComputeStatistics(MstContractTests.Data(ml));
        var saved = Bytes(statistics);
        var loaded = MarginalStatistics.Load(new MemoryStream(saved));
        CollectionAssert.AreEqual(saved, Bytes(loaded));
        Assert.AreEqual(600, loaded.RowCount);
        CollectionAssert.AreEqual(new[] { "X", "Y", "Count", "Color", "Flag" }, loaded.ColumnNames.ToArray());
        Assert.HasCount(5 + 10, loaded.Marginals, "MST counts every one-way and two-way marginal");
        AssertSameModel(estimator.Fit(statistics), ml.Synthetic().Synthesizers.Mst(Mst()).Fit(loaded), "loaded statistics");
    }

    [TestMethod]
    public void Load_TruncatedOrForeignBytes_IsAnInvalidDataErrorNamingThePart()
    {
        var ml = new MLContext(seed: 1);
        var saved = Bytes(ml.Synthetic().Synthesizers.Mst(Mst()).ComputeStatistics(MstContractTests.Data(ml)));
        var truncated = Assert.ThrowsExactly<InvalidDataException>(() => MarginalStatistics.Load(new MemoryStream(saved[..(saved.Length - 5)])));
        StringAssert.Contains(truncated.Message, "marginal statistics");
        var corrupt = (byte[])saved.Clone();
        corrupt[^1] ^= 0x40;   // the last count no longer adds up to the row count
        Assert.ThrowsExactly<InvalidDataException>(() => MarginalStatistics.Load(new MemoryStream(corrupt)));
        Assert.ThrowsExactly<InvalidDataException>(() => MarginalStatistics.Load(new MemoryStream("not statistics at all"u8.ToArray())));
    }

    [TestMethod]
    public void Merge_PartitionsWhoseColumnTypesDisagree_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var data = MstContractTests.Data(ml);
        var estimator = ml.Synthetic().Synthesizers.Mst(Mst());
        var parts = Partitions(ml, data, [300, 300]);
        var asDouble = ml.Transforms.Conversion.ConvertType("X", outputKind: DataKind.Double).Fit(parts[1]).Transform(parts[1]);
        var error = Assert.ThrowsExactly<ArgumentException>(() => MarginalStatistics.Merge([estimator.ComputeStatistics(parts[0]), estimator.ComputeStatistics(asDouble)]));
        StringAssert.Contains(error.Message, "Column 'X'");

        var fewer = ml.Transforms.DropColumns("Count").Fit(parts[1]).Transform(parts[1]);
        error = Assert.ThrowsExactly<ArgumentException>(() => MarginalStatistics.Merge([estimator.ComputeStatistics(parts[0]), estimator.ComputeStatistics(fewer)]));
        StringAssert.Contains(error.Message, "X, Y, Color, Flag");
    }

    [TestMethod]
    public void Fit_StatisticsCountedWithOtherBinsOrByAnotherSynthesizer_IsAnError()
    {
        var ml = new MLContext(seed: 1);
        var data = MstContractTests.Data(ml);
        var statistics = ml.Synthetic().Synthesizers.Mst(Mst()).ComputeStatistics(data);
        var coarser = Mst();
        coarser.PublicBounds["Y"] = (0, 30);
        var error = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Mst(coarser).Fit(statistics));
        StringAssert.Contains(error.Message, "Column 'Y'");

        var threeWay = Aim();
        threeWay.WorkloadDegree = 3;
        error = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Aim(threeWay).Fit(statistics));
        StringAssert.Contains(error.Message, "other marginals");
    }

    [TestMethod]
    public void Fit_StatisticsOfOnlyEmptyPartitions_IsAnError()
    {
        var ml = new MLContext(seed: 1);
        var estimator = ml.Synthetic().Synthesizers.Mst(Mst());
        var empty = estimator.ComputeStatistics(Empty(ml, MstContractTests.Data(ml)));
        Assert.AreEqual(0, empty.RowCount);
        var error = Assert.ThrowsExactly<ArgumentException>(() => estimator.Fit(MarginalStatistics.Merge([empty, empty])));
        StringAssert.Contains(error.Message, "no rows");
    }

    [TestMethod]
    public void ComputeStatistics_WithDeclaredConstraints_SaysTheyNeedTheWholeTable()
    {
        var ml = new MLContext(seed: 1);
        var options = Mst();
        options.DataOptions = new TabularDataOptions { Constraints = [ml.Synthetic().Constraints.ScalarRange("Count", 0, 4)] };
        var error = Assert.ThrowsExactly<NotSupportedException>(() => ml.Synthetic().Synthesizers.Mst(options).ComputeStatistics(MstContractTests.Data(ml)));
        StringAssert.Contains(error.Message, "TabularDataOptions.Constraints");
    }

    [TestMethod]
    public void ComputeStatistics_WithDeclaredIdentifierColumns_RefusesThemAsTheInMemoryFitDoes()
    {
        var ml = new MLContext(seed: 1);
        var estimator = ml.Synthetic().Synthesizers.Aim(new AimOptions { Epsilon = 1, DataOptions = IdentifierPiiTable.Options });
        var error = Assert.ThrowsExactly<ArgumentException>(() => estimator.ComputeStatistics(IdentifierPiiTable.Load(ml)));
        StringAssert.Contains(error.Message, "'CustomerId', 'Code', 'Email', 'Phone'");
    }

    [TestMethod]
    public void Counting_InBlocksOfSevenRows_GivesTheCountsOfTheWholeTable()
    {
        var ml = new MLContext(seed: 1);
        var data = MstContractTests.Data(ml);
        var options = Mst();
        var whole = MstFit.Count([TabularData.FromDataView(data)], options, null);
        var blocks = TabularDataReader.ReadBlocks(data, new TabularDataOptions(), 7).ToList();
        Assert.HasCount(86, blocks, "600 rows in blocks of 7");
        CollectionAssert.AreEqual(Bytes(whole), Bytes(MstFit.Count(blocks, options, null)));
    }

    [TestMethod]
    public void FitStreaming_FromAParquetFile_EqualsFit()
    {
        var ml = new MLContext(seed: 1);
        var data = MstContractTests.Data(ml);
        string path = Path.Combine(Path.GetTempPath(), $"marginal-stream-{Guid.NewGuid():N}.parquet");
        try
        {
            ml.Synthetic().Data.WriteParquet(data, path);
            var parquet = ml.Synthetic().Data.ReadParquet(path);
            AssertSameModel(ml.Synthetic().Synthesizers.Mst(Mst()).Fit(data), ml.Synthetic().Synthesizers.Mst(Mst()).FitStreaming(parquet), "MST streamed from Parquet");
            AssertSameModel(ml.Synthetic().Synthesizers.Aim(Aim()).Fit(data), ml.Synthetic().Synthesizers.Aim(Aim()).FitStreaming(parquet), "AIM streamed from Parquet");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static MstOptions Mst()
    {
        var options = MstContractTests.ContractOptions();
        options.Seed = 5;
        return options;
    }

    private static AimOptions Aim()
    {
        var options = AimContractTests.ContractOptions();
        options.Rounds = 8;
        options.Seed = 5;
        return options;
    }

    /// <summary>Consecutive row ranges of <paramref name="data"/> of the given sizes.</summary>
    private static IDataView[] Partitions(MLContext ml, IDataView data, int[] sizes)
    {
        var parts = new IDataView[sizes.Length];
        int start = 0;
        for (int k = 0; k < sizes.Length; k++)
        {
            var rest = start == 0 ? data : ml.Data.SkipRows(data, start);
            parts[k] = sizes[k] == 0 ? Empty(ml, data) : ml.Data.TakeRows(rest, sizes[k]);   // ML.NET takes and skips at least one row
            start += sizes[k];
        }

        return parts;
    }

    /// <summary>A view of <paramref name="data"/>'s columns with no rows.</summary>
    private static IDataView Empty(MLContext ml, IDataView data) => ml.Data.SkipRows(data, long.MaxValue);

    private static void AssertSameModel(SynthesizerModelBase expected, SynthesizerModelBase actual, string what)
    {
        CollectionAssert.AreEqual(Bytes(expected), Bytes(actual), $"{what}: the saved models differ");
        SynthesizerContractTests.AssertSameRows(expected.SampleTable(300, seed: 9), actual.SampleTable(300, seed: 9));
    }

    private static byte[] Bytes(SynthesizerModelBase model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    private static byte[] Bytes(MarginalStatistics statistics)
    {
        using var stream = new MemoryStream();
        statistics.Save(stream);
        return stream.ToArray();
    }
}
