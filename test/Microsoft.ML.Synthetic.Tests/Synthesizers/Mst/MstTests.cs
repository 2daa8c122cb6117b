using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Mst;

/// <summary>MST's budget, selection, compression, discretisation and errors.</summary>
[TestClass]
public sealed class MstTests
{
    [TestMethod]
    public void Ledger_ThreeThirdsOfRho_ComposeUnderZcdpToTheRequestedEpsilon()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Mst(MstContractTests.ContractOptions(epsilon: 2)).Fit(MstContractTests.Data(ml));
        double rho = ZeroConcentratedDp.Rho(2, 1e-6);
        Assert.HasCount(3, model.PrivacyLedgerEntries);
        foreach (var e in model.PrivacyLedgerEntries)
        {
            Assert.AreEqual(rho / 3, e.Rho!.Value, 1e-12 * rho, e.Step);
            Assert.IsNotNull(e.NotPrivateReason, "seeded noise is marked not private");
        }

        var ledger = new PrivacyLedger(model.PrivacyLedgerEntries, CompositionRule.ZeroConcentrated, 1e-6);
        Assert.AreEqual(2, ledger.TotalEpsilon, 1e-6);
    }

    [TestMethod]
    public void Fit_WithoutSeed_UsesSecureNoiseAndLedgerIsPrivate()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Mst(MstContractTests.ContractOptions(noiseSeed: null)).Fit(MstContractTests.Data(ml));
        Assert.IsTrue(model.PrivacyLedgerEntries.All(e => e.NotPrivateReason is null));
    }

    [TestMethod]
    public void Selection_EpsilonPerRound_SpendsRhoOverTheTree()
    {
        // ε-DP exponential mechanism is ε²/8-zCDP; p − 1 rounds at √(8ρ/(p − 1)) spend ρ.
        double epsilon = TreeSelection.EpsilonPerRound(0.3, 15);
        Assert.AreEqual(0.3, 14 * epsilon * epsilon / 8, 1e-12);
    }

    [TestMethod]
    public void Fit_LargeEpsilon_FindsTheDependenceAndReproducesTheTwoWayMarginal()
    {
        var ml = new MLContext(seed: 1);
        var options = MstContractTests.ContractOptions(epsilon: 1000);
        options.Iterations = 2000;
        var data = MstContractTests.Data(ml);
        var model = ml.Synthetic().Synthesizers.Mst(options).Fit(data);
        Assert.IsTrue(model.TreeEdges.Any(e => (e.First, e.Second) is ("X", "Y") or ("Y", "X")), string.Join("; ", model.TreeEdges));

        // Color given Flag: the real share of blue among Flag = True rows, against the synthetic one.
        var real = TabularData.FromDataView(data);
        var synthetic = model.SampleTable(20_000, seed: 2);
        Assert.AreEqual(BlueShare(real), BlueShare(synthetic), 0.04);
    }

    [TestMethod]
    public void Sample_ValuesStayInsideTheDeclaredBounds()
    {
        var ml = new MLContext(seed: 1);
        var options = MstContractTests.ContractOptions();
        options.PublicBounds["Y"] = (0, 5);   // most private values lie above: clipped into the last bin
        var model = ml.Synthetic().Synthesizers.Mst(options).Fit(MstContractTests.Data(ml));
        var y = (ContinuousColumn)model.SampleTable(2000, seed: 1)["Y"];
        Assert.IsTrue(y.Values.All(v => double.IsNaN(v) || v is >= 0 and <= 5), "a value, or the missing cell a Double column has");
        Assert.IsGreaterThan(1000, y.Values.Count(v => v is >= 4.5 and <= 5), "values above the bounds fall in the last bin");
    }

    [TestMethod]
    public void UsePublicMetadata_DeclaredBoundsAndCategories_ReplaceTheDictionaryEntries_AndBindTheSample()
    {
        var ml = new MLContext(seed: 1);
        var options = MstContractTests.ContractOptions();
        options.PublicBounds["Y"] = (-100, 100);
        var metadata = TableMetadata.Empty.With("Y", ColumnMetadata.Numerical(minimum: 0, maximum: 5)).With("Z", ColumnMetadata.Categorical(["a", "b"]));

        Assert.AreSame(options, options.UsePublicMetadata(metadata));

        Assert.AreEqual((0.0, 5.0), options.PublicBounds["Y"]);
        CollectionAssert.AreEqual(new[] { "a", "b" }, options.PublicCategories["Z"].ToArray());
        options.PublicCategories.Remove("Z");   // not a column of the contract data
        var y = (ContinuousColumn)ml.Synthetic().Synthesizers.Mst(options).Fit(MstContractTests.Data(ml)).SampleTable(500, seed: 1)["Y"];
        Assert.IsTrue(y.Values.All(v => double.IsNaN(v) || v is >= 0 and <= 5));
    }

    [TestMethod]
    public void ConditionalSample_OnARange_IsAClearError()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Mst(MstContractTests.ContractOptions()).Fit(MstContractTests.Data(ml));
        var e = Assert.ThrowsExactly<NotSupportedException>(() => model.SampleTable(10, new SampleConditions { ["Y"] = SampleCondition.Between(1, 5) }));
        StringAssert.Contains(e.Message, "one category of one categorical column");
    }

    [TestMethod]
    public void Fit_MissingBounds_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var options = MstContractTests.ContractOptions();
        options.PublicBounds.Remove("Y");
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Mst(options).Fit(MstContractTests.Data(ml)));
        StringAssert.Contains(e.Message, "'Y'");
    }

    [TestMethod]
    public void Fit_PairAboveTheCellCap_IsAnErrorNamingBothColumns()
    {
        var ml = new MLContext(seed: 1);
        var options = MstContractTests.ContractOptions();
        options.Bins = 100;
        options.MaxCliqueCells = 5000;
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Mst(options).Fit(MstContractTests.Data(ml)));
        StringAssert.Contains(e.Message, "'X'");
        StringAssert.Contains(e.Message, "'Y'");
        StringAssert.Contains(e.Message, nameof(MstOptions.MaxCliqueCells));
    }

    [TestMethod]
    public void Compress_CellsBelowThreeSigma_MergeIntoOneScaledCell()
    {
        var (map, m) = DomainCompression.Compress(0, [100, 1, 50, -2], sigma: 2);
        Assert.AreEqual(3, map.Size);
        CollectionAssert.AreEqual(new[] { 0, 2, 1, 2 }, map.ToCompressed);
        CollectionAssert.AreEqual(new[] { 1, 3 }, map.Members[2]);
        Assert.AreEqual(-1 / Math.Sqrt(2), m.Y[2], 1e-15);
        Assert.AreEqual(1 / Math.Sqrt(2), m.Scale![2], 1e-15);
        Assert.AreEqual(2, m.Sigma);
    }

    [TestMethod]
    public void Cells_WholeNumberColumnWithFewValues_GetOneBinPerValue()
    {
        var info = new TableColumnInfo("n", ColumnKind.Continuous, Microsoft.ML.Data.NumberDataViewType.Int32, true, [], 1, 16, null, null);
        var cells = ColumnCells.For(info, MstOptions.Defaults.Bins, new Dictionary<string, IReadOnlyList<double>>());
        Assert.AreEqual(16, cells.Values);
        Assert.IsFalse(cells.HasMissingCell, "an Int32 column cannot hold a missing value");
        var encoded = cells.Encode(new ContinuousColumn("n", [1, 5, 16, 40, -3], true));
        CollectionAssert.AreEqual(new[] { 0, 4, 15, 15, 0 }, encoded);
        var rng = Microsoft.ML.Synthetic.Numerics.Xoshiro256StarStar.From(new Random(1));
        Assert.AreEqual(5, cells.Decode(4, rng));
    }

    /// <summary>The share of blue among the rows whose Flag is <paramref name="flagValue"/> (the contract table's dependence).</summary>
    internal static double BlueShare(TabularData table, string flagValue = "True")
    {
        var color = (CategoricalColumn)table["Color"];
        var flag = (CategoricalColumn)table["Flag"];
        int blue = color.Categories.ToList().IndexOf("blue"), yes = flag.Categories.ToList().IndexOf(flagValue);
        int rows = 0, hits = 0;
        for (int r = 0; r < table.RowCount; r++)
        {
            if (flag.Codes[r] == yes)
            {
                rows++;
                hits += color.Codes[r] == blue ? 1 : 0;
            }
        }

        return (double)hits / rows;
    }
}
