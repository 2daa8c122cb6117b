using Microsoft.ML;
using Microsoft.ML.Data;
using Parquet;
using static Microsoft.ML.Synthetic.Tests.IO.CsvReadTests;

namespace Microsoft.ML.Synthetic.Tests.IO;

[TestClass]
public sealed class ParquetRoundTripTests
{
    private sealed class Row
    {
        public float Single { get; set; }

        public double Double { get; set; }

        public string Text { get; set; } = "";

        public bool Flag { get; set; }

        public int Int { get; set; }

        public long Long { get; set; }

        public DateTime When { get; set; }

        public DateTimeOffset Instant { get; set; }

        public string Colour { get; set; } = "";
    }

    // Timestamps in whole microseconds: Parquet keeps microseconds (see IO/README.md).
    private static readonly Row[] Rows =
    [
        new() { Single = 0.1f, Double = 1.0 / 3, Text = "plain", Flag = true, Int = -7, Long = long.MaxValue, When = new DateTime(2020, 2, 29, 23, 59, 58).AddTicks(1230), Instant = new DateTimeOffset(2021, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)), Colour = "red" },
        new() { Single = float.NaN, Double = double.NaN, Text = "", Flag = false, Int = 0, Long = long.MinValue, When = DateTime.MinValue, Instant = DateTimeOffset.UnixEpoch, Colour = "green" },
        new() { Single = -3.4028235e38f, Double = 5e-324, Text = "Smith, \"J\"\nJr", Flag = true, Int = int.MaxValue, Long = 0, When = new DateTime(1969, 12, 31, 23, 59, 59), Instant = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)), Colour = "blue" },
        new() { Single = 16777217f, Double = -0.0, Text = " NA ", Flag = false, Int = int.MinValue, Long = 1, When = new DateTime(9999, 12, 31, 23, 59, 59), Instant = new DateTimeOffset(2262, 4, 12, 0, 0, 0, TimeSpan.Zero), Colour = "red" },
    ];

    internal static string TempParquet() => Path.Combine(Path.GetTempPath(), $"synthetic-parquet-{Guid.NewGuid():N}.parquet");

    /// <summary>Rows as a view with a key column <c>Colour</c> whose unseen value green is the missing key 0.</summary>
    private static IDataView View(MLContext ml, IEnumerable<Row> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var keys = ml.Transforms.Conversion.MapValueToKey("Colour").Fit(ml.Data.LoadFromEnumerable(Rows.Where(r => r.Colour != "green")));
        return keys.Transform(data);
    }

    /// <summary>Every column but the key read back equals the rows (numbers bit for bit, timestamps to the tick).</summary>
    private static void AssertSameValues(Row[] rows, IDataView back)
    {
        CollectionAssert.AreEqual(rows.Select(r => BitConverter.SingleToInt32Bits(r.Single)).ToArray(), Column<float>(back, "Single").Select(BitConverter.SingleToInt32Bits).ToArray());
        CollectionAssert.AreEqual(rows.Select(r => BitConverter.DoubleToInt64Bits(r.Double)).ToArray(), Column<double>(back, "Double").Select(BitConverter.DoubleToInt64Bits).ToArray());
        CollectionAssert.AreEqual(rows.Select(r => r.Text).ToArray(), TextColumn(back, "Text"));
        CollectionAssert.AreEqual(rows.Select(r => r.Flag).ToArray(), Column<bool>(back, "Flag"));
        CollectionAssert.AreEqual(rows.Select(r => r.Int).ToArray(), Column<int>(back, "Int"));
        CollectionAssert.AreEqual(rows.Select(r => r.Long).ToArray(), Column<long>(back, "Long"));
        CollectionAssert.AreEqual(rows.Select(r => r.When.Ticks).ToArray(), Column<DateTime>(back, "When").Select(d => d.Ticks).ToArray());
        CollectionAssert.AreEqual(rows.Select(r => r.Instant.UtcTicks).ToArray(), Column<DateTimeOffset>(back, "Instant").Select(d => d.UtcTicks).ToArray());
    }

    [TestMethod]
    public void WriteParquet_ThenReadParquet_RoundTripsEveryTypeAndMissingValue()
    {
        var ml = new MLContext(1);
        var path = TempParquet();

        ml.Synthetic().Data.WriteParquet(View(ml, Rows), path);
        var back = ml.Synthetic().Data.ReadParquet(path);

        Assert.AreEqual(NumberDataViewType.Single, back.Schema["Single"].Type);
        Assert.AreEqual(NumberDataViewType.Double, back.Schema["Double"].Type);
        Assert.AreEqual(NumberDataViewType.Int32, back.Schema["Int"].Type);
        Assert.AreEqual(NumberDataViewType.Int64, back.Schema["Long"].Type);
        Assert.AreEqual(BooleanDataViewType.Instance, back.Schema["Flag"].Type);
        Assert.AreEqual(DateTimeDataViewType.Instance, back.Schema["When"].Type);
        Assert.AreEqual(DateTimeOffsetDataViewType.Instance, back.Schema["Instant"].Type);
        Assert.AreEqual(TextDataViewType.Instance, back.Schema["Colour"].Type, "a key is written as the text of its value");
        Assert.AreEqual(4L, back.GetRowCount());
        AssertSameValues(Rows, back);
        CollectionAssert.AreEqual(new[] { "red", "", "blue", "red" }, TextColumn(back, "Colour"));
    }

    [TestMethod]
    public async Task WriteParquet_MissingValues_AreParquetNullsNotZerosOrEmptyStrings()
    {
        var ml = new MLContext(1);
        var path = TempParquet();

        ml.Synthetic().Data.WriteParquet(View(ml, Rows), path);

        // Read with Parquet.Net itself: NaN, empty text and the missing key are nulls, every other value is present.
        await using var reader = await ParquetReader.CreateAsync(path);
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name);
        var singles = new float?[4];
        await group.ReadAsync<float>(fields["Single"], singles.AsMemory());
        var doubles = new double?[4];
        await group.ReadAsync<double>(fields["Double"], doubles.AsMemory());
        var texts = new string?[4];
        await group.ReadAsync(fields["Text"], texts.AsMemory());
        var colours = new string?[4];
        await group.ReadAsync(fields["Colour"], colours.AsMemory());
        CollectionAssert.AreEqual(new float?[] { 0.1f, null, -3.4028235e38f, 16777217f }, singles);
        CollectionAssert.AreEqual(new double?[] { 1.0 / 3, null, 5e-324, -0.0 }, doubles);
        CollectionAssert.AreEqual(new[] { "plain", null, "Smith, \"J\"\nJr", " NA " }, texts);
        CollectionAssert.AreEqual(new[] { "red", null, "blue", "red" }, colours);
        Assert.IsFalse(fields["Int"].IsNullable, "an ML.NET integer has no missing value: a required column");
    }

    [TestMethod]
    public async Task WriteParquet_SmallRowGroups_WritesSeveralRowGroupsThatReadBackExactly()
    {
        var ml = new MLContext(1);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 2_500).Select(i => new Row
        {
            Single = i % 7 == 0 ? float.NaN : (float)random.NextDouble(),
            Double = i % 11 == 0 ? double.NaN : random.NextDouble() * 1e6,
            Text = i % 5 == 0 ? "" : $"t{random.Next(40)}",
            Flag = i % 3 == 0,
            Int = i,
            Long = -i,
            When = new DateTime(2000, 1, 1).AddSeconds(i),
            Instant = DateTimeOffset.UnixEpoch.AddMinutes(i),
            Colour = "red",
        }).ToArray();
        var path = TempParquet();
        var progress = new List<long>();

        ml.Synthetic().Data.WriteParquet(View(ml, rows), path, new ParquetWriteOptions { RowGroupSize = 1_000, Progress = new SyncProgress(progress) });
        var back = ml.Synthetic().Data.ReadParquet(path);

        await using (var reader = await ParquetReader.CreateAsync(path))
        {
            Assert.AreEqual(3, reader.RowGroupCount);
            CollectionAssert.AreEqual(new long[] { 1_000, 1_000, 500 }, reader.RowGroups.Select(g => g.RowCount).ToArray());
        }

        CollectionAssert.AreEqual(new long[] { 1_000, 2_000, 2_500 }, progress);
        Assert.AreEqual(2_500L, back.GetRowCount());
        AssertSameValues(rows, back);

        // A cursor over one column reads only that column, row group after row group, with positions 0..n-1.
        using var cursor = back.GetRowCursor([back.Schema["Int"]]);
        var getter = cursor.GetGetter<int>(back.Schema["Int"]);
        int value = 0;
        long expected = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            Assert.AreEqual(expected, cursor.Position);
            Assert.AreEqual((int)expected++, value);
        }

        Assert.AreEqual(2_500L, expected);
        Assert.IsFalse(cursor.IsColumnActive(back.Schema["Text"]));
    }

    [TestMethod]
    public void WriteParquet_VectorColumn_ThrowsNamingTheColumnBeforeCreatingTheFile()
    {
        var ml = new MLContext(1);
        var data = ml.Transforms.Concatenate("Features", "Single", "Single").Fit(ml.Data.LoadFromEnumerable(Rows)).Transform(ml.Data.LoadFromEnumerable(Rows));
        var path = TempParquet();

        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Data.WriteParquet(data, path));

        StringAssert.Contains(e.Message, "Column 'Features'");
        StringAssert.Contains(e.Message, "DropColumns");
        Assert.IsFalse(File.Exists(path));
    }

    [TestMethod]
    public void WriteParquet_CopulaSample_StreamsAndKeepsMissingCategories()
    {
        var ml = new MLContext(1);
        var real = ml.Synthetic().Data.ReadCsv(TestData.AdultPath);
        var model = ml.Synthetic().Synthesizers.GaussianCopula().Fit(real);
        var path = TempParquet();

        ml.Synthetic().Data.WriteParquet(model.Sample(3_000, seed: 3), path, new ParquetWriteOptions { RowGroupSize = 1_024 });
        var back = ml.Synthetic().Data.ReadParquet(path);

        Assert.AreEqual(3_000L, back.GetRowCount());
        CollectionAssert.AreEqual(real.Schema.Select(c => (c.Name, c.Type)).ToArray(), back.Schema.Select(c => (c.Name, c.Type)).ToArray());
        var sampled = model.Sample(3_000, seed: 3);
        CollectionAssert.AreEqual(TextColumn(sampled, "workclass"), TextColumn(back, "workclass"));
        CollectionAssert.AreEqual(Column<float>(sampled, "age"), Column<float>(back, "age"));
        Assert.IsTrue(TextColumn(back, "workclass").Any(v => v.Length == 0), "missing workclass survives sample -> Parquet -> read");
    }

    /// <summary>Records progress on the calling thread (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SyncProgress(List<long> values) : IProgress<long>
    {
        public void Report(long value) => values.Add(value);
    }
}
