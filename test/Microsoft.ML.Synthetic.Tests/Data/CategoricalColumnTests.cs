namespace Microsoft.ML.Synthetic.Tests.Data;

[TestClass]
public sealed class CategoricalColumnTests
{
    [TestMethod]
    public void Recode_SupersetInAnotherOrder_KeepsEachRowsTextAndMissingRows()
    {
        var column = new CategoricalColumn("City", [0, 1, -1, 1, 0], ["Lyon", "Oslo"]);
        string[] target = ["Quito", "Oslo", "Lima", "Lyon"];

        var recoded = column.Recode(target);

        Assert.AreSame(target, recoded.Categories);
        CollectionAssert.AreEqual(new[] { 3, 1, -1, 1, 3 }, recoded.Codes);
        Assert.AreEqual("City", recoded.Name);
        CollectionAssert.AreEqual(new[] { 0, 1, -1, 1, 0 }, column.Codes, "the source column is unchanged");
    }

    [TestMethod]
    public void Recode_CategoryAbsentFromTheTarget_ThrowsNamingColumnAndCategory()
    {
        var column = new CategoricalColumn("City", [0, 1], ["Lyon", "Oslo"]);

        var e = Assert.ThrowsExactly<ArgumentException>(() => column.Recode(["Lyon"]));

        StringAssert.Contains(e.Message, "Column 'City'");
        StringAssert.Contains(e.Message, "'Oslo'");
    }
}
