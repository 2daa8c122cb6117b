using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles;

/// <summary>
/// Tiny fitted synthesizers of every saved format (fitted once per test run, in a second or two each) and their
/// saved bytes: the seeds of the model-file fuzz and trap tests.
/// </summary>
internal static class ModelFileFixtures
{
    public const string Copula = "copula";
    public const string Tvae = "tvae";
    public const string Ctgan = "ctgan";
    public const string DpTvae = "dp-tvae";
    public const string DpCtgan = "dp-ctgan";

    private static readonly Dictionary<string, Lazy<byte[]>> Files = new()
    {
        [Copula] = new(() => Save(ml => ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { EmpiricalQuantiles = 16 }))),
        [Tvae] = new(() => Save(ml => ml.Synthetic().Synthesizers.Tvae(new TvaeOptions
        {
            Epochs = 1, BatchSize = 100, CompressDims = [8], DecompressDims = [8], EmbeddingDim = 4, Encoding = { MaxModes = 3 },
        }))),
        [Ctgan] = new(() => Save(ml => ml.Synthetic().Synthesizers.Ctgan(new CtganOptions
        {
            Epochs = 1, BatchSize = 100, GeneratorDims = [8], DiscriminatorDims = [8], EmbeddingDim = 4, Encoding = { MaxModes = 3 },
        }))),
        [DpTvae] = new(() => Save(ml => ml.Synthetic().Synthesizers.Tvae(new TvaeOptions
        {
            Epochs = 1, BatchSize = 100, CompressDims = [8], DecompressDims = [8], EmbeddingDim = 4,
            Epsilon = 3, Delta = 1e-5,
            PublicBounds = { ["X"] = (0, 10), ["Y"] = (0, 21), ["Count"] = (0, 4) },
            PublicCategories = { ["Color"] = ["red", "green", "blue"], ["Flag"] = [bool.FalseString, bool.TrueString] },
        }))),
        [DpCtgan] = new(() => Save(ml => ml.Synthetic().Synthesizers.Ctgan(new DpCtganOptions
        {
            Epochs = 1, BatchSize = 100, GeneratorDims = [8], DiscriminatorDims = [8], EmbeddingDim = 4,
            Epsilon = 3, Delta = 1e-5,
            PublicBounds = { ["X"] = (0, 10), ["Y"] = (0, 21), ["Count"] = (0, 4) },
            PublicCategories = { ["Color"] = ["red", "green", "blue"], ["Flag"] = [bool.FalseString, bool.TrueString] },
        }))),
    };

    /// <summary>The saved bytes of the tiny model of <paramref name="format"/> (a fresh copy).</summary>
    public static byte[] Bytes(string format) => (byte[])Files[format].Value.Clone();

    /// <summary>200 rows: Y follows X, Color depends on X, Flag on Color; X has missing values; Count is an integer.</summary>
    public static IDataView Data(MLContext ml)
    {
        var random = new Random(7);
        var rows = new List<Row>();
        for (int i = 0; i < 200; i++)
        {
            double x = random.NextDouble() * 10;
            string color = x < 3 ? "red" : x < 7 ? "green" : "blue";
            rows.Add(new Row
            {
                X = random.NextDouble() < 0.1 ? float.NaN : (float)x,
                Y = (2 * x) + random.NextDouble(),
                Count = random.Next(0, 5),
                Color = color,
                Flag = color == "blue" ? random.NextDouble() < 0.8 : random.NextDouble() < 0.2,
            });
        }

        return ml.Data.LoadFromEnumerable(rows);
    }

    private static byte[] Save(Func<MLContext, IEstimator<ISynthesizerModel>> estimator)
    {
        var ml = new MLContext(seed: 1);
        var model = estimator(ml).Fit(Data(ml));
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    private sealed class Row
    {
        public float X { get; set; }
        public double Y { get; set; }
        public int Count { get; set; }
        public string Color { get; set; } = "";
        public bool Flag { get; set; }
    }
}
