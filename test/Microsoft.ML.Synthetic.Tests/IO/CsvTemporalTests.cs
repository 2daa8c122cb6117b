using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Tests.Data;

namespace Microsoft.ML.Synthetic.Tests.IO;

/// <summary>DateTime, DateTimeOffset and TimeSpan columns through CSV: ISO 8601 text out, the declared types back in.</summary>
[TestClass]
public sealed class CsvTemporalTests
{
    private static readonly CsvReadOptions Declared = new()
    {
        ColumnTypes = { ["Day"] = CsvColumnType.DateTime, ["Stamp"] = CsvColumnType.DateTimeOffset, ["Wait"] = CsvColumnType.TimeSpan },
    };

    [TestMethod]
    public void WriteCsv_DateColumns_AreIso8601_AndReadCsvWithDeclaredTypesGivesEveryValueBack()
    {
        var ml = new MLContext(seed: 1);
        var rows = DateTimeTable.Rows(60);
        var path = Path.Combine(Path.GetTempPath(), $"synthetic-dates-{Guid.NewGuid():N}.csv");
        try
        {
            ml.Synthetic().Data.WriteCsv(ml.Data.LoadFromEnumerable(rows), path);
            var lines = File.ReadAllLines(path);
            Assert.AreEqual("Day,Stamp,Wait,Amount,Segment", lines[0]);
            StringAssert.StartsWith(lines[1], FormattableString.Invariant($"1850-03-01T00:00:00,{rows[0].Stamp:yyyy-MM-ddTHH:mm:ss}-05:00,{rows[0].Wait:c},"));
            StringAssert.StartsWith(lines[25], ",", "default(DateTime), the missing date, is an empty field");

            var back = ml.Synthetic().Data.ReadCsv(path, Declared);

            Assert.AreEqual(DateTimeDataViewType.Instance, back.Schema["Day"].Type);
            Assert.AreEqual(DateTimeOffsetDataViewType.Instance, back.Schema["Stamp"].Type);
            Assert.AreEqual(TimeSpanDataViewType.Instance, back.Schema["Wait"].Type);
            CollectionAssert.AreEqual(rows.Select(r => r.Day).ToList(), DateTimeTable.Values<DateTime>(back, "Day"));
            CollectionAssert.AreEqual(rows.Select(r => r.Stamp.UtcTicks).ToList(), DateTimeTable.Values<DateTimeOffset>(back, "Stamp").Select(s => s.UtcTicks).ToList());
            CollectionAssert.AreEqual(rows.Select(r => r.Wait).ToList(), DateTimeTable.Values<TimeSpan>(back, "Wait"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void ReadCsv_DeclaredDateTime_ValueNotIso8601_ThrowsNamingLineColumnAndValue()
    {
        var ml = new MLContext(seed: 1);
        var path = Path.Combine(Path.GetTempPath(), $"synthetic-dates-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "Day,Stamp,Wait\n2024-01-02,2024-01-02T10:00:00Z,01:00:00\n02/01/2024,2024-01-02T10:00:00Z,01:00:00\n");
        try
        {
            var e = Assert.ThrowsExactly<InvalidDataException>(() => ml.Synthetic().Data.ReadCsv(path, Declared));
            StringAssert.Contains(e.Message, "line 3");
            StringAssert.Contains(e.Message, "'Day'");
            StringAssert.Contains(e.Message, "'02/01/2024'");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
