using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Tests.IO;

[TestClass]
public sealed class CsvReadTests
{
    internal static string TempCsv(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"synthetic-csv-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }

    internal static T[] Column<T>(IDataView data, string name) => data.GetColumn<T>(name).ToArray();

    internal static string[] TextColumn(IDataView data, string name) =>
        data.GetColumn<ReadOnlyMemory<char>>(name).Select(v => v.ToString()).ToArray();

    [TestMethod]
    public void ReadCsv_EmptyNumericField_ReadsNaNWhereMLNetDefaultReadsZero()
    {
        var path = TempCsv("age,hours\n30,40\n,38\n52,\n");
        var ml = new MLContext(1);

        var data = ml.Synthetic().Data.ReadCsv(path);

        Assert.AreEqual(NumberDataViewType.Single, data.Schema["age"].Type);
        CollectionAssert.AreEqual(new[] { 30f, float.NaN, 52f }, Column<float>(data, "age"));
        CollectionAssert.AreEqual(new[] { 40f, 38f, float.NaN }, Column<float>(data, "hours"));

        // The behaviour these helpers replace: ML.NET's default turns the empty field into 0.
        var mlNet = ml.Data.LoadFromTextFile(path, [new TextLoader.Column("age", DataKind.Single, 0)], separatorChar: ',', hasHeader: true);
        Assert.AreEqual(0f, Column<float>(mlNet, "age")[1]);
    }

    [TestMethod]
    public void ReadCsv_MissingTokens_AreNaNForNumbersAndEmptyForTextButQuotedTokensStayText()
    {
        var path = TempCsv("x,name\n1.5,Ann\n?,NA\nNA, ?\n2,\"NA\"\n");

        var data = new MLContext(1).Synthetic().Data.ReadCsv(path, new CsvReadOptions { NumbersAsDouble = true });

        Assert.AreEqual(NumberDataViewType.Double, data.Schema["x"].Type);
        CollectionAssert.AreEqual(new[] { 1.5, double.NaN, double.NaN, 2 }, Column<double>(data, "x"));
        CollectionAssert.AreEqual(new[] { "Ann", "", "", "NA" }, TextColumn(data, "name"));
    }

    [TestMethod]
    public void ReadCsv_ColumnWithAnyNonNumber_IsTextKeptAsWrittenNotZero()
    {
        var path = TempCsv("code,n\n007,1\nA12,2\n42,3\n");

        var data = new MLContext(1).Synthetic().Data.ReadCsv(path);

        Assert.IsInstanceOfType<TextDataViewType>(data.Schema["code"].Type);
        CollectionAssert.AreEqual(new[] { "007", "A12", "42" }, TextColumn(data, "code"));
    }

    [TestMethod]
    public void ReadCsv_DeclaredTextColumn_KeepsLeadingZeros()
    {
        var path = TempCsv("zip\n01234\n90210\n");

        var data = new MLContext(1).Synthetic().Data.ReadCsv(path, new CsvReadOptions { ColumnTypes = { ["zip"] = CsvColumnType.Text } });

        CollectionAssert.AreEqual(new[] { "01234", "90210" }, TextColumn(data, "zip"));
    }

    [TestMethod]
    public void ReadCsv_QuotedFieldsWithSeparatorsQuotesAndLineBreaks_AreReadWhole()
    {
        var path = TempCsv("id,text\r\n1,\"Smith, John\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n4,plain\r\n");

        var data = new MLContext(1).Synthetic().Data.ReadCsv(path);

        CollectionAssert.AreEqual(new[] { 1f, 2f, 3f, 4f }, Column<float>(data, "id"));
        CollectionAssert.AreEqual(new[] { "Smith, John", "say \"hi\"", "two\nlines", "plain" }, TextColumn(data, "text"));
    }

    [TestMethod]
    public void ReadCsv_RowWithTooManyFields_ThrowsNamingFileLineAndField()
    {
        var path = TempCsv("a,b\n1,2\n3,4,5\n");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext(1).Synthetic().Data.ReadCsv(path));

        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "line 3");
        StringAssert.Contains(e.Message, "3 fields, but the header has 2");
        StringAssert.Contains(e.Message, "field 3");
    }

    [TestMethod]
    public void ReadCsv_RowWithTooFewFields_ThrowsNamingTheMissingColumn()
    {
        var path = TempCsv("a,b,c\n1,2,3\n4,5\n");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext(1).Synthetic().Data.ReadCsv(path));

        StringAssert.Contains(e.Message, "line 3: 2 fields, but the header has 3 (column 'c' (field 3) is missing)");
    }

    [TestMethod]
    public void ReadCsv_TextInDeclaredNumberColumn_ThrowsNamingLineAndColumn()
    {
        // The quoted line break makes the bad value sit on line 4 of the file, not data row 3.
        var path = TempCsv("note,age\n\"a\nb\",30\nc,31\nd,thirty\n");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext(1).Synthetic().Data.ReadCsv(path,
            new CsvReadOptions { ColumnTypes = { ["age"] = CsvColumnType.Number } }));

        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "line 5, column 'age' (field 2)");
        StringAssert.Contains(e.Message, "'thirty' is not a number");
    }

    [TestMethod]
    public void ReadCsv_UnclosedQuote_ThrowsNamingTheLineWhereItOpens()
    {
        var path = TempCsv("a,b\n1,x\n2,\"open\n3,y\n");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext(1).Synthetic().Data.ReadCsv(path));

        StringAssert.Contains(e.Message, "line 3, field 2");
        StringAssert.Contains(e.Message, "not closed");
    }

    [TestMethod]
    public void ReadCsv_DuplicateHeaderName_ThrowsNamingTheColumn()
    {
        var path = TempCsv("a,b,a\n1,2,3\n");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext(1).Synthetic().Data.ReadCsv(path));

        StringAssert.Contains(e.Message, "line 1, field 3: column 'a' is named twice");
    }

    [TestMethod]
    public void ReadCsv_Adult_ReadsNumbersAsSingleAndQuestionMarksAsMissingText()
    {
        var data = new MLContext(1).Synthetic().Data.ReadCsv(TestData.AdultPath);

        foreach (var name in TestData.AdultContinuous)
        {
            Assert.AreEqual(NumberDataViewType.Single, data.Schema[name].Type, name);
        }

        var workclass = TextColumn(data, "workclass");
        var expected = TestData.LoadAdult(new MLContext(1)).GetColumn<ReadOnlyMemory<char>>("workclass")
            .Select(v => v.ToString().Trim()).ToArray();
        Assert.AreEqual(expected.Length, workclass.Length);
        Assert.IsTrue(expected.Contains("?"), "Adult has '?' in workclass.");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i] == "?" ? "" : expected[i], workclass[i].Trim(), $"row {i}");
        }
    }
}
