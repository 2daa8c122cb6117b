using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Arf;

/// <summary>ARF as <c>Oversample</c>'s generator: rows sampled conditionally on the label, from that class's leaves.</summary>
[TestClass]
public sealed class ArfOversamplingTests
{
    [TestMethod]
    public void Oversample_WithArf_BalancesTheLabelWithRowsFromTheRareClassRegion()
    {
        var ml = new MLContext(seed: 1);
        // 60 "rare" rows with X in [3, 4), 240 "common" ones with X in [-1, 0): rows drawn for "rare" must come from
        // the rare class's region (mean 3.5), which only a sampler that conditions on the label can give.
        var data = Deep.DeepOversamplingTests.Imbalanced(ml);

        var arf = ml.Synthetic().Synthesizers.Arf(new ArfOptions { Seed = 3, Threads = 1 });
        var rows = ml.Synthetic().Resampling.Oversample("Label", generator: arf, seed: 2).Resample(data);

        var table = TabularData.FromDataView(rows);
        var label = (CategoricalColumn)table["Label"];
        var counts = label.Codes.GroupBy(c => label.Categories[c]).ToDictionary(g => g.Key, g => g.Count());
        Assert.AreEqual(240, counts["common"]);
        Assert.AreEqual(240, counts["rare"], "the rare class grows to the majority's size");
        Assert.AreEqual(300L, rows.RealRowCount);
        var added = Enumerable.Range(300, table.RowCount - 300).ToArray();
        var addedX = ((ContinuousColumn)table["X"]).Values;
        Assert.IsTrue(added.All(r => label.Categories[label.Codes[r]] == "rare"), "only the rare class is oversampled");
        double mean = added.Average(r => addedX[r]);
        Assert.AreEqual(3.5, mean, 0.15, "ARF's rare rows come from the rare class's leaves");
        Assert.IsTrue(added.All(r => addedX[r] >= 2.5 && addedX[r] <= 4.5), "no rare row drawn from the common class's region");
    }
}
