using Microsoft.ML;
using Microsoft.ML.Data;
using static Microsoft.ML.Synthetic.Tests.IO.CsvReadTests;

namespace Microsoft.ML.Synthetic.Tests.IO;

[TestClass]
public sealed class CsvWriteTests
{
    private sealed class Row
    {
        public float Single { get; set; }

        public double Double { get; set; }

        public string Text { get; set; } = "";

        public bool Flag { get; set; }

        public int Count { get; set; }
    }

    private static readonly Row[] Rows =
    [
        new() { Single = 0.1f, Double = 1.0 / 3, Text = "plain", Flag = true, Count = -7 },
        new() { Single = float.NaN, Double = double.NaN, Text = "", Count = 0 },
        new() { Single = 1e-30f, Double = 123456789.123456789, Text = "Smith, \"J\"\nJr", Count = int.MaxValue },
        new() { Single = -3.4028235e38f, Double = 5e-324, Text = "NA", Count = 1 },
        new() { Single = 16777217f, Double = -0.0, Text = " padded ", Count = 2 },
    ];

    private static string Written(MLContext ml, IDataView data)
    {
        var path = Path.Combine(Path.GetTempPath(), $"synthetic-csv-{Guid.NewGuid():N}.csv");
        ml.Synthetic().Data.WriteCsv(data, path);
        return path;
    }

    [TestMethod]
    public void WriteCsv_MissingNumbersAndText_AreEmptyFieldsNotQuestionMarks()
    {
        var ml = new MLContext(1);
        var path = Written(ml, ml.Data.LoadFromEnumerable(Rows));

        var lines = File.ReadAllText(path).Split('\n');

        Assert.AreEqual("Single,Double,Text,Flag,Count", lines[0]);
        Assert.AreEqual("0.1,0.3333333333333333,plain,True,-7", lines[1]);
        Assert.AreEqual(",,,False,0", lines[2]);
        Assert.IsFalse(File.ReadAllText(path).Contains('?'), "no '?' for missing values");

        // The behaviour this replaces: ML.NET's SaveAsText writes a missing number as '?'.
        using var saved = new MemoryStream();
        ml.Data.SaveAsText(ml.Data.LoadFromEnumerable(Rows), saved, separatorChar: ',', headerRow: true, schema: false);
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(saved.ToArray()), "?,?");
    }

    [TestMethod]
    public void WriteCsv_TextNeedingQuotes_IsQuotedWithDoubledQuotes()
    {
        var ml = new MLContext(1);
        var text = File.ReadAllText(Written(ml, ml.Data.LoadFromEnumerable(Rows)));

        StringAssert.Contains(text, ",\"Smith, \"\"J\"\"\nJr\",");
        StringAssert.Contains(text, ",\"NA\",");
        StringAssert.Contains(text, ",\" padded \",");
    }

    [TestMethod]
    public void WriteCsv_ThenReadCsv_RoundTripsNumbersExactlyAndMissingValues()
    {
        var ml = new MLContext(1);
        var path = Written(ml, ml.Data.LoadFromEnumerable(Rows));

        var singles = ml.Synthetic().Data.ReadCsv(path);
        var doubles = ml.Synthetic().Data.ReadCsv(path, new CsvReadOptions { NumbersAsDouble = true });

        CollectionAssert.AreEqual(Rows.Select(r => r.Single).ToArray(), Column<float>(singles, "Single"));
        CollectionAssert.AreEqual(Rows.Select(r => BitConverter.DoubleToInt64Bits(r.Double)).ToArray(),
            Column<double>(doubles, "Double").Select(BitConverter.DoubleToInt64Bits).ToArray());
        CollectionAssert.AreEqual(Rows.Select(r => (double)r.Count).ToArray(), Column<double>(doubles, "Count"));
        CollectionAssert.AreEqual(Rows.Select(r => r.Text).ToArray(), TextColumn(singles, "Text"));
        CollectionAssert.AreEqual(Rows.Select(r => r.Flag ? "True" : "False").ToArray(), TextColumn(singles, "Flag"));
    }

    [TestMethod]
    public void WriteCsv_VectorColumn_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(1);
        var data = ml.Transforms.Concatenate("Features", "Single", "Single").Fit(ml.Data.LoadFromEnumerable(Rows))
            .Transform(ml.Data.LoadFromEnumerable(Rows));

        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Data.WriteCsv(data, Path.Combine(Path.GetTempPath(), $"synthetic-csv-{Guid.NewGuid():N}.csv")));

        StringAssert.Contains(e.Message, "Column 'Features'");
        StringAssert.Contains(e.Message, "DropColumns");
    }

    [TestMethod]
    public void WriteCsv_CopulaSample_StreamsAndReadsBackWithTheSameRowCountAndMissingCells()
    {
        var ml = new MLContext(1);
        var real = ml.Synthetic().Data.ReadCsv(TestData.AdultPath);
        var model = ml.Synthetic().Synthesizers.GaussianCopula().Fit(real);
        var path = Written(ml, model.Sample(2000, seed: 3));

        var back = ml.Synthetic().Data.ReadCsv(path);

        Assert.AreEqual(2000L, back.GetRowCount());
        Assert.AreEqual(real.Schema.Count, back.Schema.Count);
        Assert.AreEqual(NumberDataViewType.Single, back.Schema["age"].Type);
        var realMissing = TextColumn(real, "workclass").Count(v => v.Length == 0);
        var sampledMissing = TextColumn(back, "workclass").Count(v => v.Length == 0);
        Assert.IsTrue(realMissing > 0, "Adult's workclass has missing values.");
        Assert.IsTrue(sampledMissing > 0, $"missing workclass survives sample -> CSV -> read ({sampledMissing} of 2000)");
        Assert.IsFalse(File.ReadAllText(path).Contains('?'), "no '?' written");
    }
}
