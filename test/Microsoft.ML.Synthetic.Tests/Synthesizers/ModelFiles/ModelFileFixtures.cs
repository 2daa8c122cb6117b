using Microsoft.ML;

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
            DifferentialPrivacy = new()
            {
                Epsilon = 3, Delta = 1e-5,
                PublicBounds = { ["X"] = (0, 10), ["Y"] = (0, 21), ["Count"] = (0, 4) },
                PublicCategories = { ["Color"] = ["red", "green", "blue"], ["Flag"] = [bool.FalseString, bool.TrueString] },
            },
        }))),
        [DpCtgan] = new(() => Save(ml => ml.Synthetic().Synthesizers.Ctgan(new CtganOptions
        {
            Epochs = 1, BatchSize = 100, GeneratorDims = [8], DiscriminatorDims = [8], EmbeddingDim = 4,
            DifferentialPrivacy = new()
            {
                Epsilon = 3, Delta = 1e-5,
                PublicBounds = { ["X"] = (0, 10), ["Y"] = (0, 21), ["Count"] = (0, 4) },
                PublicCategories = { ["Color"] = ["red", "green", "blue"], ["Flag"] = [bool.FalseString, bool.TrueString] },
            },
        }))),
    };

    /// <summary>The saved bytes of the tiny model of <paramref name="format"/> (a fresh copy).</summary>
    public static byte[] Bytes(string format) => (byte[])Files[format].Value.Clone();

    /// <summary>The contract table of every synthesizer's tests (600 rows: correlated numbers, an integer, two categories, missing values).</summary>
    public static IDataView Data(MLContext ml) => Privacy.DpTvae.DpTvaeContractTests.Data(ml);

    private static byte[] Save(Func<MLContext, IEstimator<ISynthesizerModel>> estimator)
    {
        var ml = new MLContext(seed: 1);
        var model = estimator(ml).Fit(Data(ml));
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }
}
