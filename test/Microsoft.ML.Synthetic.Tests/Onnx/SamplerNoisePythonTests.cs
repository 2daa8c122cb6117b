using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>
/// The Python (numpy) noise function of the ONNX README's Spark section, run as printed there, gives Random123's
/// known answers and the library's own row noise (<see cref="RowNoise"/>), so a partitioned engine can reproduce it.
/// </summary>
[TestClass]
public sealed partial class SamplerNoisePythonTests
{
    [TestMethod]
    public void ReadmePythonNoise_MatchesTheKnownAnswersAndTheLibrarysNoise()
    {
        var (available, _) = OnnxChainExportTests.RunPython(["-c", "import numpy"]);
        if (!File.Exists("/usr/bin/python3") || available != 0)
        {
            MissingTool.EndTest("Python's numpy is not available at /usr/bin/python3. Install Debian's python3-numpy (python3-onnx brings it) to run this test.");
        }

        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Microsoft.ML.Synthetic", "Onnx", "README.md"));
        int section = readme.IndexOf("### Spark (or any partitioned engine)", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, section, "the README has the Spark section");
        var code = PythonBlock().Match(readme, section);
        Assert.IsTrue(code.Success, "the Spark section has a python block");
        const string driver = """

            kats = [((0, 0, 0, 0), (0, 0)), ((0xFFFFFFFF,) * 4, (0xFFFFFFFF,) * 2),
                    ((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0))]
            for c, k in kats:
                print("kat", " ".join("%08x" % int(w[0]) for w in philox4x32_10(*[[x] for x in c], *k)))
            for seed, first, count, d in [(7, 8190, 2000, 5), (-3, 2**40, 300, 4), (123456789, 0, 10, 1)]:
                n = sampler_noise(seed, first, count, d)
                print("noise", seed, first, count, d, " ".join("%016x" % int(x) for x in n.reshape(-1).view(np.uint64)))
            """;
        var (exit, output) = OnnxChainExportTests.RunPython(["-c", code.Groups[1].Value + driver]);
        Assert.AreEqual(0, exit, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] expectedKats = ["6627e8d5 e169c58d bc57ac4c 9b00dbd8", "408f276d 41c83b0e a20bc7c6 6d5451fd", "d16cfe09 94fdcceb 5001e420 24126ea1"];
        CollectionAssert.AreEqual(expectedKats, lines.Where(l => l.StartsWith("kat ", StringComparison.Ordinal)).Select(l => l[4..]).ToArray());

        int values = 0, identical = 0;
        long worstUlps = 0;
        foreach (var line in lines.Where(l => l.StartsWith("noise ", StringComparison.Ordinal)))
        {
            var fields = line.Split(' ');
            int seed = int.Parse(fields[1], CultureInfo.InvariantCulture), count = int.Parse(fields[3], CultureInfo.InvariantCulture), d = int.Parse(fields[4], CultureInfo.InvariantCulture);
            long first = long.Parse(fields[2], CultureInfo.InvariantCulture);
            var expected = new double[count * d];
            RowNoise.Fill(seed, first, count, d, expected);
            var python = fields[5..].Select(h => BitConverter.Int64BitsToDouble((long)ulong.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToArray();
            Assert.HasCount(expected.Length, python, line[..40]);
            for (int i = 0; i < expected.Length; i++)
            {
                long ulps = Math.Abs(BitConverter.DoubleToInt64Bits(expected[i]) - BitConverter.DoubleToInt64Bits(python[i]));
                worstUlps = Math.Max(worstUlps, ulps);
                identical += ulps == 0 ? 1 : 0;
                values++;
            }
        }

        Console.WriteLine($"numpy vs library noise: {identical} of {values} values bit-identical, largest difference {worstUlps} ulp");
        Assert.AreEqual(2000 * 5 + 300 * 4 + 10, values);
        // numpy's log/sin/cos may differ from the C runtime's in the last bit on some CPUs; nothing more.
        Assert.IsLessThanOrEqualTo(4L, worstUlps, $"largest difference {worstUlps} ulp");
    }

    [GeneratedRegex("```python\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SyntheticML.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No SyntheticML.sln above {AppContext.BaseDirectory}: run the tests from the repository's build output.");
    }
}
