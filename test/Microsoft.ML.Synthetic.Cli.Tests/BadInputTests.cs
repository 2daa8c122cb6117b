namespace Microsoft.ML.Synthetic.Cli.Tests;

/// <summary>Bad files and command lines: the exit code says which kind of problem, and the message names the file and the problem.</summary>
[TestClass]
public sealed class BadInputTests
{
    private static TestFolder s_folder = null!;

    [ClassInitialize]
    public static void CreateFolder(TestContext context) => s_folder = new TestFolder();

    [ClassCleanup]
    public static void DeleteFiles() => s_folder.Dispose();

    [TestMethod]
    public void Fit_MissingDataFile_ExitsWithInputErrorNamingTheFile()
    {
        var result = SynthmlProcess.Run(s_folder.Path, "fit", "no-such-table.csv", "-o", "m.model");
        Expect.Failure(result, 3, "no-such-table.csv", "no such file");
    }

    [TestMethod]
    public void Fit_RowWithTooManyFields_ExitsWithInputErrorNamingTheFileAndLine()
    {
        string bad = s_folder.Write("ragged.csv", "age,city\n30,Paris\n41,Lyon,extra\n");
        var result = SynthmlProcess.Run(s_folder.Path, "fit", bad, "-o", s_folder.File("ragged.model"));
        Expect.Failure(result, 3, "ragged.csv", "line 3");
        Assert.IsFalse(File.Exists(s_folder.File("ragged.model")));
    }

    [TestMethod]
    public void Fit_UnclosedQuote_ExitsWithInputErrorNamingTheFileAndLine()
    {
        string bad = s_folder.Write("quote.csv", "age,city\n30,\"Paris\n");
        var result = SynthmlProcess.Run(s_folder.Path, "fit", bad, "-o", s_folder.File("quote.model"));
        Expect.Failure(result, 3, "quote.csv", "line 2", "quoted field is not closed");
    }

    [TestMethod]
    public void Sample_TableGivenAsModel_ExitsWithInputErrorSayingItIsNotAModelFile()
    {
        var result = SynthmlProcess.Run(s_folder.Path, "sample", SynthmlProcess.AdultPath, "-n", "10", "-o", s_folder.File("out.csv"));
        Expect.Failure(result, 3, "adult.csv", "not a synthml model file");
    }

    [TestMethod]
    public void Inspect_TruncatedModelFile_ExitsWithInputErrorNamingTheFile()
    {
        var data = s_folder.AdultHead("head.csv", 200);
        string model = s_folder.File("whole.model");
        Assert.AreEqual(0, SynthmlProcess.Run(s_folder.Path, "fit", data, "--seed", "1", "-o", model).ExitCode);
        var bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(s_folder.File("cut.model"), bytes[..(bytes.Length / 2)]);
        var result = SynthmlProcess.Run(s_folder.Path, "inspect", s_folder.File("cut.model"));
        Expect.Failure(result, 3, "cut.model");
    }

    [TestMethod]
    public void Fit_WithoutOutput_ExitsWithUsageErrorNamingTheOption()
    {
        var result = SynthmlProcess.Run(s_folder.Path, "fit", SynthmlProcess.AdultPath);
        Expect.Failure(result, 2, "--output", "synthml fit --help");
    }

    [TestMethod]
    public void Fit_UnknownSynthesizer_ExitsWithUsageError()
    {
        var result = SynthmlProcess.Run(s_folder.Path, "fit", SynthmlProcess.AdultPath, "--synthesizer", "bayesnet", "-o", "m.model");
        Expect.Failure(result, 2, "bayesnet");
    }

    [TestMethod]
    public void Sample_UnknownOutputType_ExitsWithUsageErrorNamingTheFile()
    {
        var result = SynthmlProcess.Run(s_folder.Path, "sample", "any.model", "-n", "10", "-o", "out.xlsx");
        Expect.Failure(result, 2, "out.xlsx", ".csv");
    }
}
