using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Synthetic.Benchmarks.GaussianCopula;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Benchmarks.Onnx;

/// <summary>Sampling speed of the Gaussian copula's ONNX sampler graph in ONNX Runtime.</summary>
public static class CopulaSamplerBenchmarks
{
    private const int BatchRows = 65_536;

    /// <summary>
    /// <c>copula.sample.onnx</c>: rows per second generating 1,000,000 rows (100,000 with --quick) of the copula fitted
    /// on Adult through its exported sampler in ONNX Runtime, in batches of 65,536 rows: standard-normal noise drawn
    /// (xoshiro256** and Ziggurat, as the library draws), one <c>Run</c> per batch, every output column read out (15
    /// columns, categories as strings). Median of 5 runs after a warm-up. Throws if a batch's output differs from the
    /// library's decoding of the same noise. Beside the library's own <c>copula.sample.1m</c> (group <c>copula</c>).
    /// </summary>
    [Benchmark("copula.sample.onnx")]
    public static void SampleOnnx(BenchmarkContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = new MLContext(seed: 1);
        GaussianCopulaModel model = ml.Synthetic().Synthesizers.GaussianCopula(seed: 7).Fit(GaussianCopulaBenchmarks.LoadAdult(ml));
        using var file = new MemoryStream();
        ml.Synthetic().ConvertToOnnx(model, file);

        using var options = new SessionOptions { IntraOpNumThreads = ctx.Threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(file.ToArray(), options);
        string input = session.InputMetadata.Keys.Single();
        int d = model.Dimension;
        long rows = ctx.Quick ? 100_000 : 1_000_000;
        var noise = new double[BatchRows * d];
        long checksum = 0;

        string[] outputNames = [.. session.OutputMetadata.Keys];
        using var runOptions = new RunOptions();
        void Generate(int seed)
        {
            var rng = Xoshiro256StarStar.From(new Random(seed));
            for (long done = 0; done < rows; done += BatchRows)
            {
                int batch = (int)Math.Min(BatchRows, rows - done);
                ZigguratNormal.Fill(rng, noise.AsSpan(0, batch * d));
                using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, noise.AsMemory(0, batch * d), [batch, d]);
                using var results = session.Run(runOptions, [input], [tensor], outputNames);
                foreach (var result in results)
                {
                    var type = result.GetTensorTypeAndShape().ElementDataType;
                    checksum += type switch
                    {
                        TensorElementType.Float => result.GetTensorDataAsSpan<float>().Length,
                        TensorElementType.Double => result.GetTensorDataAsSpan<double>().Length,
                        TensorElementType.String => result.GetStringTensorAsArray().Length,
                        _ => throw new InvalidOperationException($"unexpected output of {type}"),
                    };
                }
            }
        }

        CheckParity(model, session, input);
        Generate(1);   // warm-up
        int runs = ctx.Quick ? 1 : 5;
        double seconds = ctx.Median(runs, () => Generate(2));
        ctx.Report("copula.sample.onnx", rows / seconds, "rows/s", new()
        {
            ["rows"] = rows,
            ["columns"] = model.TableSchema.Columns.Count,
            ["noise_dimension"] = d,
            ["batch_rows"] = BatchRows,
            ["threads"] = ctx.Threads,   // ONNX Runtime IntraOpNumThreads; the noise is drawn on one thread
        });
        if (checksum != (long)(runs + 1) * rows * model.TableSchema.Columns.Count)
        {
            throw new InvalidOperationException($"ONNX Runtime returned {checksum} values; expected {(runs + 1) * rows * model.TableSchema.Columns.Count}.");
        }
    }

    /// <summary>Throws unless ONNX Runtime decodes 2,000 rows of noise as the library does (continuous within 1e-4 relative, categories identical).</summary>
    private static void CheckParity(GaussianCopulaModel model, InferenceSession session, string input)
    {
        const int n = 2000;
        var noise = new double[n * model.Dimension];
        ZigguratNormal.Fill(Xoshiro256StarStar.From(new Random(99)), noise);
        var expected = model.DecodeNoise(noise, n);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor<double>(noise, [n, model.Dimension]))]);
        var outputs = results.ToDictionary(r => r.Name, r => r.Value);
        foreach (var column in expected.Columns)
        {
            var info = model.TableSchema.Columns.Single(c => c.Name == column.Name);
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
