namespace Microsoft.ML.Synthetic.Cli.Tests;

/// <summary><c>synthml cluster sample</c>: sampling on Orleans silos started in the tool's process.</summary>
[TestClass]
public sealed class ClusterTests
{
    [TestMethod]
    public void ClusterSample_ThreeLocalSilos_WritesEveryShardOnceWithAllRows()
    {
        using var folder = new TestFolder();
        string training = folder.AdultHead("adult-head.csv", 1000), model = folder.File("adult.model"), output = folder.File("out");
        var fit = SynthmlProcess.Run(folder.Path, "fit", training, "--synthesizer", "copula", "--seed", "1", "-o", model);
        Assert.AreEqual(0, fit.ExitCode, fit.ToString());

        var run = SynthmlProcess.Run(folder.Path, "cluster", "sample", model, "-n", "20001", "--shards", "3", "-o", output, "--seed", "7", "--local-silos", "3");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "20001 rows in 3 shards");
        CollectionAssert.AreEquivalent(new[] { "part-00000.parquet", "part-00001.parquet", "part-00002.parquet" },
            Directory.GetFiles(output).Select(Path.GetFileName).ToArray());

        // The shards are the partitions of a cluster fit; its model samples like any other.
        string refit = folder.File("refit.model");
        var fitOnCluster = SynthmlProcess.Run(folder.Path, ["cluster", "fit", .. Directory.GetFiles(output).Order(), "-o", refit, "--seed", "2", "--local-silos", "2"]);
        Assert.AreEqual(0, fitOnCluster.ExitCode, fitOnCluster.ToString());
        StringAssert.Contains(fitOnCluster.Output, "fitted on 3 Parquet files");
        var sample = SynthmlProcess.Run(folder.Path, "sample", refit, "-n", "100", "-o", folder.File("refit.csv"));
        Assert.AreEqual(0, sample.ExitCode, sample.ToString());
    }

    [TestMethod]
    public void ClusterSample_NeitherLocalSilosNorGateway_IsAUsageError()
    {
        using var folder = new TestFolder();
        var run = SynthmlProcess.Run(folder.Path, "cluster", "sample", folder.File("missing.model"), "-n", "10", "--shards", "2", "-o", folder.File("out"));
        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "--local-silos");
    }
}
