namespace Microsoft.ML.Synthetic.Cli.Tests;

/// <summary>--metadata: declared column types change how the table is read and modelled; a bad file is named with the key at fault.</summary>
[TestClass]
public sealed class MetadataTests
{
    private static TestFolder s_folder = null!;
    private static string s_data = null!;

    [ClassInitialize]
    public static void WriteData(TestContext context)
    {
        s_folder = new TestFolder();
        s_data = s_folder.AdultHead("adult-head.csv", 1000);
    }

    [ClassCleanup]
    public static void DeleteFiles() => s_folder.Dispose();

    [TestMethod]
    public void Fit_MetadataDeclaresANumberColumnCategorical_ModelKeepsItsValuesAsCategories()
    {
        string model = FitEducationNumCategorical("edu", """{ "columns": [ { "name": "education-num", "type": "categorical" } ] }""");

        string rows = s_folder.File("edu.csv");
        Assert.AreEqual(0, SynthmlProcess.Run(s_folder.Path, "sample", model, "-n", "50", "--where", "education-num=13", "-o", rows).ExitCode);
        var (header, sampled) = CsvFile.Read(rows);
        Assert.IsTrue(sampled.All(r => r[Array.IndexOf(header, "education-num")] == "13"), "a category condition on the declared column");
    }

    [TestMethod]
    public void Fit_ExamplesAdultJson_IsAccepted()
    {
        var fit = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--metadata", Path.Combine(AppContext.BaseDirectory, "data", "adult.json"), "-o", s_folder.File("adultjson.model"));
        Assert.AreEqual(0, fit.ExitCode, fit.ToString());
    }

    [TestMethod]
    public void Fit_MetadataNamesAColumnNotInTheTable_ExitsWithInputErrorNamingFileKeyAndColumn()
    {
        string meta = s_folder.Write("typo.json", """{ "columns": [ { "name": "age", "type": "continuous" }, { "name": "incom", "type": "categorical" } ] }""");
        var result = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--metadata", meta, "-o", s_folder.File("typo.model"));
        Expect.Failure(result, 3, "typo.json", "columns[1].name", "'incom'", "adult-head.csv");
    }

    [TestMethod]
    public void Fit_MetadataUnknownColumnType_ExitsWithInputErrorNamingTheKey()
    {
        string meta = s_folder.Write("type.json", """{ "columns": [ { "name": "age", "type": "integer" } ] }""");
        var result = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--metadata", meta, "-o", s_folder.File("type.model"));
        Expect.Failure(result, 3, "type.json", "columns[0].type", "'integer'", "continuous");
    }

    [TestMethod]
    public void Fit_MetadataUnknownKey_ExitsWithInputErrorNamingTheKey()
    {
        string meta = s_folder.Write("key.json", """{ "colums": [] }""");
        var result = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--metadata", meta, "-o", s_folder.File("key.model"));
        Expect.Failure(result, 3, "key.json", "colums", "unknown key");
    }

    [TestMethod]
    public void Fit_MetadataNotJson_ExitsWithInputErrorNamingTheFileAndLine()
    {
        string meta = s_folder.Write("broken.json", "{\n  \"columns\": [\n    { \"name\": \"age\" \"type\": \"continuous\" }\n  ]\n}\n");
        var result = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--metadata", meta, "-o", s_folder.File("broken.model"));
        Expect.Failure(result, 3, "broken.json", "line 3");
    }

    [TestMethod]
    public void Fit_MetadataDeclaresTextColumnContinuous_ExitsWithInputErrorNamingTheColumnAndLine()
    {
        string meta = s_folder.Write("sex.json", """{ "columns": [ { "name": "sex", "type": "continuous" } ] }""");
        var result = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--metadata", meta, "-o", s_folder.File("sex.model"));
        Expect.Failure(result, 3, "adult-head.csv", "sex", "line 2");
    }

    [TestMethod]
    public void Fit_LibraryFormatWithReadingSettings_DeclaresColumnKinds()
    {
        FitEducationNumCategorical("library", """{ "schemaVersion": 1, "columns": [ { "name": "education-num", "kind": "categorical" }, { "name": "age", "kind": "numerical", "integer": true, "minimum": 0, "maximum": 120 } ], "missingTokens": ["?"] }""");
    }

    /// <summary>Fits with the metadata <paramref name="json"/> (which declares education-num categorical), checks that inspect shows it so, and returns the model file.</summary>
    private static string FitEducationNumCategorical(string name, string json)
    {
        string meta = s_folder.Write(name + ".json", json);
        string model = s_folder.File(name + ".model");
        var fit = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--metadata", meta, "--seed", "1", "-o", model);
        Assert.AreEqual(0, fit.ExitCode, fit.ToString());
        var inspect = SynthmlProcess.Run(s_folder.Path, "inspect", model);
        string line = inspect.Output.Split('\n').Single(l => l.StartsWith('│') && l.Contains(" education-num ", StringComparison.Ordinal));
        StringAssert.Contains(line, "categorical │ String", inspect.ToString());
        return model;
    }

    [TestMethod]
    public void Fit_LibraryFormatKeyOfAnotherKind_ExitsWithInputErrorNamingFileKeyAndColumn()
    {
        string meta = s_folder.Write("misplaced.json", """{ "schemaVersion": 1, "columns": [ { "name": "age", "kind": "numerical", "categories": ["1"] } ] }""");
        var result = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--metadata", meta, "-o", s_folder.File("misplaced.model"));
        Expect.Failure(result, 3, "misplaced.json", "columns[0].categories", "'age'", "does not apply to a numerical column");
    }

    [TestMethod]
    public void Fit_LibraryFormatDeclaresAKindSynthmlDoesNotModel_ExitsWithInputErrorNamingTheKey()
    {
        string meta = s_folder.Write("pii.json", """{ "schemaVersion": 1, "columns": [ { "name": "sex", "kind": "pii", "piiType": "name" } ] }""");
        var result = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--metadata", meta, "-o", s_folder.File("pii.model"));
        Expect.Failure(result, 3, "pii.json", "columns[0].kind", "'sex'", "numerical, categorical, boolean, datetime and duration");
    }
}
