using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Data;

[TestClass]
public sealed class TabularDataTests
{
    private static List<string?[]> Rows(IDataView view)
    {
        var rows = new List<string?[]>();
        var columns = view.Schema.Where(c => !c.IsHidden).ToArray();
        using var cursor = view.GetRowCursor(columns);
        var readers = columns.Select(c => ValueAsText(cursor, c)).ToArray();
        while (cursor.MoveNext())
        {
            rows.Add(readers.Select(r => r()).ToArray());
        }

        return rows;
    }

    private static Func<string?> ValueAsText(DataViewRowCursor cursor, DataViewSchema.Column c)
    {
        if (c.Type is TextDataViewType) { var g = cursor.GetGetter<ReadOnlyMemory<char>>(c); ReadOnlyMemory<char> v = default; return () => { g(ref v); return v.ToString(); }; }
        if (c.Type is KeyDataViewType) { var g = cursor.GetGetter<uint>(c); uint v = 0; return () => { g(ref v); return "key" + v; }; }
        if (c.Type is BooleanDataViewType) { var g = cursor.GetGetter<bool>(c); bool v = false; return () => { g(ref v); return v.ToString(); }; }
        if (c.Type.RawType == typeof(float)) { var g = cursor.GetGetter<float>(c); float v = 0; return () => { g(ref v); return v.ToString("R"); }; }
        if (c.Type.RawType == typeof(double)) { var g = cursor.GetGetter<double>(c); double v = 0; return () => { g(ref v); return v.ToString("R"); }; }
        if (c.Type.RawType == typeof(int)) { var g = cursor.GetGetter<int>(c); int v = 0; return () => { g(ref v); return "i" + v; }; }
        if (c.Type.RawType == typeof(long)) { var g = cursor.GetGetter<long>(c); long v = 0; return () => { g(ref v); return "l" + v; }; }
        throw new NotSupportedException(c.Type.ToString());
    }

    private sealed class Mixed
    {
        public float F { get; set; }
        public double D { get; set; }
        public int I { get; set; }
        public long L { get; set; }
        public bool B { get; set; }
        public string S { get; set; } = "";
    }

    [TestMethod]
    public void Adult_RoundTrip_KeepsSchemaAndEveryValue()
    {
        var ml = new MLContext(seed: 1);
        var adult = TestData.LoadAdult(ml);
        var table = TabularData.FromDataView(adult);

        Assert.AreEqual(32561, table.RowCount);
        Assert.AreEqual(15, table.Columns.Count);
        var workclass = (CategoricalColumn)table["workclass"];
        // ML.NET's TextLoader drops the space after each comma; the table keeps whatever the view gives.
        Assert.IsTrue(workclass.Categories.Contains("State-gov"));
        Assert.IsFalse(workclass.Categories.Contains("?"), "'?' is a missing value");
        Assert.AreEqual(1836, workclass.MissingCount, "Adult has 1,836 rows with workclass ' ?'");
        Assert.AreEqual(ColumnKind.Continuous, table["age"].Kind);

        var back = table.ToDataView();
        Assert.AreEqual(adult.Schema.Count, back.Schema.Count);
        for (int i = 0; i < adult.Schema.Count; i++)
        {
            Assert.AreEqual(adult.Schema[i].Name, back.Schema[i].Name);
            Assert.AreEqual(adult.Schema[i].Type, back.Schema[i].Type);
        }

        var original = Rows(adult);
        var roundTrip = Rows(back);
        Assert.AreEqual(original.Count, roundTrip.Count);
        for (int r = 0; r < original.Count; r++)
        {
            CollectionAssert.AreEqual(original[r], roundTrip[r], $"row {r}");
        }
    }

    [TestMethod]
    public void Adult_TableMemory_IsWithinTwiceTheRawSize()
    {
        var table = TabularData.FromDataView(TestData.LoadAdult(new MLContext(1)));
        long raw = new FileInfo(TestData.AdultPath).Length;
        Assert.IsTrue(table.ColumnMemoryBytes() <= 2 * raw, $"{table.ColumnMemoryBytes()} bytes vs raw {raw}");
    }

    [TestMethod]
    public void Types_RoundTrip_IntegersStayIntegers_BooleansAndKeysKeepTheirValues()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 20).Select(i => new Mixed { F = i * 0.5f, D = i / 3.0, I = i * 7, L = -i, B = i % 3 == 0, S = i % 2 == 0 ? "even" : "odd" }).ToList();
        var data = ml.Transforms.Conversion.MapValueToKey("K", "S").Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var table = TabularData.FromDataView(data);

        Assert.IsTrue(((ContinuousColumn)table["I"]).IsInteger);
        Assert.IsFalse(((ContinuousColumn)table["D"]).IsInteger);
        Assert.AreEqual(ColumnKind.Categorical, table["B"].Kind);
        CollectionAssert.AreEqual(new[] { "even", "odd" }, ((CategoricalColumn)table["K"]).Categories.ToArray(), "key values become the categories");

        var back = table.ToDataView();
        Assert.AreEqual(data.Schema["K"].Type, back.Schema["K"].Type);
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        back.Schema["K"].GetKeyValues(ref keyValues);
        CollectionAssert.AreEqual(new[] { "even", "odd" }, keyValues.DenseValues().Select(v => v.ToString()).ToArray());
        var a = Rows(data);
        var b = Rows(back);
        for (int r = 0; r < a.Count; r++)
        {
            CollectionAssert.AreEqual(a[r], b[r], $"row {r}");
        }
    }

    [TestMethod]
    public void ColumnKinds_Override_NumberAsCategories_RoundTrips()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new Mixed { I = i % 3, S = "x" }));
        var table = TabularData.FromDataView(data, new TabularDataOptions { ColumnKinds = { ["I"] = ColumnKind.Categorical } });
        var column = (CategoricalColumn)table["I"];
        CollectionAssert.AreEqual(new[] { "0", "1", "2" }, column.Categories.ToArray());
        CollectionAssert.AreEqual(Rows(data).Select(r => r[2]).ToArray(), Rows(table.ToDataView()).Select(r => r[2]).ToArray());
    }

    [TestMethod]
    public void TrimStrings_IsOffByDefault_AndTrimsWhenAsked()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Mixed { S = " a" }, new Mixed { S = "a" }, new Mixed { S = " NA " } });
        var kept = (CategoricalColumn)TabularData.FromDataView(data)["S"];
        Assert.AreEqual(3, kept.CategoryCount);
        var trimmed = (CategoricalColumn)TabularData.FromDataView(data, new TabularDataOptions { TrimStrings = true, MissingTokens = new HashSet<string> { "NA" } })["S"];
        CollectionAssert.AreEqual(new[] { "a" }, trimmed.Categories.ToArray());
        Assert.AreEqual(1, trimmed.MissingCount);
    }

    [TestMethod]
    public void Infinity_IsRejected_NamingTheColumn()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Mixed { D = 1 }, new Mixed { D = double.PositiveInfinity } });
        var e = Assert.ThrowsExactly<ArgumentException>(() => TabularData.FromDataView(data));
        StringAssert.Contains(e.Message, "'D'");
    }

    [TestMethod]
    public void NaN_IsMissing_OrRejectedWhenNotAllowed()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Mixed { D = 1 }, new Mixed { D = double.NaN } });
        Assert.AreEqual(1, TabularData.FromDataView(data)["D"].MissingCount);
        var e = Assert.ThrowsExactly<ArgumentException>(() => TabularData.FromDataView(data, new TabularDataOptions { AllowNaN = false }));
        StringAssert.Contains(e.Message, "'D'");
    }

    [TestMethod]
    public void UnknownColumn_IsRejected_NamingIt()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Mixed() });
        var e = Assert.ThrowsExactly<ArgumentException>(() => TabularData.FromDataView(data, new TabularDataOptions { Columns = ["Nope"] }));
        StringAssert.Contains(e.Message, "'Nope'");
    }

    [TestMethod]
    public void StreamingView_GeneratesBlocksLazily_AndRestartsPerCursor()
    {
        var ml = new MLContext(1);
        var table = TabularData.FromDataView(ml.Data.LoadFromEnumerable(new[] { new Mixed { D = 1, S = "a" } }), new TabularDataOptions { Columns = ["D", "S"] });
        int calls = 0;
        var view = table.Schema.CreateStreamingView(10_000_000, 1000, (block, rows) =>
        {
            calls++;
            var values = Enumerable.Range(0, rows).Select(i => (double)(block * 1000 + i)).ToArray();
            return new TabularData(table.Schema, [new ContinuousColumn("D", values, false), new CategoricalColumn("S", new int[rows], ["a"])]);
        });

        Assert.AreEqual(10_000_000L, view.GetRowCount());
        using (var cursor = view.GetRowCursor(view.Schema))
        {
            var getter = cursor.GetGetter<double>(view.Schema["D"]);
            double v = 0;
            for (int i = 0; i < 2500; i++)
            {
                Assert.IsTrue(cursor.MoveNext());
                getter(ref v);
                Assert.AreEqual(i, v);
            }
        }

        Assert.AreEqual(3, calls, "only the blocks a cursor reached were generated");
    }

    [TestMethod]
    public void ConcatOfManyParts_EqualsPairwiseJoins_AndRejectsMismatchedColumns()
    {
        var ml = new MLContext(seed: 1);
        var table = TabularData.FromDataView(TestData.LoadAdult(ml));
        var parts = new[] { (0, 1000), (1000, 1), (1001, 5000), (6001, 0), (6001, 26560) }
            .Select(p => table.SelectRows(Enumerable.Range(p.Item1, p.Item2).ToArray())).ToArray();

        var joined = TabularData.Concat(parts);
        var pairwise = parts.Skip(1).Aggregate(parts[0], (a, b) => a.Concat(b));

        Assert.AreEqual(table.RowCount, joined.RowCount);
        CollectionAssert.AreEqual(Rows(pairwise.ToDataView()).Select(r => string.Join("|", r)).ToArray(),
            Rows(joined.ToDataView()).Select(r => string.Join("|", r)).ToArray());
        CollectionAssert.AreEqual(Rows(table.ToDataView()).Select(r => string.Join("|", r)).ToArray(),
            Rows(joined.ToDataView()).Select(r => string.Join("|", r)).ToArray());
        var other = TabularData.FromDataView(ml.Data.LoadFromEnumerable(new[] { new Mixed { S = "x" } }));
        Assert.ThrowsExactly<ArgumentException>(() => TabularData.Concat([table, other]));
        Assert.ThrowsExactly<ArgumentException>(() => TabularData.Concat([]));
    }
}
