using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Tables;

[TestClass]
public sealed class AlignedTablesTests
{
    private static TabularData Table(MLContext ml, params string[] cities) =>
        TabularData.FromDataView(ml.Data.LoadFromEnumerable(cities.Select((c, i) => new Row { City = c, Value = i }).ToArray()));

    private static string[] Texts(AlignedTables tables, TabularData table)
    {
        var codes = table.CodesOf(0);
        return codes.Select(k => tables.Categories[0][k]).ToArray();
    }

    [TestMethod]
    public void Create_CategoriesOnlyInSyntheticOrHoldout_OneSharedSpaceWhereEachRowKeepsItsText()
    {
        var ml = new MLContext(1);
        var tables = AlignedTables.Create(Table(ml, "Oslo", "Lyon", "Oslo"), Table(ml, "Lima", "Oslo", "Lima"), Table(ml, "Quito", "Lyon", "Lima"));

        CollectionAssert.AreEqual(new[] { "Lyon", "Oslo", "Lima", "Quito" }, tables.Categories[0], "the real categories first (as read: sorted), then the others, synthetic before holdout");
        Assert.AreEqual(2, tables.RealCategoryCounts[0]);
        CollectionAssert.AreEqual(new[] { "Oslo", "Lyon", "Oslo" }, Texts(tables, tables.Real));
        CollectionAssert.AreEqual(new[] { "Lima", "Oslo", "Lima" }, Texts(tables, tables.Synthetic));
        CollectionAssert.AreEqual(new[] { "Quito", "Lyon", "Lima" }, Texts(tables, tables.Holdout!));
        foreach (var table in new[] { tables.Real, tables.Synthetic, tables.Holdout! })
        {
            Assert.AreSame(tables.Schema, table.Schema, "the three tables share one schema");
            Assert.AreEqual(4, ((CategoricalColumn)table.Columns[0]).CategoryCount);
        }

        CollectionAssert.AreEqual(new[] { 0.0, 1.0, 2.0 }, tables.Real.ValuesOf(1));
        Assert.IsTrue(tables.Warnings.Any(w => w.Contains("synthetic data has categories the real data lacks: 'Lima'")), string.Join("\n", tables.Warnings));
        Assert.IsTrue(tables.Warnings.Any(w => w.Contains("holdout data has categories the real data lacks: 'Lima', 'Quito'")), string.Join("\n", tables.Warnings));
    }

    [TestMethod]
    public void Create_ColumnMissingFromSynthetic_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(1);
        var real = Table(ml, "Oslo", "Lyon");
        var synthetic = TabularData.FromDataView(ml.Data.LoadFromEnumerable(new[] { new ValueRow { Value = 1 }, new ValueRow { Value = 2 } }));

        var e = Assert.ThrowsExactly<ArgumentException>(() => AlignedTables.Create(real, synthetic, null));

        StringAssert.Contains(e.Message, "missing from the synthetic data: 'City'");
    }

    private sealed class Row
    {
        public string City { get; set; } = "";

        public float Value { get; set; }
    }

    private sealed class ValueRow
    {
        public float Value { get; set; }
    }
}
