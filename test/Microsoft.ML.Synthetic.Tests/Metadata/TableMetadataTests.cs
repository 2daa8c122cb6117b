using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Tests.Metadata;

[TestClass]
public sealed class TableMetadataTests
{
    [TestMethod]
    public void With_ReturnsACopy_OriginalUnchangedAndOrderKept()
    {
        var a = TableMetadata.Empty.With("x", ColumnMetadata.Numerical()).With("y", ColumnMetadata.Boolean());
        var b = a.With("x", ColumnMetadata.Categorical());
        Assert.AreEqual(MetadataKind.Numerical, a["x"].Kind);
        Assert.AreEqual(MetadataKind.Categorical, b["x"].Kind);
        CollectionAssert.AreEqual(new[] { "x", "y" }, b.ColumnNames.ToArray(), "a replaced column keeps its place");
        Assert.AreEqual(1, b.Without("x").Count);
        Assert.AreEqual(2, b.Count);
        Assert.AreEqual(0, TableMetadata.Empty.Count);
    }

    [TestMethod]
    public void Indexer_UndeclaredColumn_ThrowsListingTheDeclaredOnes()
    {
        var metadata = TableMetadata.Empty.With("age", ColumnMetadata.Numerical());
        var e = Assert.ThrowsExactly<KeyNotFoundException>(() => metadata["agee"]);
        StringAssert.Contains(e.Message, "'agee'");
        StringAssert.Contains(e.Message, "age");
    }

    [TestMethod]
    public void Factories_BadDeclarations_ThrowNamingTheParameter()
    {
        Assert.AreEqual("minimum", Assert.ThrowsExactly<ArgumentException>(() => ColumnMetadata.Numerical(minimum: 2, maximum: 1)).ParamName);
        Assert.AreEqual("maximum", Assert.ThrowsExactly<ArgumentException>(() => ColumnMetadata.Numerical(maximum: double.PositiveInfinity)).ParamName);
        Assert.AreEqual("roundingDigits", Assert.ThrowsExactly<ArgumentException>(() => ColumnMetadata.Numerical(roundingDigits: 16)).ParamName);
        Assert.AreEqual("categories", Assert.ThrowsExactly<ArgumentException>(() => ColumnMetadata.Categorical([])).ParamName);
        Assert.AreEqual("format", Assert.ThrowsExactly<ArgumentException>(() => ColumnMetadata.DateTime(format: "%")).ParamName);
        Assert.AreEqual("pattern", Assert.ThrowsExactly<ArgumentException>(() => ColumnMetadata.Identifier("(")).ParamName);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ColumnMetadata.Pii((PiiType)42));
    }

    [TestMethod]
    public void Validate_MatchingTable_Passes()
    {
        var ml = new MLContext(1);
        var metadata = TableMetadata.Empty
            .With("CustomerId", ColumnMetadata.Identifier())
            .With("Created", ColumnMetadata.DateTime())
            .With("Updated", ColumnMetadata.DateTime(hasOffset: true))
            .With("Session", ColumnMetadata.Duration())
            .With("Email", ColumnMetadata.Pii(PiiType.Email))
            .With("Plan", ColumnMetadata.Categorical(["free", "pro", "team"]))
            .With("Active", ColumnMetadata.Boolean())
            .With("Height", ColumnMetadata.Numerical(minimum: 100, maximum: 250, roundingDigits: 2))
            .With("Joined", ColumnMetadata.DateTime(format: "yyyy-MM-dd"));
        metadata.Validate(MixedTable.Load(ml));
    }

    [TestMethod]
    public void Validate_MissingColumnAndWrongTypes_ThrowsNamingEachColumnWithExpectedAndActualType()
    {
        var ml = new MLContext(1);
        var metadata = TableMetadata.Empty
            .With("Heigth", ColumnMetadata.Numerical())
            .With("Plan", ColumnMetadata.Numerical())
            .With("Created", ColumnMetadata.DateTime(hasOffset: true))
            .With("Session", ColumnMetadata.Boolean())
            .With("Joined", ColumnMetadata.DateTime())
            .With("Active", ColumnMetadata.Categorical());
        var e = Assert.ThrowsExactly<ArgumentException>(() => metadata.Validate(MixedTable.Load(ml)));

        Assert.AreEqual("data", e.ParamName);
        StringAssert.Contains(e.Message, "column 'Heigth' is declared numerical (float) but the data has no such column");
        StringAssert.Contains(e.Message, "column 'Plan' is declared numerical (float), which expects a number column (Single, Double or an integer type), but the data's column is String");
        StringAssert.Contains(e.Message, "column 'Created' is declared datetime (DateTimeOffset), which expects a DateTimeOffset column (or text with a declared format), but the data's column is DateTime");
        StringAssert.Contains(e.Message, "column 'Session' is declared boolean, which expects a Boolean column, but the data's column is TimeSpan");
        StringAssert.Contains(e.Message, "column 'Joined' is declared datetime (DateTime), which expects a DateTime column (or text with a declared format), but the data's column is String");
        Assert.IsFalse(e.Message.Contains("'Active'", StringComparison.Ordinal), "a Boolean column may be declared categorical");
    }

    [TestMethod]
    public void Validate_ColumnReplacedByAKey_ChecksTheVisibleColumn()
    {
        var ml = new MLContext(1);
        var data = ml.Transforms.Conversion.MapValueToKey("Plan").Fit(MixedTable.Load(ml)).Transform(MixedTable.Load(ml));
        Assert.IsTrue(data.Schema.Any(c => c.IsHidden && c.Name == "Plan"));
        TableMetadata.Empty.With("Plan", ColumnMetadata.Categorical()).Validate(data);
        var e = Assert.ThrowsExactly<ArgumentException>(() => TableMetadata.Empty.With("Plan", ColumnMetadata.Pii(PiiType.Name)).Validate(data));
        StringAssert.Contains(e.Message, "but the data's column is Key<UInt32, 0-2>");
    }

    [TestMethod]
    public void UsePublicMetadata_FillsDeclaredBoundsAndCategoriesOnly()
    {
        var metadata = TableMetadata.Empty
            .With("age", ColumnMetadata.Numerical(isInteger: true, minimum: 17, maximum: 90))
            .With("hours", ColumnMetadata.Numerical(minimum: 0))
            .With("sex", ColumnMetadata.Categorical(["Female", "Male"]))
            .With("race", ColumnMetadata.Categorical())
            .With("active", ColumnMetadata.Boolean());
        var options = new DifferentialPrivacyOptions { Epsilon = 1, Delta = 1e-5 };
        options.PublicBounds["gain"] = (0, 99999);

        Assert.AreSame(options, options.UsePublicMetadata(metadata));
        CollectionAssert.AreEquivalent(new[] { "gain", "age" }, options.PublicBounds.Keys.ToArray(), "a column with one declared bound has no public range");
        Assert.AreEqual((17.0, 90.0), options.PublicBounds["age"]);
        Assert.AreEqual((0.0, 99999.0), options.PublicBounds["gain"], "existing entries of other columns are kept");
        CollectionAssert.AreEqual(new[] { "sex" }, options.PublicCategories.Keys.ToArray());
        CollectionAssert.AreEqual(new[] { "Female", "Male" }, options.PublicCategories["sex"].ToArray());
        options.Validate();
    }
}
