using Microsoft.ML;
using Microsoft.ML.Data;
using Parquet;
using Parquet.Schema;
using static Microsoft.ML.Synthetic.Tests.IO.CsvReadTests;
using static Microsoft.ML.Synthetic.Tests.IO.ParquetRoundTripTests;

namespace Microsoft.ML.Synthetic.Tests.IO;

[TestClass]
public sealed class ParquetReadTests
{
    private static readonly DataField Age = new("age", typeof(int), isNullable: true);
    private static readonly DataField Id = new("id", typeof(long), isNullable: false);
    private static readonly DataField Count = new("count", typeof(int), isNullable: true);
    private static readonly DataField Name = new("name", typeof(string), isNullable: true);
    private static readonly DataField Member = new("member", typeof(bool), isNullable: true);
    private static readonly DataField Score = new("score", typeof(double), isNullable: true);
    private static readonly DataField Weight = new("weight", typeof(float), isNullable: false);
    private static readonly DateTimeDataField Seen = new("seen", DateTimeFormat.Timestamp, isAdjustedToUTC: false, unit: DateTimeTimeUnit.Millis, isNullable: false);

    /// <summary>
    /// A file written by Parquet.Net's own API (an independent writer): two row groups of 3 and 2 rows, with nulls in
    /// a nullable integer, a string, a Boolean and a double column, and a nullable integer column without nulls.
    /// </summary>
    private static string WrittenByParquetNet()
    {
        var path = TempParquet();
        var schema = new ParquetSchema(Age, Id, Count, Name, Member, Score, Weight, Seen);
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(schema, stream).GetAwaiter().GetResult();
        void Group(int?[] age, long[] id, int?[] count, string?[] name, bool?[] member, double?[] score, float[] weight, DateTime[] seen)
        {
            using var group = writer.CreateRowGroup();
            group.WriteAsync<int>(Age, age.AsMemory()).GetAwaiter().GetResult();
            group.WriteAsync<long>(Id, new ReadOnlyMemory<long>(id)).GetAwaiter().GetResult();
            group.WriteAsync<int>(Count, count.AsMemory()).GetAwaiter().GetResult();
            group.WriteAsync(Name, name!).GetAwaiter().GetResult();
            group.WriteAsync<bool>(Member, member.AsMemory()).GetAwaiter().GetResult();
            group.WriteAsync<double>(Score, score.AsMemory()).GetAwaiter().GetResult();
            group.WriteAsync<float>(Weight, new ReadOnlyMemory<float>(weight)).GetAwaiter().GetResult();
            group.WriteAsync<DateTime>(Seen, new ReadOnlyMemory<DateTime>(seen)).GetAwaiter().GetResult();
        }

        Group([39, null, 52], [1, 2, 3], [5, 6, 7], ["Ann", null, ""], [true, null, false], [0.5, double.NaN, null], [1.5f, 2.5f, 3.5f],
            [new DateTime(2024, 1, 2, 3, 4, 5, 678), new DateTime(1999, 12, 31), new DateTime(2000, 1, 1)]);
        Group([null, 28], [4, 5], [8, 9], ["Bo", "Cy"], [false, true], [1e300, -2.0], [4.5f, 5.5f], [new DateTime(2024, 1, 1), new DateTime(2024, 1, 2)]);
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return path;
    }

    [TestMethod]
    public void ReadParquet_FileWrittenByParquetNet_MapsTypesAndReadsNullsAsMissing()
    {
        var data = new MLContext(1).Synthetic().Data.ReadParquet(WrittenByParquetNet());

        Assert.AreEqual(5L, data.GetRowCount());
        Assert.AreEqual(NumberDataViewType.Double, data.Schema["age"].Type, "an integer column with nulls: Double, null → NaN");
        Assert.AreEqual(NumberDataViewType.Int64, data.Schema["id"].Type);
        Assert.AreEqual(NumberDataViewType.Int32, data.Schema["count"].Type, "a nullable integer column whose statistics count no null keeps its type");
        Assert.AreEqual(TextDataViewType.Instance, data.Schema["member"].Type, "a Boolean column with nulls: the text True/False, null → empty");
        Assert.AreEqual(NumberDataViewType.Single, data.Schema["weight"].Type);
        Assert.AreEqual(DateTimeDataViewType.Instance, data.Schema["seen"].Type);
        CollectionAssert.AreEqual(new[] { 39, double.NaN, 52, double.NaN, 28 }, Column<double>(data, "age"));
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4, 5 }, Column<long>(data, "id"));
        CollectionAssert.AreEqual(new[] { 5, 6, 7, 8, 9 }, Column<int>(data, "count"));
        CollectionAssert.AreEqual(new[] { "Ann", "", "", "Bo", "Cy" }, TextColumn(data, "name"));
        CollectionAssert.AreEqual(new[] { "True", "", "False", "False", "True" }, TextColumn(data, "member"));
        CollectionAssert.AreEqual(new[] { 0.5, double.NaN, double.NaN, 1e300, -2.0 }, Column<double>(data, "score"));
        CollectionAssert.AreEqual(new[] { 1.5f, 2.5f, 3.5f, 4.5f, 5.5f }, Column<float>(data, "weight"));
        Assert.AreEqual(new DateTime(2024, 1, 2, 3, 4, 5, 678), Column<DateTime>(data, "seen")[0]);
    }

    [TestMethod]
    public void ReadParquet_ColumnsOption_ReadsOnlyThoseColumnsInThatOrder()
    {
        var data = new MLContext(1).Synthetic().Data.ReadParquet(WrittenByParquetNet(), new ParquetReadOptions { Columns = ["name", "id"] });

        CollectionAssert.AreEqual(new[] { "name", "id" }, data.Schema.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4, 5 }, Column<long>(data, "id"));
    }

    [TestMethod]
    public void ReadParquet_UnknownColumnInOptions_ThrowsListingTheColumns()
    {
        var path = WrittenByParquetNet();

        var e = Assert.ThrowsExactly<ArgumentException>(() => new MLContext(1).Synthetic().Data.ReadParquet(path, new ParquetReadOptions { Columns = ["salary"] }));

        StringAssert.Contains(e.Message, "'salary'");
        StringAssert.Contains(e.Message, "age, id, count");
    }

    [TestMethod]
    public void ReadParquet_CsvFile_ThrowsInvalidDataExceptionNamingTheFile()
    {
        var path = TempCsv("age,name\n1,Ann\n");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext(1).Synthetic().Data.ReadParquet(path));

        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "not a readable Parquet file");
    }

    [TestMethod]
    public void ReadParquet_TruncatedFile_ThrowsInvalidDataExceptionNamingTheFile()
    {
        var whole = File.ReadAllBytes(WrittenByParquetNet());
        var path = TempParquet();
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext(1).Synthetic().Data.ReadParquet(path));

        StringAssert.Contains(e.Message, path);
    }

    [TestMethod]
    public void ReadParquet_DamagedColumnChunk_ThrowsNamingRowGroupAndColumn()
    {
        var path = WrittenByParquetNet();
        var bytes = File.ReadAllBytes(path);
        // Overwrite the data pages (after the 4-byte magic) but keep the footer: the schema opens, the chunks do not.
        for (int i = 4; i < bytes.Length / 3; i++) bytes[i] = 0xFF;
        File.WriteAllBytes(path, bytes);
        var data = new MLContext(1).Synthetic().Data.ReadParquet(path);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => Column<double>(data, "age"));

        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "row group 0, column 'age'");
    }

    [TestMethod]
    public void ReadParquet_ListColumn_ThrowsNamingItAndReadsTheOthersWhenLeftOut()
    {
        var path = TempParquet();
        var tags = new DataField<string[]>("tags");
        var id = new DataField("id", typeof(int), isNullable: false);
        using (var stream = File.Create(path))
        {
            var writer = ParquetWriter.CreateAsync(new ParquetSchema(id, tags), stream).GetAwaiter().GetResult();
            using (var group = writer.CreateRowGroup())
            {
                group.WriteAsync<int>(id, new ReadOnlyMemory<int>([1])).GetAwaiter().GetResult();
                group.WriteAsync(tags, ["a", "b"], new ReadOnlyMemory<int>([0, 1])).GetAwaiter().GetResult();
            }

            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var e = Assert.ThrowsExactly<NotSupportedException>(() => new MLContext(1).Synthetic().Data.ReadParquet(path));
        var rest = new MLContext(1).Synthetic().Data.ReadParquet(path, new ParquetReadOptions { Columns = ["id"] });

        StringAssert.Contains(e.Message, "column 'tags'");
        StringAssert.Contains(e.Message, "ParquetReadOptions.Columns");
        CollectionAssert.AreEqual(new[] { 1 }, Column<int>(rest, "id"));
    }
}
