using System.Text.RegularExpressions;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Tests.Metadata;

[TestClass]
public sealed class MetadataDetectionTests
{
    [TestMethod]
    public void Detect_Adult_NumbersAreIntegerNumericalAndTextIsCategorical()
    {
        var ml = new MLContext(1);
        var metadata = ml.Synthetic().Metadata.Detect(TestData.LoadAdult(ml));

        Assert.AreEqual(15, metadata.Count);
        foreach (var name in TestData.AdultContinuous)
        {
            Assert.AreEqual(MetadataKind.Numerical, metadata[name].Kind, name);
            Assert.IsTrue(metadata[name].IsInteger, $"{name}: Adult's numbers are whole (read as Single)");
        }

        foreach (var name in TestData.AdultCategorical)
        {
            Assert.AreEqual(MetadataKind.Categorical, metadata[name].Kind, name);
        }
    }

    [TestMethod]
    public void Detect_NeverStoresBoundsOrCategoriesLearnedFromTheData()
    {
        var ml = new MLContext(1);
        var metadata = ml.Synthetic().Metadata.Detect(TestData.LoadAdult(ml));
        foreach (var name in metadata.ColumnNames)
        {
            var c = metadata[name];
            Assert.IsNull(c.Minimum, name);
            Assert.IsNull(c.Maximum, name);
            Assert.IsNull(c.Categories, name);
            Assert.IsNull(c.RoundingDigits, name);
        }
    }

    [TestMethod]
    public void Detect_MixedTable_FindsEveryKind()
    {
        var ml = new MLContext(1);
        var metadata = ml.Synthetic().Metadata.Detect(MixedTable.Load(ml));

        Assert.AreEqual(MetadataKind.Identifier, metadata["CustomerId"].Kind, "unique whole numbers in a column named like an id");
        Assert.IsNull(metadata["CustomerId"].Pattern);
        Assert.AreEqual(MetadataKind.DateTime, metadata["Created"].Kind);
        Assert.IsFalse(metadata["Created"].HasOffset);
        Assert.IsNull(metadata["Created"].Format, "a typed DateTime column has no text format");
        Assert.AreEqual(MetadataKind.DateTime, metadata["Updated"].Kind);
        Assert.IsTrue(metadata["Updated"].HasOffset);
        Assert.AreEqual(MetadataKind.Duration, metadata["Session"].Kind);
        Assert.AreEqual(MetadataKind.Pii, metadata["Email"].Kind);
        Assert.AreEqual(PiiType.Email, metadata["Email"].PiiType);
        Assert.AreEqual(MetadataKind.Pii, metadata["Phone"].Kind);
        Assert.AreEqual(PiiType.Phone, metadata["Phone"].PiiType);
        Assert.AreEqual(MetadataKind.Categorical, metadata["Plan"].Kind);
        Assert.IsNull(metadata["Plan"].Categories, "the three levels seen are not declared");
        Assert.AreEqual(MetadataKind.Boolean, metadata["Active"].Kind);
        Assert.AreEqual(MetadataKind.Numerical, metadata["Height"].Kind);
        Assert.IsFalse(metadata["Height"].IsInteger, "150.75 is not whole");
        Assert.AreEqual(MetadataKind.Numerical, metadata["Visits"].Kind);
        Assert.IsTrue(metadata["Visits"].IsInteger, "whole floats with NaN for missing are integers");
        Assert.AreEqual(MetadataKind.Identifier, metadata["Code"].Kind);
        Assert.AreEqual("[A-Z]{2}-[0-9]{4}", metadata["Code"].Pattern);
        Assert.AreEqual(MetadataKind.DateTime, metadata["Joined"].Kind);
        Assert.AreEqual("yyyy-MM-dd", metadata["Joined"].Format);
        Assert.IsFalse(metadata["Joined"].HasOffset);
        Assert.AreEqual(MetadataKind.DateTime, metadata["Stamp"].Kind);
        Assert.IsTrue(metadata["Stamp"].HasOffset);
        Assert.AreEqual("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", metadata["Stamp"].Format);
        CollectionAssert.AreEqual(MixedTable.Load(ml).Schema.Select(c => c.Name).ToArray(), metadata.ColumnNames.ToArray(), "schema order");
    }

    [TestMethod]
    public void Detect_MixedTable_InferredIdPatternMatchesEveryId()
    {
        var ml = new MLContext(1);
        var data = MixedTable.Load(ml);
        var pattern = new Regex("^(?:" + ml.Synthetic().Metadata.Detect(data)["Code"].Pattern + ")$");
        var codes = data.GetColumn<string>("Code").ToArray();
        Assert.AreEqual(MixedTable.Rows, codes.Length);
        Assert.IsTrue(codes.All(pattern.IsMatch));
        Assert.IsFalse(pattern.IsMatch("ABC-0001"));
    }

    [TestMethod]
    public void Detect_MixedTable_DetectedMetadataValidatesAgainstItsData()
    {
        var ml = new MLContext(1);
        var data = MixedTable.Load(ml);
        ml.Synthetic().Metadata.Detect(data).Validate(data);
    }

    [TestMethod]
    public void Detect_FewUniqueValues_AreCategoricalNotIdentifiers()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 5).Select(i => new TextRow { Value = $"X{i}" }));
        Assert.AreEqual(MetadataKind.Categorical, ml.Synthetic().Metadata.Detect(data)["Value"].Kind, "5 values are fewer than MinIdentifierRows (10)");
        var lowered = ml.Synthetic().Metadata.Detect(data, new MetadataDetectionOptions { MinIdentifierRows = 5 });
        Assert.AreEqual(MetadataKind.Identifier, lowered["Value"].Kind);
    }

    [TestMethod]
    public void Detect_ScanIsBounded_RowsPastTheLimitAreNotRead()
    {
        var ml = new MLContext(1);
        // 20 e-mail addresses, then 80 plain words: the first 20 rows alone look like an e-mail column.
        var rows = Enumerable.Range(0, 100).Select(i => new TextRow { Value = i < 20 ? $"a{i}@example.org" : "word" });
        var data = ml.Data.LoadFromEnumerable(rows);
        Assert.AreEqual(MetadataKind.Pii, ml.Synthetic().Metadata.Detect(data, new MetadataDetectionOptions { MaxRowsScanned = 20 })["Value"].Kind);
        Assert.AreEqual(MetadataKind.Categorical, ml.Synthetic().Metadata.Detect(data)["Value"].Kind);
    }

    [TestMethod]
    public void Detect_VectorColumn_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable([new VectorRow { Features = [1, 2] }]);
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Metadata.Detect(data));
        StringAssert.Contains(e.Message, "'Features'");
    }

    [TestMethod]
    public void Detect_KeyColumn_IsCategorical()
    {
        var ml = new MLContext(1);
        var data = ml.Transforms.Conversion.MapValueToKey("Value").Fit(ml.Data.LoadFromEnumerable([new TextRow { Value = "a" }, new TextRow { Value = "b" }]))
            .Transform(ml.Data.LoadFromEnumerable([new TextRow { Value = "a" }]));
        Assert.AreEqual(MetadataKind.Categorical, ml.Synthetic().Metadata.Detect(data)["Value"].Kind);
    }

    private sealed class TextRow
    {
        public string Value { get; set; } = "";
    }

    private sealed class VectorRow
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }
}
