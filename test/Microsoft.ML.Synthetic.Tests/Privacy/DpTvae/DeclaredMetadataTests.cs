using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.DpTvae;

namespace Microsoft.ML.Synthetic.Tests.Privacy.DpTvae;

/// <summary>The schema of a DP synthesizer: built from the declaration and the column types, never from the rows.</summary>
[TestClass]
public sealed class DeclaredMetadataTests
{
    private sealed class Row
    {
        public float Whole { get; set; }
        public string City { get; set; } = "";
        public int Level { get; set; }
        public bool Flag { get; set; }
    }

    private static TabularData Rows(params Row[] rows) =>
        TabularData.FromDataView(new MLContext().Data.LoadFromEnumerable(rows), new TabularDataOptions { ColumnKinds = { ["Level"] = ColumnKind.Categorical } });

    private static readonly Row[] Sample =
    [
        new() { Whole = 3, City = "Oslo", Level = 1, Flag = true },
        new() { Whole = 7, City = "Secret-Town", Level = 2, Flag = false },
        new() { Whole = 5, City = "?", Level = 1, Flag = true },
    ];

    private static TabularData Restate(TabularData table, Dictionary<string, IReadOnlyList<string>>? categories = null) =>
        DeclaredMetadata.Restate(table, new Dictionary<string, (double Lower, double Upper)> { ["Whole"] = (0, 50) },
            categories ?? new Dictionary<string, IReadOnlyList<string>> { ["City"] = ["Oslo", "Bergen"], ["Level"] = ["1", "2", "3"] }, "DP-TEST", "TestOptions");

    [TestMethod]
    public void Restate_TakesBoundsCategoriesAndRoundingFromTheDeclarationAndTypes_NotFromTheRows()
    {
        var table = Rows(Sample);
        Assert.AreEqual("?", table.Schema.Columns[1].MissingText, "and records the missing token the rows used");

        var declared = Restate(table);
        var whole = declared.Schema.Columns[0];
        Assert.AreEqual(0.0, whole.Min);
        Assert.AreEqual(50.0, whole.Max);
        Assert.IsFalse(whole.IsInteger, "whole-number rounding follows the type (Single), not the rows (all whole here)");
        var city = declared.Schema.Columns[1];
        CollectionAssert.AreEqual(new[] { "Bergen", "Oslo" }, city.Categories.ToArray(), "declared categories, in ordinal order");
        Assert.IsNull(city.MissingText);
        CollectionAssert.AreEqual(new[] { 1, -1, -1 }, ((CategoricalColumn)declared["City"]).Codes, "Oslo → 1; the undeclared town and '?' → missing");
        CollectionAssert.AreEqual(new[] { bool.FalseString, bool.TrueString }, declared.Schema.Columns[3].Categories.ToArray(), "a Boolean column needs no declaration");
        CollectionAssert.AreEqual(new[] { 0, 1, 0 }, ((CategoricalColumn)declared["Level"]).Codes);
        CollectionAssert.AreEqual(new[] { "1", "2", "3" }, declared.Schema.Columns[2].Categories.ToArray(), "a declared level absent from the rows is still a category");
    }

    [TestMethod]
    public void Restate_IntegerCategoricalColumnWithAnUndeclaredValue_IsAnErrorNamingTheColumnButNotTheValue()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => Restate(Rows(Sample), new() { ["City"] = ["Oslo"], ["Level"] = ["1", "3"] }));
        StringAssert.Contains(e.Message, "'Level'");
        Assert.IsFalse(e.Message.Contains('2', StringComparison.Ordinal), $"the message must not echo the value: {e.Message}");
    }

    [TestMethod]
    public void Restate_MissingDeclarations_AreErrorsNamingTheColumnAndTheOption()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => DeclaredMetadata.Restate(Rows(Sample), new Dictionary<string, (double Lower, double Upper)>(), new Dictionary<string, IReadOnlyList<string>>(), "DP-TEST", "TestOptions"));
        StringAssert.Contains(e.Message, "'Whole'");
        StringAssert.Contains(e.Message, "TestOptions.PublicBounds");
        Assert.IsFalse(e.Message.Contains('7', StringComparison.Ordinal), e.Message);

        e = Assert.ThrowsExactly<ArgumentException>(() => Restate(Rows(Sample), new() { ["Level"] = ["1", "2"] }));
        StringAssert.Contains(e.Message, "'City'");
        StringAssert.Contains(e.Message, "TestOptions.PublicCategories");
        Assert.IsFalse(e.Message.Contains("Secret-Town", StringComparison.Ordinal), e.Message);
    }

    [TestMethod]
    public void Restate_KeyColumn_GetsAKeyTypeOfTheDeclaredCount_AndNoSourceKeyValues()
    {
        var ml = new MLContext();
        var view = ml.Transforms.Conversion.MapValueToKey("City").Fit(ml.Data.LoadFromEnumerable(Sample)).Transform(ml.Data.LoadFromEnumerable(Sample));
        var table = TabularData.FromDataView(view, new TabularDataOptions { Columns = ["City"] });
        Assert.AreEqual(3UL, ((KeyDataViewType)table.Schema.Columns[0].OriginalType).Count, "the source key type counts the observed towns");

        var declared = DeclaredMetadata.Restate(table, new Dictionary<string, (double Lower, double Upper)>(), new Dictionary<string, IReadOnlyList<string>> { ["City"] = ["Oslo", "Bergen"] }, "DP-TEST", "TestOptions");
        var city = declared.Schema.Columns[0];
        Assert.AreEqual(2UL, ((KeyDataViewType)city.OriginalType).Count);
        CollectionAssert.AreEqual(new[] { "Oslo", "Bergen" }, city.Categories.ToArray(), "a key column keeps the declared order");
        var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
        declared.Schema.ToDataViewSchema()[0].GetKeyValues(ref keyValues);
        CollectionAssert.AreEqual(new[] { "Oslo", "Bergen" }, keyValues.DenseValues().Select(v => v.ToString()).ToArray());
    }
}
