using Microsoft.ML;
using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Diffusion;

/// <summary>The class-conditional diffusion model plugs into Oversample: every generated row has the requested class.</summary>
[TestClass]
public sealed class DiffusionOversamplingTests
{
    private sealed class Row
    {
        public float X { get; set; }
        public string Label { get; set; } = "";
    }

    [TestMethod]
    public void Oversample_WithTheClassConditionalDiffusion_BalancesTheLabel()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(4);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 300).Select(i =>
        {
            bool rare = i % 5 == 0;
            return new Row { X = (float)((rare ? 3 : -1) + random.NextDouble()), Label = rare ? "rare" : "common" };
        }).ToList());
        var diffusion = ml.Synthetic().Synthesizers.Diffusion(DiffusionTestData.Tiny("Label"));

        AugmentedDataView rows = ml.Synthetic().Oversample("Label", generator: diffusion, seed: 2).Resample(data);

        var label = (CategoricalColumn)TabularData.FromDataView(rows)["Label"];
        var counts = label.Codes.GroupBy(c => label.Categories[c]).ToDictionary(g => g.Key, g => g.Count());
        Assert.AreEqual(240, counts["common"]);
        Assert.AreEqual(240, counts["rare"], "the rare class grows to the majority's size");
        Assert.AreEqual(300L, rows.RealRowCount);
    }
}
