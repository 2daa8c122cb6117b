using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Data;

/// <summary>The library's one block reader, <c>TabularDataReader.ReadBlocks</c>.</summary>
[TestClass]
public sealed class BlockReadingTests
{
    public sealed class Row
    {
        public double X { get; set; }

        public string Kind { get; set; } = "";

        public string Text { get; set; } = "";
    }

    private static IDataView View(int rows, int badRow = -1) => new MLContext(seed: 1).Data.LoadFromEnumerable(
        Enumerable.Range(0, rows).Select(i => new Row
        {
            X = i,
            Kind = (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Text = i == badRow ? "not a number" : i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToList());

    private static double[] X(TabularData table) => ((ContinuousColumn)table["X"]).Values.ToArray();

    [TestMethod]
    public void ReadBlocks_JoinedBlocks_HoldTheRowsOfTheWholeRead_EachWithItsOwnCategories()
    {
        var view = View(25);
        var whole = TabularData.FromDataView(view);
        var blocks = TabularDataReader.ReadBlocks(view, new TabularDataOptions(), 10).ToList();
        CollectionAssert.AreEqual(new[] { 10, 10, 5 }, blocks.Select(b => b.RowCount).ToArray());
        CollectionAssert.AreEqual(X(whole), blocks.SelectMany(X).ToArray());
        var wholeKinds = (CategoricalColumn)whole["Kind"];
        var blockKinds = blocks.SelectMany(b => ((CategoricalColumn)b["Kind"]) is var k ? k.Codes.ToArray().Select(c => k.Categories[c]) : []).ToArray();
        CollectionAssert.AreEqual(wholeKinds.Codes.ToArray().Select(c => wholeKinds.Categories[c]).ToArray(), blockKinds);
    }

    [TestMethod]
    public void ReadBlocks_RowsAMultipleOfTheBlock_GiveNoTrailingEmptyBlock()
    {
        var blocks = TabularDataReader.ReadBlocks(View(20), new TabularDataOptions(), 10).ToList();
        CollectionAssert.AreEqual(new[] { 10, 10 }, blocks.Select(b => b.RowCount).ToArray());
    }

    [TestMethod]
    public void ReadBlocks_EmptyView_GivesOneEmptyBlockWithItsColumns()
    {
        var blocks = TabularDataReader.ReadBlocks(View(0), new TabularDataOptions(), 10).ToList();
        Assert.HasCount(1, blocks);
        Assert.AreEqual(0, blocks[0].RowCount);
        CollectionAssert.AreEqual(new[] { "X", "Kind", "Text" }, blocks[0].Columns.Select(c => c.Name).ToArray());
    }

    [TestMethod]
    public void ReadBlocks_BadValue_IsNamedByItsRowFromTheStartOfTheView()
    {
        var options = new TabularDataOptions();
        options.ColumnKinds["Text"] = ColumnKind.Continuous;
        var error = Assert.ThrowsExactly<FormatException>(() => TabularDataReader.ReadBlocks(View(30, badRow: 23), options, 10).ToList());
        StringAssert.Contains(error.Message, "row 23");
    }

    [TestMethod]
    public void ReadBlocks_Cancelled_StopsBeforeTheNextBlock()
    {
        using var cancel = new CancellationTokenSource();
        var read = new List<TabularData>();
        Assert.ThrowsExactly<OperationCanceledException>(() =>
        {
            foreach (var block in TabularDataReader.ReadBlocks(View(30), new TabularDataOptions(), 10, cancel.Token))
            {
                read.Add(block);
                cancel.Cancel();
            }
        });
        Assert.HasCount(1, read);
    }

    [TestMethod]
    public void ReadBlocks_WantedBlocks_AreTheOnlyOnesRead_WithTheirIndex_AndThePassStopsAfterTheLast()
    {
        var wanted = new HashSet<int> { 1, 3 };
        var blocks = TabularDataReader.ReadBlocks(View(55), new TabularDataOptions(), 10, wanted.Contains, 3, null, CancellationToken.None).ToList();
        CollectionAssert.AreEqual(new[] { 1, 3 }, blocks.Select(b => b.Index).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(10, 10).Select(i => (double)i).ToArray(), X(blocks[0].Block));
        CollectionAssert.AreEqual(Enumerable.Range(30, 10).Select(i => (double)i).ToArray(), X(blocks[1].Block));
        Assert.IsEmpty(TabularDataReader.ReadBlocks(View(15), new TabularDataOptions(), 10, i => i == 2, 2, null, CancellationToken.None).ToList(), "a wanted block past the end is not read");
    }
}
