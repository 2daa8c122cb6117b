using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>
/// The TVAE and CTGAN ONNX samplers: ONNX Runtime turns given noise into the rows the library's own decoding makes
/// of it (continuous within 1e-4 relative, categories and missing values identical), fresh noise gives the model's
/// own distributions, and the files pass the ONNX checker.
/// </summary>
[TestClass]
public sealed class DeepSamplerOnnxTests
{
    private static readonly TabularEncoderOptions Encoding = new() { MaxModes = 5, MaxCategories = 3 };

    private static readonly Lazy<TvaeModel> Tvae = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var options = new TvaeOptions { Epochs = 4, BatchSize = 100, CompressDims = [16], DecompressDims = [16], EmbeddingDim = 8, Seed = 3, Encoding = Encoding };
        return ml.Synthetic().Synthesizers.Tvae(options).Fit(Mixed(ml, 800));
    });

    private static readonly Lazy<CtganModel> Ctgan = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var options = new CtganOptions { Epochs = 3, BatchSize = 100, GeneratorDims = [16, 16], DiscriminatorDims = [16], EmbeddingDim = 8, Seed = 4, Encoding = Encoding };
        return ml.Synthetic().Synthesizers.Ctgan(options).Fit(Mixed(ml, 800));
    });

    /// <summary>CTGAN on a table without categorical columns (no conditional vector), one of whose columns is named "noise".</summary>
    private static readonly Lazy<CtganModel> CtganContinuous = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(8);
        var rows = Enumerable.Range(0, 400).Select(_ => new ContinuousRow { Noise = TabularEncoder.StandardNormal(random), Y = (float)(5 + random.NextDouble()) }).ToList();
        var options = new CtganOptions { Epochs = 2, BatchSize = 100, GeneratorDims = [8], DiscriminatorDims = [8], EmbeddingDim = 4, Seed = 5, Encoding = Encoding };
        return ml.Synthetic().Synthesizers.Ctgan(options).Fit(ml.Data.LoadFromEnumerable(rows));
    });

    [TestMethod]
    public void Tvae_SameNoise_OnnxRuntimeEqualsTheLibrarysDecoding()
    {
        var model = Tvae.Value;
        Assert.IsNotEmpty(model.Encoder.Columns.Single(c => c.Categorical?.Column == "Colour").Categorical!.GroupCodes, "Colour has a rare-category group");
        var outputs = AssertParity(Export(model), model.DecodeNoise, rows: 4000, seed: 11);
        AssertColumnKinds(outputs);
    }

    [TestMethod]
    public void Ctgan_SameNoise_OnnxRuntimeEqualsTheLibrarysDecoding()
    {
        var model = Ctgan.Value;
        Assert.IsNotEmpty(model.Encoder.Columns.Single(c => c.Categorical?.Column == "Colour").Categorical!.GroupCodes, "Colour has a rare-category group");
        var outputs = AssertParity(Export(model), model.DecodeNoise, rows: 4000, seed: 12);
        AssertColumnKinds(outputs);
    }

    [TestMethod]
    public void Ctgan_WithoutCategoricalColumns_SamplesWithoutAConditionalVector()
    {
        var model = CtganContinuous.Value;
        var file = Export(model);
        using var session = new InferenceSession(file);
        Assert.IsTrue(session.InputMetadata.ContainsKey("noise_"), "a column is named 'noise', so the input is 'noise_'");
        var metadata = session.ModelMetadata.CustomMetadataMap;
        int slots = model.Encoder.Spans.Where(s => s.Activation == SpanActivation.Softmax).Sum(s => s.Width);
        Assert.AreEqual(slots.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata["uniform_dimension"], "only the Gumbel draws, no conditional-vector draws");
        var outputs = AssertParity(file, model.DecodeNoise, rows: 2000, seed: 13);
        Assert.IsInstanceOfType<double[]>(outputs["noise"]);
        Assert.IsInstanceOfType<float[]>(outputs["Y"]);
    }

    [TestMethod]
    public void OnlyCategoricalColumns_TvaeAndCtganSamplersMatchTheLibrary()
    {
        // No continuous column: no α anywhere (TVAE's normal input is z alone), every output a string.
        var ml = new MLContext(seed: 1);
        var random = new Random(6);
        // Column A is named "z_1", the name the graph's second inner value would take: outputs keep their names anyway.
        var rows = Enumerable.Range(0, 300).Select(_ => new CategoricalRow { A = random.NextDouble() < 0.3 ? "x" : "y", B = random.NextDouble() < 0.5 ? "p" : random.NextDouble() < 0.5 ? "q" : "" }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var tvae = ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 2, BatchSize = 100, CompressDims = [8], DecompressDims = [8], EmbeddingDim = 4, Seed = 1 }).Fit(data);
        var ctgan = ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Epochs = 2, BatchSize = 100, GeneratorDims = [8], DiscriminatorDims = [8], EmbeddingDim = 4, Seed = 1 }).Fit(data);
        var fromTvae = AssertParity(Export(tvae), tvae.DecodeNoise, rows: 2000, seed: 14);
        AssertParity(Export(ctgan), ctgan.DecodeNoise, rows: 2000, seed: 15);
        Assert.Contains("", (string[])fromTvae["B"], "the missing slot comes out as the empty missing text");
    }

    [TestMethod]
    public void DifferentiallyPrivateTvae_EncodedFromPublicMetadata_SamplerMatchesTheLibrary()
    {
        // DP-TVAE lays out its encoding from declared bounds and categories (one mode per column, a missing slot on
        // every categorical column), not from the data: the same graph must decode it.
        var ml = new MLContext(seed: 1);
        var options = Privacy.DpTvae.DpTvaeContractTests.ContractOptions();
        options.Epochs = 2;
        options.Seed = 2;
        var model = ml.Synthetic().Synthesizers.Tvae(options).Fit(Privacy.DpTvae.DpTvaeContractTests.Data(ml));
        Assert.IsNotEmpty(model.PrivacyLedgerEntries, "the model was trained with DP-SGD");
        AssertParity(Export(model), model.DecodeNoise, rows: 2000, seed: 16);
    }

    [TestMethod]
    public void LoadedModels_ExportTheSameSamplers()
    {
        var ml = new MLContext();
        foreach (SynthesizerModelBase model in new SynthesizerModelBase[] { Tvae.Value, Ctgan.Value })
        {
            using var saved = new MemoryStream();
            model.Save(saved);
            saved.Position = 0;
            var loaded = ml.Synthetic().Synthesizers.Load(saved);
            var (original, reloaded) = model is TvaeModel t ? (Export(t), Export((TvaeModel)loaded)) : (Export((CtganModel)model), Export((CtganModel)loaded));
            CollectionAssert.AreEqual(original, reloaded, $"{model.GetType().Name}: a loaded model exports the same graph");
        }
    }

    [TestMethod]
    public void NullArguments_AreRejected()
    {
        var catalog = new MLContext().Synthetic();
        Assert.ThrowsExactly<ArgumentNullException>(() => catalog.ConvertToOnnx((TvaeModel)null!, new MemoryStream()));
        Assert.ThrowsExactly<ArgumentNullException>(() => catalog.ConvertToOnnx((CtganModel)null!, new MemoryStream()));
        Assert.ThrowsExactly<ArgumentNullException>(() => catalog.ConvertToOnnx(Tvae.Value, null!));
        var e = Assert.ThrowsExactly<ArgumentException>(() => Tvae.Value.DecodeNoise(new float[3], new float[3], 1));
        Assert.Contains("normal draws", e.Message);
    }

    [TestMethod]
    public void Tvae_OnnxSamplesFromFreshNoise_HaveTheModelsOwnDistributions() => AssertSameDistributions(Export(Tvae.Value), Tvae.Value);

    [TestMethod]
    public void Ctgan_OnnxSamplesFromFreshNoise_HaveTheModelsOwnDistributions() => AssertSameDistributions(Export(Ctgan.Value), Ctgan.Value);

    [TestMethod]
    public void Metadata_DescribesTheInputs()
    {
        foreach (var file in new[] { Export(Tvae.Value), Export(Ctgan.Value) })
        {
            using var session = new InferenceSession(file);
            var metadata = session.ModelMetadata.CustomMetadataMap;
            Assert.AreEqual(metadata["noise_dimension"], session.InputMetadata[metadata["noise_input"]].Dimensions[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.AreEqual(metadata["uniform_dimension"], session.InputMetadata[metadata["uniform_input"]].Dimensions[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.IsTrue(metadata.ContainsKey("noise_layout") && metadata.ContainsKey("uniform_layout") && metadata.ContainsKey("latent_dimension"));
        }

        var tvae = new InferenceSession(Export(Tvae.Value));
        using (tvae)
        {
            var m = tvae.ModelMetadata.CustomMetadataMap;
            Assert.AreEqual("Tvae", m["synthesizer"]);
            Assert.AreEqual(int.Parse(m["latent_dimension"], System.Globalization.CultureInfo.InvariantCulture) + 3, int.Parse(m["noise_dimension"], System.Globalization.CultureInfo.InvariantCulture),
                "TVAE's normal input is z and one α noise per continuous column (X, Y, Count)");
        }
    }

    [TestMethod]
    public void SamplerFiles_PassTheOnnxChecker()
    {
        if (!OnnxChainExportTests.PythonOnnxAvailable(out string why))
        {
            MissingTool.EndTest($"The ONNX checker is not available: {why}. Install Debian's python3-onnx to run this test.");
        }

        string folder = Path.Combine(Path.GetTempPath(), $"onnx-deep-checker-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var files = new[] { ("tvae", Export(Tvae.Value)), ("ctgan", Export(Ctgan.Value)), ("ctgan-continuous", Export(CtganContinuous.Value)) }.Select(m =>
            {
                string path = Path.Combine(folder, m.Item1 + ".onnx");
                File.WriteAllBytes(path, m.Item2);
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

    /// <summary>
    /// X: bimodal double with 10 % missing; Y: Single ≈ X; Count: Int32; Group: follows X, 5 % missing; Colour: six
    /// categories, so with at most three one-hot slots the four rarest share the rare-category group.
    /// </summary>
    private static IDataView Mixed(MLContext ml, int count)
    {
        var random = new Random(2);
        var colours = new[] { "red", "green", "blue", "cyan", "magenta", "yellow" };
        var rows = new List<MixedRow>();
        for (int i = 0; i < count; i++)
        {
            double x = random.NextDouble() < 0.5 ? -2 + (0.5 * TabularEncoder.StandardNormal(random)) : 3 + TabularEncoder.StandardNormal(random);
            rows.Add(new MixedRow
            {
                X = random.NextDouble() < 0.1 ? double.NaN : x,
                Y = (float)(x + (0.5 * TabularEncoder.StandardNormal(random))),
                Count = (int)Math.Floor(Math.Exp(1 + (0.7 * TabularEncoder.StandardNormal(random)))),
                Group = random.NextDouble() < 0.05 ? "" : x < 0 ? "low" : "high",
                Colour = colours[Math.Min((int)(-Math.Log(1 - random.NextDouble()) * 1.5), 5)],
            });
        }

        return ml.Data.LoadFromEnumerable(rows);
    }

    private static void AssertColumnKinds(Dictionary<string, Array> outputs)
    {
        Assert.IsInstanceOfType<double[]>(outputs["X"]);
        Assert.IsInstanceOfType<float[]>(outputs["Y"]);
        Assert.IsInstanceOfType<double[]>(outputs["Count"]);
        Assert.IsTrue(((double[])outputs["X"]).Any(double.IsNaN), "missing values come out as NaN");
        Assert.IsTrue(((double[])outputs["Count"]).All(x => x == Math.Round(x)), "the Int32 column comes out whole");
        var colours = ((string[])outputs["Colour"]).Distinct().ToArray();
        Assert.IsGreaterThanOrEqualTo(4, colours.Length, $"members of the rare-category group come out too: {string.Join(", ", colours)}");
    }

    /// <summary>Decodes the same noise in the library and in ONNX Runtime and compares every column.</summary>
    private static Dictionary<string, Array> AssertParity(byte[] file, Func<float[], float[], int, TabularData> decode, int rows, int seed)
    {
        using var session = new InferenceSession(file);
        var (noise, uniform) = Draws(session, rows, seed);
        var expected = decode(noise, uniform, rows);
        var outputs = Run(session, noise, uniform, rows);
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
                    Assert.HasCount(rows, actual, c.Name);
                    double worst = 0;
                    for (int i = 0; i < rows; i++)
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
                    CollectionAssert.AreEqual(c.Codes.ToArray().Select(code => code < 0 ? "" : c.Categories[code]).ToArray(), text, c.Name);
                    break;
            }
        }

        return outputs;
    }

    /// <summary>20,000 ONNX rows from fresh noise against 20,000 of the model's own: KS per continuous column, frequencies per category.</summary>
    private static void AssertSameDistributions(byte[] file, SynthesizerModelBase model)
    {
        const int rows = 20_000;
        using var session = new InferenceSession(file);
        var (noise, uniform) = Draws(session, rows, 31);
        var onnx = Run(session, noise, uniform, rows);
        var library = model.SampleTable(rows, null, 32);
        foreach (var column in library.Columns)
        {
            switch (column)
            {
                case ContinuousColumn c:
                    var values = onnx[c.Name] is float[] f ? f.Select(x => (double)x).ToArray() : (double[])onnx[c.Name];
                    double ks = KnownDistribution.KolmogorovSmirnov([.. c.Values.ToArray().Where(v => !double.IsNaN(v))], [.. values.Where(v => !double.IsNaN(v))]);
                    double missing = Math.Abs(c.Values.ToArray().Count(double.IsNaN) - values.Count(double.IsNaN)) / (double)rows;
                    Console.WriteLine($"{c.Name}: KS {ks:F4}, missing share differs by {missing * 100:F2} pp");
                    Assert.IsLessThanOrEqualTo(0.03, ks, $"{c.Name}: KS distance {ks:F4}");
                    Assert.IsLessThanOrEqualTo(0.015, missing, $"{c.Name}: missing shares differ by {missing * 100:F2} pp");
                    break;
                case CategoricalColumn c:
                    var text = (string[])onnx[c.Name];
                    var libraryCounts = c.Codes.ToArray().GroupBy(code => code < 0 ? "" : c.Categories[code]).ToDictionary(g => g.Key, g => g.Count());
                    var onnxCounts = text.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
                    double worst = libraryCounts.Keys.Union(onnxCounts.Keys)
                        .Max(k => Math.Abs(libraryCounts.GetValueOrDefault(k) - onnxCounts.GetValueOrDefault(k)) / (double)rows);
                    Console.WriteLine($"{c.Name}: largest frequency difference {worst * 100:F2} pp");
                    Assert.IsLessThanOrEqualTo(0.02, worst, $"{c.Name}: frequencies differ by {worst * 100:F2} pp");
                    break;
            }
        }
    }

    /// <summary>Standard normals and uniforms in [0, 1) (multiples of 2⁻²⁴, exact in single precision) shaped as the session's inputs.</summary>
    private static (float[] Noise, float[] Uniform) Draws(InferenceSession session, int rows, int seed)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        int noiseWidth = int.Parse(metadata["noise_dimension"], System.Globalization.CultureInfo.InvariantCulture);
        int uniformWidth = int.Parse(metadata["uniform_dimension"], System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(seed);
        var noise = Enumerable.Range(0, rows * noiseWidth).Select(_ => (float)TabularEncoder.StandardNormal(random)).ToArray();
        var uniform = Enumerable.Range(0, rows * uniformWidth).Select(_ => random.Next(1 << 24) / (float)(1 << 24)).ToArray();
        return (noise, uniform);
    }

    private static Dictionary<string, Array> Run(InferenceSession session, float[] noise, float[] uniform, int rows)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor(metadata["noise_input"], new DenseTensor<float>(noise, [rows, noise.Length / rows])),
            NamedOnnxValue.CreateFromTensor(metadata["uniform_input"], new DenseTensor<float>(uniform, [rows, uniform.Length / rows])),
        ]);
        return results.ToDictionary(r => r.Name, r => r.Value switch
        {
            Tensor<float> f => (Array)f.ToArray(),
            Tensor<double> d => d.ToArray(),
            Tensor<string> s => s.ToArray(),
            var other => throw new AssertFailedException($"unexpected output {r.Name} of {other.GetType()}"),
        });
    }

    private static byte[] Export(TvaeModel model)
    {
        using var stream = new MemoryStream();
        new MLContext().Synthetic().ConvertToOnnx(model, stream);
        return stream.ToArray();
    }

    private static byte[] Export(CtganModel model)
    {
        using var stream = new MemoryStream();
        new MLContext().Synthetic().ConvertToOnnx(model, stream);
        return stream.ToArray();
    }

    private sealed class MixedRow
    {
        public double X { get; set; }
        public float Y { get; set; }
        public int Count { get; set; }
        public string Group { get; set; } = "";
        public string Colour { get; set; } = "";
    }

    private sealed class CategoricalRow
    {
        [Microsoft.ML.Data.ColumnName("z_1")]
        public string A { get; set; } = "";
        public string B { get; set; } = "";
    }

    private sealed class ContinuousRow
    {
        [Microsoft.ML.Data.ColumnName("noise")]
        public double Noise { get; set; }

        public float Y { get; set; }
    }
}
