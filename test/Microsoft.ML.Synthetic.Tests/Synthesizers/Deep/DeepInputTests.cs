using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;

/// <summary>Inputs the deep synthesizers model with a caveat (warned on the ML.NET log) or reject (an error naming the column).</summary>
[TestClass]
public sealed class DeepInputTests
{
    private sealed class Row
    {
        public double Level { get; set; }
        public double Value { get; set; }
        public string Kind { get; set; } = "";
        public string Only { get; set; } = "";
    }

    private static IDataView Data(MLContext ml, int rows, bool valueMissing = false)
    {
        var random = new Random(2);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new Row
        {
            Level = i % 3,
            Value = valueMissing ? double.NaN : random.NextDouble(),
            Kind = i % 2 == 0 ? "a" : "b",
            Only = "same",
        }).ToList());
    }

    private static List<string> CaptureLog(MLContext ml)
    {
        var messages = new List<string>();
        ml.Log += (_, e) =>
        {
            lock (messages)
            {
                messages.Add(e.Message);
            }
        };
        return messages;
    }

    [TestMethod]
    public void Tvae_FewDistinctValuesAndOneCategory_AreModelledAndWarnedNamingTheColumn_ProgressIsLogged()
    {
        var ml = new MLContext(seed: 1);
        var log = CaptureLog(ml);
        var model = ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 2, BatchSize = 50, CompressDims = [16], DecompressDims = [16], EmbeddingDim = 8 }).Fit(Data(ml, 120));

        Assert.IsTrue(log.Any(m => m.Contains("'Level'") && m.Contains("3 distinct")), string.Join("\n", log));
        Assert.IsTrue(log.Any(m => m.Contains("'Only'") && m.Contains("single category")), string.Join("\n", log));
        Assert.IsTrue(log.Any(m => m.Contains("TVAE epoch 2/2")), "training progress goes to the ML.NET log");
        var sample = model.SampleTable(200, null, 1);
        Assert.IsTrue(((ContinuousColumn)sample["Level"]).Values.All(v => v >= 0 && v <= 2), "within the training range");
        var only = (CategoricalColumn)sample["Only"];
        Assert.IsTrue(only.Codes.All(c => only.Categories[c] == "same"));
    }

    [TestMethod]
    public void Ctgan_AllMissingColumn_IsAnErrorNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Epochs = 1, BatchSize = 50, GeneratorDims = [8], DiscriminatorDims = [8], EmbeddingDim = 4 }).Fit(Data(ml, 60, valueMissing: true)));
        StringAssert.Contains(e.Message, "'Value'");
    }

    [TestMethod]
    public void Ctgan_TableWithoutCategoricalColumns_TrainsAndSamples()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(1);
        var rows = Enumerable.Range(0, 100).Select(_ => new { A = random.NextDouble(), B = random.NextDouble() * 5 }).ToList();
        var model = ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Epochs = 2, BatchSize = 50, GeneratorDims = [8], DiscriminatorDims = [8], EmbeddingDim = 4 }).Fit(ml.Data.LoadFromEnumerable(rows));
        var sample = model.SampleTable(30, null, 2);
        Assert.AreEqual(30, sample.RowCount);
        Assert.IsTrue(((ContinuousColumn)sample["B"]).Values.All(v => v >= 0 && v <= 5));
    }
}
