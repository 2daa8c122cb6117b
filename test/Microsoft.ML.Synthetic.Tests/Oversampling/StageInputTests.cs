using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Oversampling;
using static Microsoft.ML.Synthetic.Tests.Oversampling.OversamplingTestData;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

/// <summary>Label types, column shapes and reporting of the Oversample stage.</summary>
[TestClass]
public sealed class StageInputTests
{
    private sealed class FloatLabelRow
    {
        public float X { get; set; }
        public float Y { get; set; }
        public float Label { get; set; }
    }

    private sealed class VectorRow
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    [TestMethod]
    public void NumericLabel_IsReadAsClasses_AndWrittenBackAsNumbers()
    {
        var ml = new MLContext(1);
        var random = new Random(2);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 200).Select(i => new FloatLabelRow
        {
            X = (float)random.NextDouble(),
            Y = (float)random.NextDouble(),
            Label = i % 10 == 0 ? 1 : 0,
        }).ToList());
        var rows = ml.Synthetic().Resampling.Smote("Label", seed: 1).Resample(data);
        Assert.AreEqual(NumberDataViewType.Single, rows.Schema["Label"].Type);
        var labels = ml.Data.CreateEnumerable<FloatLabelRow>(rows, reuseRowObject: false).Select(r => r.Label).ToList();
        Assert.AreEqual(180, labels.Count(l => l == 1));
        Assert.AreEqual(180, labels.Count(l => l == 0));
    }

    [TestMethod]
    public void VectorColumn_IsRejected_WithWhereToPutTheStage()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new VectorRow { Features = [i, 1], Label = i % 5 == 0 }).ToList());
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Resampling.RandomOverSample("Label", seed: 1).Fit(data));
        StringAssert.Contains(e.Message, "'Features'");
        StringAssert.Contains(e.Message, "Concatenate");
    }

    [TestMethod]
    public void OptionsOverload_AndProgress_ReportEachStep()
    {
        var ml = new MLContext(1);
        var messages = new List<string>();
        var stage = ml.Synthetic().Oversample(new OversampleOptions
        {
            Generator = Oversampler.Random(),
            Strategy = SamplingStrategy.Minority,
            Seed = 3,
        });
        stage.Progress = new SyncProgress(messages.Add);
        var rows = stage.Resample(NumericData(ml));
        var counts = ClassCounts(rows);
        Assert.AreEqual(60, counts["b"], "Minority grows only the smallest class");
        Assert.AreEqual(300, counts["c"]);
        Assert.IsTrue(messages.Any(m => m.Contains("390 training rows read")), string.Join(" | ", messages));
        Assert.IsTrue(messages.Any(m => m.Contains("270 rows of class 'c'")), string.Join(" | ", messages));
    }

    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    [TestMethod]
    public void Fit_IsCancellable()
    {
        var ml = new MLContext(1);
        var stage = ml.Synthetic().Resampling.Smote("Label", seed: 1);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        stage.Cancellation = cancel.Token;
        Assert.ThrowsExactly<OperationCanceledException>(() => stage.Fit(NumericData(ml)));
    }
}
