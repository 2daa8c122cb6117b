using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>
/// The Gaussian copula's ONNX sampler: ONNX Runtime decodes noise as the library does, samples from it have the
/// library's column distributions, and the file passes the ONNX checker.
/// </summary>
[TestClass]
public sealed class GaussianCopulaOnnxTests
{
    private static readonly Lazy<GaussianCopulaModel> Adult = new(() =>
    {
        var ml = new MLContext(seed: 1);
        return ml.Synthetic().Synthesizers.GaussianCopula(seed: 7).Fit(TestData.LoadAdult(ml));
    });

    /// <summary>Every marginal family forced on one column, a Double column with missing values, an Int32 column.</summary>
    private static readonly Lazy<GaussianCopulaModel> Families = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = new List<FamilyRow>();
        for (int i = 0; i < 3000; i++)
        {
            double common = Normal(random);
            double Mix() => (0.6 * common) + (0.8 * Normal(random));
            double u = StandardNormal.Cdf(Mix());
            double truncated;
            do
            {
                truncated = 5 + (1.5 * Mix());
            }
            while (truncated < 4 || truncated > 7);
            rows.Add(new FamilyRow
            {
                Normal = random.NextDouble() < 0.1 ? double.NaN : 10 + (2 * Mix()),
                Truncated = (float)truncated,
                Beta = u * u,
                Gamma = -Math.Log(1 - StandardNormal.Cdf(Mix())),
                Uniform = 3 * StandardNormal.Cdf(Mix()),
                Count = (int)Math.Floor(Math.Exp(1 + (0.7 * Mix()))),
                Colour = u < 0.5 ? "red" : u < 0.8 ? "green" : "blue",
            });
        }

        var options = new GaussianCopulaOptions
        {
            Seed = 5,
            ColumnMarginals =
            {
                ["Normal"] = MarginalKind.Normal,
                ["Truncated"] = MarginalKind.TruncatedNormal,
                ["Beta"] = MarginalKind.Beta,
                ["Gamma"] = MarginalKind.Gamma,
                ["Uniform"] = MarginalKind.Uniform,
                ["Count"] = MarginalKind.Empirical,
            },
        };
        return ml.Synthetic().Synthesizers.GaussianCopula(options).Fit(ml.Data.LoadFromEnumerable(rows));
    });

    [TestMethod]
    public void SameNoise_OnnxRuntimeEqualsTheLibrarysDecoding_OnAdult()
    {
        var model = Adult.Value;
        AssertParity(model, rowCount: 20_000, seed: 11);
    }

    [TestMethod]
    public void SameNoise_OnnxRuntimeEqualsTheLibrarysDecoding_ForEveryMarginalFamilyMissingValuesAndIntegers()
    {
        var model = Families.Value;
        var kinds = model.Columns.Where(c => c.Marginal is not null).Select(c => c.Marginal!.Value).ToHashSet();
        foreach (var kind in new[] { MarginalKind.Normal, MarginalKind.TruncatedNormal, MarginalKind.Beta, MarginalKind.Gamma, MarginalKind.Uniform, MarginalKind.Empirical })
        {
            Assert.Contains(kind, kinds, $"the fitted test model should use the {kind} marginal");
        }

        Assert.IsGreaterThan(0.05, model.Columns.Single(c => c.Name == "Normal").MissingRate);
        var outputs = AssertParity(model, rowCount: 20_000, seed: 12);
        Assert.IsInstanceOfType<double[]>(outputs["Normal"]);
        Assert.IsInstanceOfType<float[]>(outputs["Truncated"]);
        Assert.IsInstanceOfType<double[]>(outputs["Count"]);
        Assert.IsTrue(((double[])outputs["Normal"]).Any(double.IsNaN), "missing values come out as NaN");
        Assert.IsTrue(((double[])outputs["Count"]).All(x => x == Math.Round(x)), "the Int32 column comes out whole");
    }

    [TestMethod]
    public void DecodeNoise_OfSamplerNoise_IsTheLibrarysOwnSample_AcrossBlocks()
    {
        // The unconditional sampler decodes row i from the noise of (seed, i); decoding SamplerNoise for the same rows
        // must give the sampled rows exactly, over a block boundary (8,192) and from a row range inside the sample.
        var model = Families.Value;
        const int rows = 10_000, seed = 21;
        AssertSameRows(model.SampleTable(rows, null, seed), model.DecodeNoise(model.SamplerNoise(0, rows, seed), rows));
        var range = model.SampleTable(8_500, null, seed).SelectRows(Enumerable.Range(8_000, 500).ToArray());
        AssertSameRows(range, model.DecodeNoise(model.SamplerNoise(8_000, 500, seed), 500));
        CollectionAssert.AreEqual(model.SamplerNoise(0, 3, model.Seed), model.SamplerNoise(0, 3), "the model's seed by default");
    }

    [TestMethod]
    public void PartitionNoise_ThroughTheOnnxGraph_ConcatenatesToTheWholeSample()
    {
        // A partitioned engine: each partition computes its rows' noise from (seed, row) and scores the graph alone.
        var model = Families.Value;
        const int seed = 33, total = 12_001;
        int d = model.Dimension;
        byte[] graph = Export(model);
        int[] cuts = [0, 2_500, 8_192, 9_000, total];
        var parts = new List<Dictionary<string, Array>>();
        for (int p = cuts.Length - 2; p >= 0; p--)
        {
            int count = cuts[p + 1] - cuts[p];
            parts.Insert(0, Run(graph, model.SamplerNoise(cuts[p], count, seed), count));
        }

        var whole = Run(graph, model.SamplerNoise(0, total, seed), total);
        var library = model.SampleTable(total, null, seed);
        var expected = model.DecodeNoise(model.SamplerNoise(0, total, seed), total);
        AssertSameRows(library, expected);
        foreach (var (name, all) in whole)
        {
            var joined = Array.CreateInstance(all.GetType().GetElementType()!, total);
            int at = 0;
            foreach (var part in parts)
            {
                Array.Copy(part[name], 0, joined, at, part[name].Length);
                at += part[name].Length;
            }

            CollectionAssert.AreEqual(all, joined, $"{name}: the partitions' outputs joined are the whole graph's");
        }

        // And the graph's rows are the library's sample (as in AssertParity: continuous to 1e-4 relative, categories identical).
        foreach (var column in library.Columns)
        {
            switch (column)
            {
                case ContinuousColumn c:
                    var values = c.Values.ToArray();
                    var onnx = whole[c.Name] switch { float[] f => f.Select(x => (double)x).ToArray(), double[] v => v, var other => throw new AssertFailedException(other.GetType().Name) };
                    for (int i = 0; i < total; i++)
                    {
                        Assert.AreEqual(double.IsNaN(values[i]), double.IsNaN(onnx[i]), $"{c.Name} row {i}");
                        if (!double.IsNaN(values[i]))
                        {
                            Assert.AreEqual(values[i], onnx[i], 1e-4 * Math.Max(1, Math.Abs(values[i])), $"{c.Name} row {i}");
                        }
                    }

                    break;
                case CategoricalColumn c:
                    string missing = model.TableSchema.Columns.Single(i => i.Name == c.Name).MissingText ?? "";
                    CollectionAssert.AreEqual(c.Codes.ToArray().Select(code => code < 0 ? missing : c.Categories[code]).ToArray(), (string[])whole[c.Name], c.Name);
                    break;
            }
        }

        Assert.AreEqual(d, model.LatentNames.Count);
    }

    private static void AssertSameRows(TabularData expected, TabularData actual)
    {
        Assert.AreEqual(expected.RowCount, actual.RowCount);
        for (int c = 0; c < expected.Columns.Count; c++)
        {
            switch (expected.Columns[c])
            {
                case ContinuousColumn s:
                    CollectionAssert.AreEqual(s.Values.ToArray(), ((ContinuousColumn)actual.Columns[c]).Values.ToArray(), s.Name);
                    break;
                case CategoricalColumn s:
                    CollectionAssert.AreEqual(s.Codes.ToArray(), ((CategoricalColumn)actual.Columns[c]).Codes.ToArray(), s.Name);
                    break;
            }
        }
    }

    [TestMethod]
    public void OnnxSamples_HaveTheLibrarysColumnDistributions_OnAdult()
    {
        var model = Adult.Value;
        const int rows = 100_000;
        var noise = new double[rows * model.Dimension];
        ZigguratNormal.Fill(Xoshiro256StarStar.From(new Random(31)), noise);
        var onnx = Run(Export(model), noise, rows);
        var library = model.SampleTable(rows, null, 32);
        foreach (var column in library.Columns)
        {
            switch (column)
            {
                case ContinuousColumn c:
                    double ks = TwoSampleKs(c.Values.ToArray(), ((float[])onnx[c.Name]).Select(x => (double)x).ToArray());
                    Console.WriteLine($"{c.Name}: KS {ks:F4}");
                    Assert.IsLessThanOrEqualTo(0.02, ks, $"{c.Name}: KS distance {ks:F4}");
                    break;
                case CategoricalColumn c:
                    var text = (string[])onnx[c.Name];
                    string missing = model.TableSchema.Columns.Single(i => i.Name == c.Name).MissingText ?? "";
                    var libraryCounts = c.Codes.ToArray().GroupBy(code => code < 0 ? missing : c.Categories[code]).ToDictionary(g => g.Key, g => g.Count());
                    var onnxCounts = text.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
                    double worst = libraryCounts.Keys.Union(onnxCounts.Keys)
                        .Max(k => Math.Abs(libraryCounts.GetValueOrDefault(k) - onnxCounts.GetValueOrDefault(k)) / (double)rows);
                    Console.WriteLine($"{c.Name}: largest frequency difference {worst * 100:F2} pp");
                    Assert.IsLessThanOrEqualTo(0.01, worst, $"{c.Name}: frequencies differ by {worst * 100:F2} pp");
                    Assert.IsTrue(onnxCounts.Keys.All(k => k == missing || c.Categories.Contains(k)), $"{c.Name}: ONNX produced a category the column does not have");
                    break;
            }
        }
    }

    [TestMethod]
    public void SamplerFiles_PassTheOnnxChecker()
    {
        if (!OnnxChainExportTests.PythonOnnxAvailable(out string why))
        {
            MissingTool.EndTest($"The ONNX checker is not available: {why}. Install Debian's python3-onnx to run this test.");
        }

        string folder = Path.Combine(Path.GetTempPath(), $"onnx-copula-checker-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var files = new[] { ("adult", Adult.Value), ("families", Families.Value) }.Select(m =>
            {
                string path = Path.Combine(folder, m.Item1 + ".onnx");
                File.WriteAllBytes(path, Export(m.Item2));
                return path;
            }).ToList();
            const string script = "import sys, onnx\nfor p in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(p), full_check=True)\n    print('ok', p)\n";
            var (code, output) = OnnxChainExportTests.RunPython(["-c", script, .. files]);
            Assert.AreEqual(0, code, output);
            Assert.AreEqual(files.Count, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)), output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Decodes the same noise in the library and in ONNX Runtime and compares every column.</summary>
    private static Dictionary<string, Array> AssertParity(GaussianCopulaModel model, int rowCount, int seed)
    {
        var noise = new double[rowCount * model.Dimension];
        ZigguratNormal.Fill(Xoshiro256StarStar.From(new Random(seed)), noise);
        var expected = model.DecodeNoise(noise, rowCount);
        var outputs = Run(Export(model), noise, rowCount);
        Assert.HasCount(expected.Columns.Count, outputs);
        foreach (var column in expected.Columns)
        {
            switch (column)
            {
                case ContinuousColumn c:
                    var actual = outputs[c.Name] switch
                    {
                        float[] f => f.Select(x => (double)x).ToArray(),
                        double[] d => d,
                        var other => throw new AssertFailedException($"{c.Name}: unexpected output {other.GetType()}"),
                    };
                    var values = c.Values.ToArray();
                    Assert.HasCount(rowCount, actual, c.Name);
                    double worst = 0;
                    for (int i = 0; i < rowCount; i++)
                    {
                        Assert.AreEqual(double.IsNaN(values[i]), double.IsNaN(actual[i]), $"{c.Name} row {i}: missing in one only");
                        if (!double.IsNaN(values[i]))
                        {
                            worst = Math.Max(worst, Math.Abs(values[i] - actual[i]) / Math.Max(1, Math.Abs(values[i])));
                        }
                    }

                    Console.WriteLine($"{c.Name}: largest relative |library - ONNX| = {worst:g3}");
                    Assert.IsLessThanOrEqualTo(1e-4, worst, $"{c.Name}: largest relative difference {worst:g3}");
                    break;
                case CategoricalColumn c:
                    var text = (string[])outputs[c.Name];
                    string missing = model.TableSchema.Columns.Single(i => i.Name == c.Name).MissingText ?? "";
                    CollectionAssert.AreEqual(c.Codes.ToArray().Select(code => code < 0 ? missing : c.Categories[code]).ToArray(), text, c.Name);
                    break;
            }
        }

        return outputs;
    }

    private static byte[] Export(GaussianCopulaModel model)
    {
        using var stream = new MemoryStream();
        new MLContext().Synthetic().ConvertToOnnx(model, stream);
        return stream.ToArray();
    }

    private static Dictionary<string, Array> Run(byte[] file, double[] noise, int rows)
    {
        using var session = new InferenceSession(file);
        var input = session.InputMetadata.Single();
        Assert.AreEqual("noise", input.Key);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<double>(noise, [rows, noise.Length / rows]))]);
        return results.ToDictionary(r => r.Name, r => r.Value switch
        {
            Tensor<float> f => (Array)f.ToArray(),
            Tensor<double> d => d.ToArray(),
            Tensor<string> s => s.ToArray(),
            var other => throw new AssertFailedException($"unexpected output {r.Name} of {other.GetType()}"),
        });
    }

    /// <summary>The two-sample Kolmogorov–Smirnov distance sup |F₁ − F₂| (NaNs left out).</summary>
    private static double TwoSampleKs(double[] a, double[] b)
    {
        a = [.. a.Where(x => !double.IsNaN(x)).Order()];
        b = [.. b.Where(x => !double.IsNaN(x)).Order()];
        int i = 0, j = 0;
        double worst = 0;
        while (i < a.Length && j < b.Length)
        {
            double x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x) i++;
            while (j < b.Length && b[j] <= x) j++;
            worst = Math.Max(worst, Math.Abs(((double)i / a.Length) - ((double)j / b.Length)));
        }

        return worst;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed class FamilyRow
    {
        public double Normal { get; set; }
        public float Truncated { get; set; }
        public double Beta { get; set; }
        public double Gamma { get; set; }
        public double Uniform { get; set; }
        public int Count { get; set; }
        public string Colour { get; set; } = "";
    }
}
