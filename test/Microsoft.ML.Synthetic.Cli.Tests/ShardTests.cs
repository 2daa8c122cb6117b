namespace Microsoft.ML.Synthetic.Cli.Tests;

/// <summary><c>synthml sample --shard k/n</c>: shards written separately join to the unsharded file's exact bytes.</summary>
[TestClass]
public sealed class ShardTests
{
    [TestMethod]
    public void SampleWithShard_ThreeShardCsvsJoinedWithoutRepeatedHeaders_EqualTheUnshardedOutput()
    {
        using var folder = new TestFolder();
        string training = folder.AdultHead("adult-head.csv", 2000), model = folder.File("adult.model");
        var fit = SynthmlProcess.Run(folder.Path, "fit", training, "--synthesizer", "copula", "--seed", "1", "-o", model);
        Assert.AreEqual(0, fit.ExitCode, fit.ToString());

        // 20,001 rows: three blocks of 8,192, 8,192 and 3,617 rows, one per shard.
        string whole = folder.File("whole.csv");
        var sample = SynthmlProcess.Run(folder.Path, "sample", model, "-n", "20001", "--seed", "7", "-o", whole);
        Assert.AreEqual(0, sample.ExitCode, sample.ToString());

        var joined = new System.Text.StringBuilder();
        foreach (int k in new[] { 2, 0, 1 })
        {
            var shard = SynthmlProcess.Run(folder.Path, "sample", model, "-n", "20001", "--seed", "7", "--shard", $"{k}/3", "-o", folder.File($"shard{k}.csv"));
            Assert.AreEqual(0, shard.ExitCode, shard.ToString());
            StringAssert.Contains(shard.Output, $"shard {k}/3");
        }

        for (int k = 0; k < 3; k++)
        {
            string text = File.ReadAllText(folder.File($"shard{k}.csv"));
            joined.Append(k == 0 ? text : text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        }

        string expected = File.ReadAllText(whole);
        Assert.AreEqual(20002, expected.Count(c => c == '\n'), "the header and 20,001 rows");
        Assert.AreEqual(expected, joined.ToString());
    }

    [TestMethod]
    [DataRow("3/3")]
    [DataRow("1")]
    [DataRow("-1/2")]
    public void SampleWithShard_NotKOfN_IsAUsageErrorSayingTheForm(string shard)
    {
        using var folder = new TestFolder();
        var run = SynthmlProcess.Run(folder.Path, "sample", folder.File("missing.model"), "-n", "10", "--shard", shard, "-o", folder.File("out.csv"));
        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "--shard must be k/n");
    }
}
