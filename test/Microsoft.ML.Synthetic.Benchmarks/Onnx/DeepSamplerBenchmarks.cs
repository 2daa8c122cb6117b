using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Synthetic.Benchmarks.Deep;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Benchmarks.Onnx;

/// <summary>Sampling speed of the TVAE and CTGAN ONNX sampler graphs in ONNX Runtime, beside the library's own sampler.</summary>
public static class DeepSamplerBenchmarks
{
    private const int BatchRows = 16_384;

    /// <summary>
    /// <c>tvae.sample.onnx</c>: rows per second generating 200,000 rows (20,000 with --quick) of a TVAE with the paper's
    /// architecture (decoder 128–128, latent 128) fitted on Adult (one epoch: speed does not depend on training)
    /// through its exported sampler in ONNX Runtime, in batches of 16,384: the normal and uniform inputs drawn
    /// (<see cref="Random"/>, Box–Muller), one <c>Run</c> per batch, every output read out. Median of 3 runs after a
    /// warm-up; <c>library_rows_per_s</c> is the library's own <c>Sample</c> of the same rows. Throws unless
    /// ONNX Runtime decodes 2,000 rows of noise as <c>DecodeNoise</c> does.
    /// </summary>
    [Benchmark("tvae.sample.onnx")]
    public static void Tvae(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 1, Seed = 1, Threads = ctx.Threads }).Fit(Adult(ml, ctx));
        using var file = new MemoryStream();
        ml.Synthetic().ConvertToOnnx(model, file);
        Measure(ctx, "tvae.sample.onnx", model, file.ToArray(), model.DecodeNoise);
    }

    /// <summary>
    /// <c>ctgan.sample.onnx</c>: as <c>tvae.sample.onnx</c> for a CTGAN with the paper's generator (residual blocks
    /// 256–256, latent 128) fitted on Adult for one epoch.
    /// </summary>
    [Benchmark("ctgan.sample.onnx")]
    public static void Ctgan(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Epochs = 1, Seed = 1, Threads = ctx.Threads }).Fit(Adult(ml, ctx));
        using var file = new MemoryStream();
        ml.Synthetic().ConvertToOnnx(model, file);
        Measure(ctx, "ctgan.sample.onnx", model, file.ToArray(), model.DecodeNoise);
    }

    private static IDataView Adult(MLContext ml, BenchmarkContext ctx)
    {
        var train = AdultSplit.Load(ml).TrainSet;
        return ctx.Quick ? ml.Data.TakeRows(train, 2000) : train;
    }

    private static void Measure(BenchmarkContext ctx, string name, SynthesizerModelBase model, byte[] file, Func<float[], float[], int, TabularData> decode)
    {
        using var options = new SessionOptions { IntraOpNumThreads = ctx.Threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(file, options);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        string noiseInput = metadata["noise_input"], uniformInput = metadata["uniform_input"];
        int noiseWidth = int.Parse(metadata["noise_dimension"], System.Globalization.CultureInfo.InvariantCulture);
        int uniformWidth = int.Parse(metadata["uniform_dimension"], System.Globalization.CultureInfo.InvariantCulture);
        CheckParity(session, noiseInput, uniformInput, noiseWidth, uniformWidth, decode);

        long rows = ctx.Quick ? 20_000 : 200_000;
        var noise = new float[BatchRows * noiseWidth];
        var uniform = new float[BatchRows * uniformWidth];
        string[] outputNames = [.. session.OutputMetadata.Keys];
        long values = 0;
        using var runOptions = new RunOptions();
        void Generate(int seed)
        {
            var random = new Random(seed);
            for (long done = 0; done < rows; done += BatchRows)
            {
                int batch = (int)Math.Min(BatchRows, rows - done);
                Fill(random, noise.AsSpan(0, batch * noiseWidth), uniform.AsSpan(0, batch * uniformWidth));
                using var noiseValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, noise.AsMemory(0, batch * noiseWidth), [batch, noiseWidth]);
                using var uniformValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, uniform.AsMemory(0, batch * uniformWidth), [batch, uniformWidth]);
                using var results = session.Run(runOptions, [noiseInput, uniformInput], [noiseValue, uniformValue], outputNames);
                foreach (var result in results)
                {
                    var type = result.GetTensorTypeAndShape().ElementDataType;
                    values += type switch
                    {
                        TensorElementType.Float => result.GetTensorDataAsSpan<float>().Length,
                        TensorElementType.Double => result.GetTensorDataAsSpan<double>().Length,
                        TensorElementType.String => result.GetStringTensorAsArray().Length,
                        _ => throw new InvalidOperationException($"unexpected output of {type}"),
                    };
                }
            }
        }

        // The library's own sampler first, so that the timing fields of the figure are the ONNX runs'.
        int runs = ctx.Quick ? 1 : 3;
        void Library() => model.SampleTable((int)rows, null, 3);
        Library();   // warm-up
        double librarySeconds = ctx.Median(runs, Library);
        int libraryThreads = global::TorchSharp.torch.get_num_threads();   // LibTorch intra-op threads the library sampled with
        Generate(1);   // warm-up
        double seconds = ctx.Median(runs, () => Generate(2));
        int columns = model.TableSchema.Columns.Count;
        if (values != (runs + 1) * rows * columns)
        {
            throw new InvalidOperationException($"ONNX Runtime returned {values} values; expected {(runs + 1) * rows * columns}.");
        }

        ctx.Report(name, rows / seconds, "rows/s", new()
        {
            ["rows"] = rows,
            ["columns"] = columns,
            ["noise_dimension"] = noiseWidth,
            ["uniform_dimension"] = uniformWidth,
            ["batch_rows"] = BatchRows,
            ["library_rows_per_s"] = Math.Round(rows / librarySeconds),
            ["threads"] = ctx.Threads,   // ONNX Runtime IntraOpNumThreads; the inputs are drawn on one thread
            ["library_threads"] = libraryThreads,
        });
    }

    /// <summary>Standard normals (Box–Muller) and uniforms in [0, 1) as floats.</summary>
    private static void Fill(Random random, Span<float> normal, Span<float> uniform)
    {
        for (int i = 0; i < normal.Length; i++)
        {
            normal[i] = (float)TabularEncoder.StandardNormal(random);
        }

        for (int i = 0; i < uniform.Length; i++)
        {
            uniform[i] = random.Next(1 << 24) / (float)(1 << 24);
        }
    }

    /// <summary>Throws unless ONNX Runtime decodes 2,000 rows of noise as the library does (continuous within 1e-4 relative, categories identical).</summary>
    private static void CheckParity(InferenceSession session, string noiseInput, string uniformInput, int noiseWidth, int uniformWidth,
        Func<float[], float[], int, TabularData> decode)
    {
        const int n = 2000;
        var noise = new float[n * noiseWidth];
        var uniform = new float[n * uniformWidth];
        Fill(new Random(99), noise, uniform);
        var expected = decode(noise, uniform, n);
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor(noiseInput, new DenseTensor<float>(noise, [n, noiseWidth])),
            NamedOnnxValue.CreateFromTensor(uniformInput, new DenseTensor<float>(uniform, [n, uniformWidth])),
        ]);
        var outputs = results.ToDictionary(r => r.Name, r => r.Value);
        foreach (var column in expected.Columns)
        {
            var info = expected.Schema.Columns.Single(c => c.Name == column.Name);
            bool same = (column, outputs[column.Name]) switch
            {
                (ContinuousColumn c, Tensor<float> f) => c.Values.ToArray().Zip(f.ToArray(), (a, b) => Close(a, b)).All(x => x),
                (ContinuousColumn c, Tensor<double> v) => c.Values.ToArray().Zip(v.ToArray(), Close).All(x => x),
                (CategoricalColumn c, Tensor<string> s) => c.Codes.ToArray().Select(k => k < 0 ? info.MissingText ?? "" : c.Categories[k]).SequenceEqual(s.ToArray()),
                _ => false,
            };
            if (!same)
            {
                throw new InvalidOperationException($"Column '{column.Name}': ONNX Runtime's sampler output differs from the library's decoding of the same noise.");
            }
        }
    }

    private static bool Close(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-4 * Math.Max(1, Math.Abs(a));
}
