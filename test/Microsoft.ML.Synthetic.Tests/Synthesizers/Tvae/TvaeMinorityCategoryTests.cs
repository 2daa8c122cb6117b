using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Tvae;

/// <summary>
/// A VAE fitted on an 80/20 binary column generates the minority category about 20 % of the time, whatever the seed
/// (the decoder's categorical likelihood is sampled, not its argmax taken).
/// </summary>
[TestClass]
public sealed class TvaeMinorityCategoryTests
{
    private sealed class Row
    {
        public float X { get; set; }
        public string Label { get; set; } = "";
    }

    /// <summary>300 rows, 20 % "rare" with X in [3, 4), the rest "common" with X in [-1, 0).</summary>
    private static IDataView Imbalanced(MLContext ml)
    {
        var random = new Random(4);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, 300).Select(i =>
        {
            bool rare = i % 5 == 0;
            return new Row { X = (float)((rare ? 3 : -1) + random.NextDouble()), Label = rare ? "rare" : "common" };
        }).ToList());
    }

    [TestMethod]
    public void Sample_EightyTwentyColumn_GeneratesTheMinorityAtAboutItsFrequency_ForEverySeed()
    {
        var ml = new MLContext(seed: 1);
        var data = Imbalanced(ml);
        var report = new List<string>();
        bool ok = true;
        foreach (int seed in new[] { 1, 6, 7, 8 })
        {
            var model = ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 150, BatchSize = 100, CompressDims = [32], DecompressDims = [32], EmbeddingDim = 8, Seed = seed }).Fit(data);
            var table = model.SampleTable(2000, null, 9);
            var label = (CategoricalColumn)table["Label"];
            int rareCode = label.Categories.ToList().IndexOf("rare");
            var rareRows = Enumerable.Range(0, table.RowCount).Where(r => label.Codes[r] == rareCode).ToList();
            double frequency = rareRows.Count / (double)table.RowCount;
            report.Add($"seed {seed}: rare {frequency:F3}");
            ok &= frequency is >= 0.10 and <= 0.30;
        }

        Console.WriteLine(string.Join(Environment.NewLine, report));
        Assert.IsTrue(ok, "the minority category (20 % of the training rows) must be generated 10–30 % of the time: " + string.Join("; ", report));
    }
}
