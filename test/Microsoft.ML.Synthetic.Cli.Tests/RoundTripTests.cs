using System.Globalization;
using System.Text.Json;

namespace Microsoft.ML.Synthetic.Cli.Tests;

/// <summary>fit → sample → evaluate → inspect on examples/data/adult.csv with the built tool; the copula is fitted once for the class.</summary>
[TestClass]
public sealed class RoundTripTests
{
    private static TestFolder s_folder = null!;
    private static string s_model = null!;

    [ClassInitialize]
    public static void FitOnce(TestContext context)
    {
        s_folder = new TestFolder();
        s_model = s_folder.File("adult.model");
        var fit = SynthmlProcess.Run(s_folder.Path, "fit", SynthmlProcess.AdultPath, "--synthesizer", "copula", "--seed", "1", "-o", s_model);
        Assert.AreEqual(0, fit.ExitCode, fit.ToString());
        Assert.IsTrue(File.Exists(s_model), fit.ToString());
    }

    [ClassCleanup]
    public static void DeleteFiles() => s_folder.Dispose();

    [TestMethod]
    public void FitSampleEvaluate_OnAdult_WritesRowsWithAdultsColumnsAndAReportThatScoresThem()
    {
        string fake = s_folder.File("fake.csv");
        var sample = SynthmlProcess.Run(s_folder.Path, "sample", s_model, "-n", "2000", "--seed", "7", "-o", fake);
        Assert.AreEqual(0, sample.ExitCode, sample.ToString());
        var (header, rows) = CsvFile.Read(fake);
        CollectionAssert.AreEqual(File.ReadLines(SynthmlProcess.AdultPath).First().Split(','), header);
        Assert.AreEqual(2000, rows.Count);
        Assert.IsTrue(rows.All(r => r.Length == header.Length));

        string report = s_folder.File("report.json");
        var evaluate = SynthmlProcess.Run(s_folder.Path, "evaluate", SynthmlProcess.AdultPath, fake, "--quick", "--seed", "3", "-o", report);
        Assert.AreEqual(0, evaluate.ExitCode, evaluate.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var root = json.RootElement;
        Assert.AreEqual(File.ReadLines(SynthmlProcess.AdultPath).Count() - 1, root.GetProperty("realRows").GetInt32());
        Assert.AreEqual(2000, root.GetProperty("syntheticRows").GetInt32());
        double overall = root.GetProperty("overallQuality").GetDouble();
        // A copula keeps every marginal and the pairwise dependence: Adult scores above 0.85 (0.96 measured); rows
        // with columns mixed up or wrong categories would not.
        Assert.IsTrue(overall is > 0.85 and <= 1, $"overall quality {overall}");
        StringAssert.Contains(evaluate.Output, "fidelity.overall");
        StringAssert.Contains(evaluate.Output, overall.ToString("0.####", CultureInfo.InvariantCulture), "the printed headline score is the report's");
    }

    [TestMethod]
    public void SampleToParquet_ThenEvaluateIt_ReadsBackTheRowsAndColumnsTheCsvHas()
    {
        string csv = s_folder.File("same.csv"), parquet = s_folder.File("same.parquet");
        Assert.AreEqual(0, SynthmlProcess.Run(s_folder.Path, "sample", s_model, "-n", "500", "--seed", "5", "-o", csv).ExitCode);
        var sample = SynthmlProcess.Run(s_folder.Path, "sample", s_model, "-n", "500", "--seed", "5", "-o", parquet);
        Assert.AreEqual(0, sample.ExitCode, sample.ToString());
        Assert.IsFalse(File.Exists(parquet + ".partial"));

        string report = s_folder.File("parquet-report.json");
        var evaluate = SynthmlProcess.Run(s_folder.Path, "evaluate", csv, parquet, "--quick", "--seed", "3", "-o", report);
        Assert.AreEqual(0, evaluate.ExitCode, evaluate.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.AreEqual(500, json.RootElement.GetProperty("syntheticRows").GetInt32());
        // The same seed gives the same rows in either format, so the Parquet copy must score as the CSV itself would.
        double overall = json.RootElement.GetProperty("overallQuality").GetDouble();
        Assert.IsTrue(overall > 0.99, $"the Parquet rows equal the CSV rows: overall quality {overall}");
    }

    [TestMethod]
    public void FitArf_ThenSampleWithACondition_WritesRowsMeetingIt_AndInspectNamesTheModel()
    {
        string model = s_folder.File("adult-arf.model"), rich = s_folder.File("arf-rich.csv");
        var fit = SynthmlProcess.Run(s_folder.Path, "fit", SynthmlProcess.AdultPath, "--synthesizer", "arf", "--seed", "1", "-o", model);
        Assert.AreEqual(0, fit.ExitCode, fit.ToString());
        var sample = SynthmlProcess.Run(s_folder.Path, "sample", model, "-n", "300", "--seed", "7", "-o", rich, "--where", "income=>50K");
        Assert.AreEqual(0, sample.ExitCode, sample.ToString());
        var (header, rows) = CsvFile.Read(rich);
        int income = Array.IndexOf(header, "income");
        Assert.AreEqual(300, rows.Count);
        Assert.IsTrue(rows.All(r => r[income].Trim() == ">50K"), "ARF honours a category condition exactly");
        StringAssert.Contains(SynthmlProcess.Run(s_folder.Path, "inspect", model).Output, "adversarial random forest");
    }

    [TestMethod]
    public void Sample_SameSeedTwice_WritesIdenticalFiles()
    {
        string a = s_folder.File("seed-a.csv"), b = s_folder.File("seed-b.csv");
        Assert.AreEqual(0, SynthmlProcess.Run(s_folder.Path, "sample", s_model, "-n", "300", "--seed", "11", "-o", a).ExitCode);
        Assert.AreEqual(0, SynthmlProcess.Run(s_folder.Path, "sample", s_model, "-n", "300", "--seed", "11", "-o", b).ExitCode);
        CollectionAssert.AreEqual(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [TestMethod]
    public void Sample_WhereCategoryAndRange_EveryRowSatisfiesBoth()
    {
        string rich = s_folder.File("rich.csv");
        var result = SynthmlProcess.Run(s_folder.Path, "sample", s_model, "-n", "500", "--seed", "7", "-o", rich,
            "--where", "income=>50K", "--where", "age=30..40");
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var (header, rows) = CsvFile.Read(rich);
        int income = Array.IndexOf(header, "income"), age = Array.IndexOf(header, "age");
        Assert.AreEqual(500, rows.Count);
        // About 24 % of Adult earns >50K, so 500 unconditioned rows would not all do.
        Assert.IsTrue(rows.All(r => r[income] == ">50K"), "every row has income >50K");
        Assert.IsTrue(rows.All(r => double.Parse(r[age], CultureInfo.InvariantCulture) is >= 30 and <= 40), "every age is in [30, 40]");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public void Sample_TerminatedWhileWriting_Exits130AndLeavesNoFile()
    {
        string output = s_folder.File("huge.csv");
        using var process = SynthmlProcess.Start(s_folder.Path, "sample", s_model, "-n", "100000000", "-o", output);
        var stdout = process.StandardOutput.ReadToEndAsync();
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null && !line.Contains("Sampling 100000000 rows", StringComparison.Ordinal))
        {
        }

        Assert.IsNotNull(line, "the tool says it is sampling");
        Thread.Sleep(1000);
        SynthmlProcess.Terminate(process);
        string error = process.StandardError.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(30)), "the tool stops after the signal");
        Assert.AreEqual(130, process.ExitCode, error + stdout.Result);
        Assert.IsFalse(File.Exists(output) || File.Exists(output + ".partial"), "no output file is left");
    }

    [TestMethod]
    public void Sample_WhereUnknownColumn_ExitsWithUsageErrorNamingTheColumnAndListingTheModelsColumns()
    {
        var result = SynthmlProcess.Run(s_folder.Path, "sample", s_model, "-n", "10", "-o", s_folder.File("x.csv"), "--where", "incme=>50K");
        Expect.Failure(result, 2, "'incme'", "adult.model", "native-country");
        Assert.IsFalse(File.Exists(s_folder.File("x.csv")));
    }

    [TestMethod]
    public void Sample_WhereUnknownCategory_ExitsWithUsageErrorNamingTheValueAndTheKnownOnes()
    {
        var result = SynthmlProcess.Run(s_folder.Path, "sample", s_model, "-n", "10", "-o", s_folder.File("y.csv"), "--where", "income=>60K");
        Expect.Failure(result, 2, "'>60K'", "income", ">50K");
    }

    [TestMethod]
    public void Inspect_CopulaModel_PrintsKindEveryColumnWithItsKindAndTypeAndNoPrivacyLedger()
    {
        var result = SynthmlProcess.Run(s_folder.Path, "inspect", s_model);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "Gaussian copula, 15 columns");
        var lines = result.Output.Split('\n');
        foreach (string column in File.ReadLines(SynthmlProcess.AdultPath).First().Split(','))
        {
            var line = lines.Single(l => l.Contains($" {column} ", StringComparison.Ordinal) && l.StartsWith('│'));
            StringAssert.Contains(line, column is "age" or "fnlwgt" or "education-num" or "capital-gain" or "capital-loss" or "hours-per-week"
                ? "continuous  │ Single" : "categorical │ String", line);
        }

        StringAssert.Contains(result.Output, "Strongest latent correlations:");
        StringAssert.Contains(result.Output, "not trained with differential privacy");
    }
}
