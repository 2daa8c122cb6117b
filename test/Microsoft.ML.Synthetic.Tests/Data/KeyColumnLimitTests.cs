using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Data;

[TestClass]
public sealed class KeyColumnLimitTests
{
    private sealed class Row
    {
        public string Text { get; set; } = "";
    }

    private static IDataView Hashed(MLContext ml, int bits)
    {
        var rows = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new Row { Text = $"value {i % 7}" }).ToArray());
        return ml.Transforms.Conversion.Hash("H", "Text", numberOfBits: bits).Fit(rows).Transform(rows);
    }

    [TestMethod]
    public void FromDataView_HashKeyWith31Bits_ThrowsNamingTheColumnAndTheLimit()
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<ArgumentException>(() => TabularData.FromDataView(Hashed(ml, 31)));
        StringAssert.Contains(e.Message, "Column 'H'");
        StringAssert.Contains(e.Message, "2,147,483,648 possible values");
        StringAssert.Contains(e.Message, "at most 1,048,576");
        StringAssert.Contains(e.Message, "numberOfBits ≤ 20");
    }

    [TestMethod]
    public void FromDataView_HashKeyWith20Bits_IsRead()
    {
        var ml = new MLContext(1);
        var table = TabularData.FromDataView(Hashed(ml, 20));
        var column = (CategoricalColumn)table["H"];
        Assert.AreEqual(1 << 20, column.CategoryCount);
        Assert.AreEqual(50, column.Length);
    }
}
