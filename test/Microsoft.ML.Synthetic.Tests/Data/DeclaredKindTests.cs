using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Tests.Data;

/// <summary>Kinds declared in <see cref="TabularDataOptions.Metadata"/> decide how a column is read, as <see cref="TabularDataOptions.ColumnKinds"/> does.</summary>
[TestClass]
public sealed class DeclaredKindTests
{
    private sealed class Row
    {
        public float Code { get; set; }

        public string Amount { get; set; } = "";

        public DateTime When { get; set; }
    }

    private static IDataView Rows()
    {
        var ml = new MLContext(seed: 1);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, 6).Select(i => new Row { Code = 100 + (i % 3), Amount = (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture), When = new DateTime(2020, 1, 1).AddDays(i) }).ToList());
    }

    [TestMethod]
    public void MetadataDeclaringANumberCategorical_AndTextNumerical_ReadsThemSo()
    {
        var metadata = TableMetadata.Empty.With("Code", ColumnMetadata.Categorical()).With("Amount", ColumnMetadata.Numerical());

        var table = TabularData.FromDataView(Rows(), new TabularDataOptions { Metadata = metadata });

        var code = (CategoricalColumn)table["Code"];
        CollectionAssert.AreEquivalent(new[] { "100", "101", "102" }, code.Categories.ToArray());
        var amount = (ContinuousColumn)table["Amount"];
        CollectionAssert.AreEqual(new[] { 0, 1.5, 3, 4.5, 6, 7.5 }, amount.Values.ToArray());
    }

    [TestMethod]
    public void ColumnKindsEntry_WinsOverTheMetadata()
    {
        var options = new TabularDataOptions
        {
            Metadata = TableMetadata.Empty.With("Code", ColumnMetadata.Categorical()),
            ColumnKinds = { ["Code"] = ColumnKind.Continuous },
        };

        Assert.IsInstanceOfType<ContinuousColumn>(TabularData.FromDataView(Rows(), options)["Code"]);
    }

    [TestMethod]
    public void DateColumnDeclaredCategorical_IsAnErrorNamingTheColumn()
    {
        var options = new TabularDataOptions { Metadata = TableMetadata.Empty.With("When", ColumnMetadata.Categorical()) };

        var e = Assert.ThrowsExactly<ArgumentException>(() => TabularData.FromDataView(Rows(), options));

        StringAssert.Contains(e.Message, "Column 'When'");
        StringAssert.Contains(e.Message, "declared categorical");
    }
}
