using Microsoft.ML;
using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;

/// <summary>CTGAN and TVAE plug into the generator-based train-only stages (conditional sampling on the label).</summary>
[TestClass]
public sealed class DeepOversamplingTests
{
    private sealed class Row
    {
        public float X { get; set; }
        public string Label { get; set; } = "";
    }

    internal static IDataView Imbalanced(MLContext ml)
    {
        var random = new Random(4);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, 300).Select(i =>
        {
            bool rare = i % 5 == 0;
            return new Row { X = (float)((rare ? 3 : -1) + random.NextDouble()), Label = rare ? "rare" : "common" };
        }).ToList());
    }

    private static void AssertBalanced(AugmentedDataView rows)
    {
        var table = TabularData.FromDataView(rows);
        var label = (CategoricalColumn)table["Label"];
        var counts = label.Codes.GroupBy(c => label.Categories[c]).ToDictionary(g => g.Key, g => g.Count());
        Assert.AreEqual(240, counts["common"]);
        Assert.AreEqual(240, counts["rare"], "the rare class grows to the majority's size");
        Assert.AreEqual(300L, rows.RealRowCount);
    }

    [TestMethod]
    public void Oversample_WithCtgan_BalancesTheLabel()
    {
        var ml = new MLContext(seed: 1);
        var ctgan = ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Epochs = 2, BatchSize = 100, GeneratorDims = [16], DiscriminatorDims = [16], EmbeddingDim = 8 });
        AssertBalanced(ml.Synthetic().Oversample("Label", generator: ctgan, seed: 2).Resample(Imbalanced(ml)));
    }

    [TestMethod]
    public void Oversample_WithTvae_BalancesTheLabel()
    {
        var ml = new MLContext(seed: 1);
        var tvae = ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 150, BatchSize = 100, CompressDims = [32], DecompressDims = [32], EmbeddingDim = 8 });
        AssertBalanced(ml.Synthetic().Oversample("Label", generator: tvae, seed: 2).Resample(Imbalanced(ml)));
    }
}
