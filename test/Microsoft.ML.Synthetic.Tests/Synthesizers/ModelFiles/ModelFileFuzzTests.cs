namespace Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles;

/// <summary>
/// The fuzz test of every saved format: 1,000 truncations and byte flips of the whole file, 1,200 random mutations of
/// the body and a sweep of extreme Int32 and double values over every offset of its first 400 bytes (1,600 cases),
/// both under a recomputed, valid header (the part that reaches the validating parser). Run with
/// <c>--logger "console;verbosity=detailed"</c> to see the counts by outcome, the parts that rejected, the largest
/// allocation and the times.
/// </summary>
[TestClass]
public sealed class ModelFileFuzzTests
{
    private const int FileCases = 1_000;
    private const int BodyCases = 1_200;
    private const int SweepBytes = 400;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(ModelFileFixtures.Copula)]
    [DataRow(ModelFileFixtures.Tvae)]
    [DataRow(ModelFileFixtures.Ctgan)]
    [DataRow(ModelFileFixtures.DpTvae)]
    [DataRow(ModelFileFixtures.DpCtgan)]
    public void Load_FuzzedFile_EitherThrowsInvalidDataOrSamplesValidRows(string format)
    {
        var file = ModelFileFixtures.Bytes(format);
        var report = ModelFileFuzzer.Run(file, FileCases, BodyCases, SweepBytes, seed: 13, perCaseLimit: TimeSpan.FromSeconds(10));
        Console.WriteLine($"{format}: {report}");

        Assert.IsEmpty(report.Failures, $"{format}: {string.Join(Environment.NewLine, report.Failures.Take(5))}");
        Assert.AreEqual(FileCases + BodyCases + (4 * SweepBytes), report.Cases);
        // The body cases must exercise both sides of the validation: some mutations are rejected, some load.
        Assert.IsGreaterThan(BodyCases / 10, report.Count("body", "rejected"), report.ToString());
        Assert.IsGreaterThan(BodyCases / 20, report.Count("body", "loaded"), report.ToString());
        // Nothing a case allocates may be far beyond the file: a fixed few MiB of sampling buffers and tables, plus a multiple of the file.
        Assert.IsLessThan((8L << 20) + (32L * file.Length), report.LargestAllocation, report.ToString());
        // Native tensors are checked against the weight bytes in the file before they are made.
        Assert.IsLessThanOrEqualTo(file.Length, report.LargestNetwork, report.ToString());
    }
}
