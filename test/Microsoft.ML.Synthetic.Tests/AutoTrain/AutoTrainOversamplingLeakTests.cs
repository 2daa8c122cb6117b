using Microsoft.ML;
using Microsoft.ML.Synthetic.AutoTrain;
using Microsoft.ML.Synthetic.Oversampling;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

/// <summary>
/// The noisy-label test of the train-only contract through AutoTrain with the library's own SMOTE-NC: in the prefix
/// it is refitted inside each training fold and the CV AUC stays ≈ 0.5; applied before the split, its synthetic rows
/// interpolate towards held-out minority rows and the CV AUC rises.
/// </summary>
[TestClass]
public sealed class AutoTrainOversamplingLeakTests
{
    public sealed class MixedRow
    {
        public float A { get; set; }
        public float B { get; set; }
        public float C { get; set; }
        public string Kind { get; set; } = "";
        public bool Label { get; set; }
    }

    private static IDataView NoiseMixed(MLContext ml, int n, int seed)
    {
        var random = new Random(seed);
        string[] kinds = ["red", "green", "blue"];
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(_ => new MixedRow
        {
            A = (float)random.NextDouble(), B = (float)random.NextDouble(), C = (float)random.NextDouble(),
            Kind = kinds[random.Next(kinds.Length)],
            Label = random.NextDouble() < 0.25,
        }).ToList());
    }

    private static IEstimator<Microsoft.ML.ITransformer> Featurize(MLContext ml) =>
        ml.Transforms.Categorical.OneHotEncoding("KindOh", "Kind").Append(ml.Transforms.Concatenate("Features", "A", "B", "C", "KindOh"));

    [TestMethod]
    public void NoiseLabels_SmoteNcInPrefix_CvAucStaysNearHalf_WhileSmoteNcBeforeCvInflatesIt()
    {
        var ml = new MLContext(seed: 1);
        var data = NoiseMixed(ml, 400, seed: 5);
        var synthetic = ml.Synthetic();
        var options = new AutoTrainOptions { MaxTrials = 16, Folds = 3, Seed = 7, Trainers = ["LightGbm", "FastTree"] };

        var prefix = synthetic.Resampling.SmoteNc("Label", kNeighbors: 5, seed: 3).Append(Featurize(ml));
        var clean = synthetic.AutoTrain.BinaryClassification(prefix, "Label", options).Fit(data);

        var oversampledFirst = ml.Data.Cache(synthetic.Resampling.SmoteNc("Label", kNeighbors: 5, seed: 3).Fit(data).Transform(data));
        var leaky = synthetic.AutoTrain.BinaryClassification(Featurize(ml), "Label", options).Fit(oversampledFirst);

        Console.WriteLine($"leak-free:\n{clean.Leaderboard}\nleaky:\n{leaky.Leaderboard}");
        Assert.IsTrue(Math.Abs(clean.BestTrial.MetricMean - 0.5) < 0.08, $"leak-free CV AUC {clean.BestTrial.MetricMean:F3}");
        Assert.IsTrue(leaky.BestTrial.MetricMean > clean.BestTrial.MetricMean + 0.1,
            $"oversampling before the split should inflate the CV AUC: {leaky.BestTrial.MetricMean:F3} vs {clean.BestTrial.MetricMean:F3}");
    }
}
