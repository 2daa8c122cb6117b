using Microsoft.ML;
using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Oversampling;
using static Microsoft.ML.Synthetic.Tests.Oversampling.OversamplingTestData;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

/// <summary>
/// The invariants every oversampler keeps (imbalanced-learn's common sampler tests): schema kept, same seed same
/// rows, real rows first and unaltered, class counts reach the strategy, bad input rejected with the column named.
/// A test class per oversampler derives from this one.
/// </summary>
public abstract class OversamplerContractTests
{
    /// <summary>The oversampler under test.</summary>
    protected abstract Oversampler CreateOversampler();

    /// <summary>Data the oversampler accepts: three classes of 300, 60 and 30 rows with a text column "Label".</summary>
    protected virtual IDataView ContractData(MLContext ml) => NumericData(ml);

    /// <summary>Whether the counts are exactly the strategy's (ADASYN rounds per row, Borderline-SMOTE may find no danger rows).</summary>
    protected virtual bool ReachesCountsExactly => true;

    /// <summary>The smallest class size the oversampler accepts with its settings (0: any).</summary>
    protected virtual int MinimumClassRows => 6;

    /// <summary>Whether missing values in a feature are an error.</summary>
    protected virtual bool RejectsNaN => true;

    /// <summary>The column name that carries the NaN in <see cref="NaNData"/>.</summary>
    protected virtual IDataView NaNData(MLContext ml)
    {
        var rows = ml.Data.CreateEnumerable<NumericRow>(ContractData(ml), reuseRowObject: false).ToList();
        rows[3].X2 = float.NaN;
        return ml.Data.LoadFromEnumerable(rows);
    }

    private SyntheticRowsEstimator Stage(MLContext ml, int seed = 11, SamplingStrategy? strategy = null) =>
        ml.Synthetic().Oversample("Label", CreateOversampler(), strategy, seed);

    [TestMethod]
    public void Resample_KeepsTheSchema()
    {
        var ml = new MLContext(1);
        var data = ContractData(ml);
        var rows = Stage(ml).Resample(data);
        Assert.AreEqual(data.Schema.Count, rows.Schema.Count);
        for (int i = 0; i < data.Schema.Count; i++)
        {
            Assert.AreEqual(data.Schema[i].Name, rows.Schema[i].Name);
            Assert.AreEqual(data.Schema[i].Type, rows.Schema[i].Type, data.Schema[i].Name);
        }

        Assert.IsTrue(rows.SyntheticRowCount > 0);
    }

    [TestMethod]
    public void Resample_SameSeedGivesTheSameRows_AnotherSeedOthers()
    {
        var ml = new MLContext(1);
        var data = ContractData(ml);
        var first = RowTexts(Stage(ml, seed: 5).Resample(data));
        var again = RowTexts(Stage(new MLContext(99), seed: 5).Resample(data));
        var other = RowTexts(Stage(ml, seed: 6).Resample(data));
        CollectionAssert.AreEqual(first, again);
        CollectionAssert.AreNotEqual(first, other);
    }

    [TestMethod]
    public void Resample_RealRowsComeFirstAndUnaltered()
    {
        var ml = new MLContext(1);
        var data = ContractData(ml);
        var rows = Stage(ml).Resample(data);
        var real = RowTexts(data);
        var all = RowTexts(rows);
        Assert.AreEqual(real.Count, rows.RealRowCount);
        CollectionAssert.AreEqual(real, all.Take(real.Count).ToList());
        Assert.IsFalse(rows.IsSynthetic(real.Count - 1));
        Assert.IsTrue(rows.IsSynthetic(real.Count));
        Assert.AreEqual(real.Count, rows.RealRowCount());

        var flagged = rows.WithProvenanceColumn("IsSynthetic");
        var flags = ml.Data.CreateEnumerable<Flag>(flagged, reuseRowObject: false).Select(f => f.IsSynthetic).ToList();
        Assert.AreEqual(real.Count, flags.Count(f => !f));
        Assert.IsTrue(flags.Skip(real.Count).All(f => f));
    }

    private sealed class Flag
    {
        public bool IsSynthetic { get; set; }
    }

    [TestMethod]
    public void Resample_ClassCountsReachTheStrategy()
    {
        var ml = new MLContext(1);
        var data = ContractData(ml);
        var before = ClassCounts(data);
        var balanced = ClassCounts(Stage(ml).Resample(data));
        var ratio = ClassCounts(Stage(ml, strategy: SamplingStrategy.Counts(new Dictionary<string, int> { ["c"] = 100 })).Resample(data));
        Assert.AreEqual(before["a"], balanced["a"], "the majority is not resampled");
        if (ReachesCountsExactly)
        {
            Assert.AreEqual(before["a"], balanced["b"]);
            Assert.AreEqual(before["a"], balanced["c"]);
            Assert.AreEqual(100, ratio["c"]);
        }
        else
        {
            Assert.IsTrue(balanced["b"] > before["b"] && Math.Abs(balanced["b"] - before["a"]) <= 0.05 * before["a"], $"b: {balanced["b"]}");
            Assert.IsTrue(Math.Abs(ratio["c"] - 100) <= 5, $"c: {ratio["c"]}");
        }

        Assert.AreEqual(before["b"], ratio["b"], "classes the strategy does not name stay as they are");
    }

    [TestMethod]
    public void Fit_MissingLabelColumn_ThrowsNamingIt()
    {
        var ml = new MLContext(1);
        var stage = ml.Synthetic().Oversample("Income", CreateOversampler(), seed: 1);
        var e = Assert.ThrowsExactly<ArgumentException>(() => stage.Fit(ContractData(ml)));
        StringAssert.Contains(e.Message, "'Income'");
    }

    [TestMethod]
    public void Fit_OneClass_ThrowsNamingTheLabel()
    {
        var ml = new MLContext(1);
        var data = Where(ContractData(ml), label => label == "a");
        var e = Assert.ThrowsExactly<ArgumentException>(() => Stage(ml).Fit(data));
        StringAssert.Contains(e.Message, "'Label'");
        StringAssert.Contains(e.Message, "one class");
    }

    [TestMethod]
    public void Fit_RatioThatWouldRemoveRows_Throws()
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            Stage(ml, strategy: SamplingStrategy.Counts(new Dictionary<string, int> { ["b"] = 10 })).Fit(ContractData(ml)));
        StringAssert.Contains(e.Message, "cannot remove rows");
    }

    [TestMethod]
    public void Fit_ClassTooSmallForK_ThrowsNamingTheClass()
    {
        if (MinimumClassRows <= 1)
        {
            return;
        }

        var ml = new MLContext(1);
        int keep = MinimumClassRows - 1, seen = 0;
        var small = Where(ContractData(ml), label => label != "c" || ++seen <= keep);
        var e = Assert.ThrowsExactly<ArgumentException>(() => Stage(ml).Fit(small));
        StringAssert.Contains(e.Message, "'c'");
        StringAssert.Contains(e.Message, "needs at least");
    }

    [TestMethod]
    public void Fit_NaNInAFeature_ThrowsNamingTheColumn_OrIsAccepted()
    {
        var ml = new MLContext(1);
        var data = NaNData(ml);
        if (RejectsNaN)
        {
            var e = Assert.ThrowsExactly<ArgumentException>(() => Stage(ml).Fit(data));
            StringAssert.Contains(e.Message, "'X2'");
        }
        else
        {
            Assert.IsTrue(Stage(ml).Resample(data).SyntheticRowCount > 0);
        }
    }
}

[TestClass]
public sealed class RandomOverSamplerContractTests : OversamplerContractTests
{
    protected override Oversampler CreateOversampler() => Oversampler.Random();

    protected override int MinimumClassRows => 0;

    protected override bool RejectsNaN => false;

    [TestMethod]
    public void NewRowsAreCopiesOfRowsOfTheirClass()
    {
        var ml = new MLContext(1);
        var data = MixedData(ml);
        var rows = ml.Synthetic().Resampling.RandomOverSample("Label", seed: 3).Resample(data);
        var real = RowTexts(data).ToHashSet();
        var all = RowTexts(rows);
        Assert.IsTrue(all.Skip((int)rows.RealRowCount).All(real.Contains), "every new row equals a real row (label included)");
    }
}

[TestClass]
public sealed class SmoteContractTests : OversamplerContractTests
{
    protected override Oversampler CreateOversampler() => Oversampler.Smote(5);
}
