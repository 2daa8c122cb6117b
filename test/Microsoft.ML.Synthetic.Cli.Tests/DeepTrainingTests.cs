namespace Microsoft.ML.Synthetic.Cli.Tests;

/// <summary>Deep synthesizers through the tool: training progress is shown, and a termination signal stops training cleanly.</summary>
[TestClass]
public sealed class DeepTrainingTests
{
    private static TestFolder s_folder = null!;
    private static string s_data = null!;

    [ClassInitialize]
    public static void WriteData(TestContext context)
    {
        s_folder = new TestFolder();
        s_data = s_folder.AdultHead("adult-300.csv", 300);
    }

    [ClassCleanup]
    public static void DeleteFiles() => s_folder.Dispose();

    [TestMethod]
    public void Fit_Tvae_ReportsEveryEpochWithItsLossesAndSavesAModelThatSamples()
    {
        string model = s_folder.File("tvae.model");
        var fit = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--synthesizer", "tvae", "--epochs", "2", "--seed", "1", "-o", model);
        Assert.AreEqual(0, fit.ExitCode, fit.ToString());
        StringAssert.Contains(fit.Error, "TVAE epoch 1/2: reconstruction");
        StringAssert.Contains(fit.Error, "TVAE epoch 2/2: reconstruction");
        StringAssert.Contains(fit.Output, "TVAE with 15 columns");

        string rows = s_folder.File("tvae.csv");
        Assert.AreEqual(0, SynthmlProcess.Run(s_folder.Path, "sample", model, "-n", "100", "-o", rows).ExitCode);
        Assert.AreEqual(101, File.ReadAllLines(rows).Length);
    }

    [TestMethod]
    public void Fit_Diffusion_ReportsEveryEpochAndSavesAModelThatSamples()
    {
        string model = s_folder.File("diffusion.model");
        var fit = SynthmlProcess.Run(s_folder.Path, "fit", s_data, "--synthesizer", "diffusion", "--epochs", "2", "--seed", "1", "-o", model);
        Assert.AreEqual(0, fit.ExitCode, fit.ToString());
        StringAssert.Contains(fit.Error, "Diffusion epoch 2/2");
        StringAssert.Contains(fit.Output, "diffusion (TabDDPM) with 15 columns");

        string rows = s_folder.File("diffusion.csv");
        Assert.AreEqual(0, SynthmlProcess.Run(s_folder.Path, "sample", model, "-n", "50", "--seed", "3", "-o", rows).ExitCode);
        Assert.AreEqual(51, File.ReadAllLines(rows).Length);
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public void Fit_TerminatedDuringTraining_StopsWithExitCode130AndLeavesNoModelFile()
    {
        string model = s_folder.File("stopped.model");
        using var process = SynthmlProcess.Start(s_folder.Path, "fit", s_data, "--synthesizer", "ctgan", "--epochs", "100000", "-o", model);
        var output = process.StandardOutput.ReadToEndAsync();
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null && !line.Contains("CTGAN epoch 1/", StringComparison.Ordinal))
        {
        }

        Assert.IsNotNull(line, "the tool reports the first epoch");
        SynthmlProcess.Terminate(process);
        string error = process.StandardError.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(30)), "the tool stops after the signal");
        // 130 is the tool's own exit code for a cancelled command: the signal cancelled training (within the tool's
        // 10 s grace period) instead of ending the process (143).
        Assert.AreEqual(130, process.ExitCode, error + output.Result);
        StringAssert.Contains(error, "cancelled");
        Assert.IsFalse(File.Exists(model) || File.Exists(model + ".partial"), "no model file is left");
    }
}
