using System.Text;

namespace Microsoft.ML.Synthetic.Tests.Metadata;

[TestClass]
public sealed class TableMetadataJsonTests
{
    /// <summary>One column of every kind, each with every declaration it can carry.</summary>
    private static TableMetadata EveryKind() => TableMetadata.Empty
        .With("age", ColumnMetadata.Numerical(isInteger: true, minimum: 0, maximum: 120))
        .With("price", ColumnMetadata.Numerical(minimum: -0.5, maximum: 1e6, roundingDigits: 2))
        .With("ratio", ColumnMetadata.Numerical())
        .With("plan", ColumnMetadata.Categorical(["free", "pro", "team \"quoted\" é"]))
        .With("city", ColumnMetadata.Categorical())
        .With("active", ColumnMetadata.Boolean())
        .With("created", ColumnMetadata.DateTime())
        .With("updated", ColumnMetadata.DateTime(hasOffset: true))
        .With("joined", ColumnMetadata.DateTime(format: "yyyy-MM-dd"))
        .With("session", ColumnMetadata.Duration())
        .With("id", ColumnMetadata.Identifier())
        .With("code", ColumnMetadata.Identifier(@"[A-Z]{2}-[0-9]{4}"))
        .With("email", ColumnMetadata.Pii(PiiType.Email))
        .With("phone", ColumnMetadata.Pii(PiiType.Phone))
        .With("name", ColumnMetadata.Pii(PiiType.Name))
        .With("passport", ColumnMetadata.Pii(PiiType.IdLike));

    private static string Json(TableMetadata metadata)
    {
        using var stream = new MemoryStream();
        metadata.Save(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static TableMetadata Parse(string json) => TableMetadata.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [TestMethod]
    public void SaveLoad_EveryKind_RoundTripsEveryDeclaration()
    {
        var original = EveryKind();
        string json = Json(original);
        var loaded = Parse(json);

        CollectionAssert.AreEqual(original.ColumnNames.ToArray(), loaded.ColumnNames.ToArray());
        foreach (var name in original.ColumnNames)
        {
            var (a, b) = (original[name], loaded[name]);
            Assert.AreEqual(a.Kind, b.Kind, name);
            Assert.AreEqual(a.IsInteger, b.IsInteger, name);
            Assert.AreEqual(a.Minimum, b.Minimum, name);
            Assert.AreEqual(a.Maximum, b.Maximum, name);
            Assert.AreEqual(a.RoundingDigits, b.RoundingDigits, name);
            CollectionAssert.AreEqual(a.Categories?.ToArray(), b.Categories?.ToArray(), name);
            Assert.AreEqual(a.HasOffset, b.HasOffset, name);
            Assert.AreEqual(a.Format, b.Format, name);
            Assert.AreEqual(a.Pattern, b.Pattern, name);
            Assert.AreEqual(a.PiiType, b.PiiType, name);
            Assert.AreEqual(a.ToString(), b.ToString(), name);
        }

        Assert.AreEqual(json, Json(loaded), "saving the loaded metadata gives the same file");
        Assert.AreEqual(Enum.GetValues<MetadataKind>().Length, original.ColumnNames.Select(n => original[n].Kind).Distinct().Count(), "every kind is covered");
        Assert.AreEqual(Enum.GetValues<PiiType>().Length, original.ColumnNames.Where(n => original[n].Kind == MetadataKind.Pii).Count(), "every PII type is covered");
    }

    [TestMethod]
    public void Save_WritesSchemaVersionOne()
    {
        StringAssert.StartsWith(Json(EveryKind()).Replace(" ", "", StringComparison.Ordinal), "{\n\"schemaVersion\":1,", "the version comes first");
    }

    [TestMethod]
    public void SaveLoad_Path_RoundTrips()
    {
        string path = Path.Combine(Path.GetTempPath(), $"metadata-{Guid.NewGuid():N}.json");
        try
        {
            EveryKind().Save(path);
            Assert.AreEqual(Json(EveryKind()), Json(TableMetadata.Load(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Load_ExamplesAdultJson_DeclaresTheFifteenAdultColumns()
    {
        var metadata = TableMetadata.Load(Path.Combine(AppContext.BaseDirectory, "data", "adult.json"));
        Assert.AreEqual(15, metadata.Count);
        CollectionAssert.AreEquivalent(TestData.AdultContinuous, metadata.ColumnNames.Where(n => metadata[n].Kind == MetadataKind.Numerical).ToArray());
        CollectionAssert.AreEquivalent(TestData.AdultCategorical, metadata.ColumnNames.Where(n => metadata[n].Kind == MetadataKind.Categorical).ToArray());
    }

    [TestMethod]
    [DataRow("""{ "schemaVersion": 1, "columns": [], "extra": 1 }""", "extra", "unknown key")]
    [DataRow("""{ "columns": [] }""", "schemaVersion", "is missing")]
    [DataRow("""{ "schemaVersion": 2, "columns": [] }""", "schemaVersion", "newer version")]
    [DataRow("""{ "schemaVersion": "1", "columns": [] }""", "schemaVersion", "whole number")]
    [DataRow("""{ "schemaVersion": 1 }""", "columns", "list")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "kind": "numerical" } ] }""", "columns[0].name", "is missing")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "age", "kind": "integer" } ] }""", "columns[0].kind (column 'age')", "'integer' is not a column kind")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "age", "kind": "numerical", "minimun": 0 } ] }""", "columns[0].minimun (column 'age')", "unknown key")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "age", "kind": "numerical", "categories": ["a"] } ] }""", "columns[0].categories (column 'age')", "does not apply to a numerical column")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "age", "kind": "numerical", "minimum": 5, "maximum": 1 } ] }""", "columns[0].minimum (column 'age')", "exceeds")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "age", "kind": "numerical", "maximum": "90" } ] }""", "columns[0].maximum (column 'age')", "finite number")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "age", "kind": "numerical", "integer": true, "roundingDigits": 2 } ] }""", "columns[0].roundingDigits (column 'age')", "integer column")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "plan", "kind": "categorical", "categories": ["a", "a"] } ] }""", "columns[0].categories (column 'plan')", "appears twice")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "plan", "kind": "categorical", "categories": [1, 2] } ] }""", "columns[0].categories (column 'plan')", "list of strings")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "code", "kind": "identifier", "pattern": "[A-" } ] }""", "columns[0].pattern (column 'code')", "not a regular expression")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "mail", "kind": "pii" } ] }""", "columns[0].piiType (column 'mail')", "is missing")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "mail", "kind": "pii", "piiType": "address" } ] }""", "columns[0].piiType (column 'mail')", "not a PII type")]
    [DataRow("""{ "schemaVersion": 1, "columns": [ { "name": "a", "kind": "boolean" }, { "name": "a", "kind": "duration" } ] }""", "columns[1].name", "declared twice")]
    public void Load_BadMetadata_ThrowsInvalidDataExceptionNamingTheKeyAndColumn(string json, string key, string problem)
    {
        var e = Assert.ThrowsExactly<InvalidDataException>(() => Parse(json));
        StringAssert.StartsWith(e.Message, key + ":");
        StringAssert.Contains(e.Message, problem);
    }

    [TestMethod]
    public void Load_MalformedFile_ThrowsNamingTheFileAndLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\n  \"schemaVersion\": 1,\n  \"columns\": [ { \"name\": \"a\" \"kind\": \"boolean\" } ]\n}\n");
        try
        {
            var e = Assert.ThrowsExactly<InvalidDataException>(() => TableMetadata.Load(path));
            StringAssert.StartsWith(e.Message, path + ": not valid JSON at line 3");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
