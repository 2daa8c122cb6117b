using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Oversampling;
using static Microsoft.ML.Synthetic.Tests.Oversampling.OversamplingTestData;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

/// <summary>The train-only contract of issue 4, for an oversampling stage inside ML.NET pipelines.</summary>
[TestClass]
public sealed class OversamplingPipelineTests
{
    private sealed class NoiseRow
    {
        [VectorType(10)]
        public float[] F { get; set; } = [];
        public float A { get; set; }
        public float B { get; set; }
        public bool Label { get; set; }
    }

    private sealed class Input
    {
        public float A { get; set; }
        public float B { get; set; }
        public bool Label { get; set; }
    }

    private sealed class Prediction
    {
        public bool PredictedLabel { get; set; }
        public float Score { get; set; }
    }

    /// <summary>Pure noise: features and labels independent; about 9 % positives.</summary>
    private static IDataView Noise(MLContext ml, int n, int seed)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(_ => new Input
        {
            A = (float)Normal(random),
            B = (float)Normal(random),
            Label = random.NextDouble() < 0.09,
        }).ToList());
    }

    /// <summary>A spy: records what the next estimator is fitted on.</summary>
    private sealed class Spy(Action<IDataView> onFit) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input)
        {
            onFit(input);
            return new MLContext().Transforms.CopyColumns("ACopy", "A").Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
    }

    [TestMethod]
    public void Fit_NextEstimatorSeesTheBalancedRows_ScoringSeesExactlyItsInput()
    {
        var ml = new MLContext(1);
        var train = Noise(ml, 1000, 1);
        var before = ClassCounts(train);
        Dictionary<string, int>? seen = null;
        long? realInSeen = null;
        var stage = ml.Synthetic().Resampling.Smote("Label", seed: 3);
        var model = stage.Append(new Spy(v => { seen = ClassCounts(v); realInSeen = v.RealRowCount(); })).Fit(train);

        int majority = before.Values.Max();
        Assert.IsNotNull(seen);
        Assert.AreEqual(majority, seen["True"]);
        Assert.AreEqual(majority, seen["False"]);
        Assert.AreEqual(1000L, realInSeen);

        var stageModel = (SyntheticRowsTransformer)model.First();
        Assert.AreEqual(majority, stageModel.Summary.RowsAfter("True"));
        var scored = model.Transform(train);
        Assert.AreEqual(1000, Count(scored), "scoring the training data returns its own rows");
        CollectionAssert.AreEqual(RowTexts(train), RowTexts(ml.Transforms.DropColumns("ACopy").Fit(scored).Transform(scored)));
        var other = Noise(ml, 37, 2);
        Assert.AreEqual(37, Count(model.Transform(other)));
    }

    [TestMethod]
    public void FittedChain_PredictionEngine_SaveAndLoad_PredictIdentically()
    {
        var ml = new MLContext(1);
        var train = Noise(ml, 600, 5);
        var model = ml.Synthetic().Resampling.RandomOverSample("Label", seed: 2)
            .Append(ml.Transforms.Concatenate("Features", "A", "B"))
            .Append(ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 8, numberOfTrees: 10, minimumExampleCountPerLeaf: 2))
            .Fit(train);
        var engine = ml.Model.CreatePredictionEngine<Input, Prediction>(model);
        var probe = new Input { A = 0.3f, B = -1.2f };
        float before = engine.Predict(probe).Score;

        using var stream = new MemoryStream();
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        float after = ml.Model.CreatePredictionEngine<Input, Prediction>(loaded).Predict(probe).Score;
        Assert.AreEqual(before, after, 1e-6);
        Assert.AreEqual(600, Count(loaded.Transform(train)));
    }

    /// <summary>
    /// Pure-noise labels, a duplicating oversampler (about 10× the minority) and a tree ensemble that memorises:
    /// inside the pipeline, cross-validated AUC stays at chance; oversampling before the split inflates it.
    /// </summary>
    [TestMethod]
    public void CrossValidate_StageInsidePipeline_NoLeak_OversamplingBeforeSplit_Leaks()
    {
        var ml = new MLContext(seed: 1);
        var data = Noise(ml, 3000, 11);
        IEstimator<ITransformer> Trainer() => ml.Transforms.Concatenate("Features", "A", "B")
            .Append(ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 64, numberOfTrees: 50, minimumExampleCountPerLeaf: 1, learningRate: 0.3));

        var inside = ml.Synthetic().Resampling.RandomOverSample("Label", seed: 4).Append(Trainer());
        var honest = ml.BinaryClassification.CrossValidate(data, inside, numberOfFolds: 5, labelColumnName: "Label", seed: 1);
        double honestAuc = honest.Average(f => f.Metrics.AreaUnderRocCurve);

        var resampledFirst = ml.Synthetic().Resampling.RandomOverSample("Label", seed: 4).Resample(data);
        var leaky = ml.BinaryClassification.CrossValidate(resampledFirst, Trainer(), numberOfFolds: 5, labelColumnName: "Label", seed: 1);
        double leakyAuc = leaky.Average(f => f.Metrics.AreaUnderRocCurve);

        Console.WriteLine($"cross-validated AUC on pure noise: stage inside the pipeline {honestAuc:F3}, oversampled before the split {leakyAuc:F3}");
        Assert.AreEqual(0.5, honestAuc, 0.05, "train-only stage inside CrossValidate must not inflate AUC");
        Assert.IsTrue(leakyAuc > 0.8, $"oversampling before the split should leak (AUC {leakyAuc:F3})");
    }
}

[TestClass]
public sealed class OversamplingScoringTests
{
    private sealed class MixedInput
    {
        public float X1 { get; set; }
        public float X2 { get; set; }
        public string Color { get; set; } = "";
        public string Shape { get; set; } = "";
        public string Label { get; set; } = "";
    }

    private sealed class MulticlassPrediction
    {
        public uint PredictedLabel { get; set; }
    }

    [TestMethod]
    public void Scoring_AnUnseenCategory_IsUnaffectedByTheStage()
    {
        var ml = new MLContext(1);
        var train = MixedData(ml);
        var model = ml.Synthetic().Resampling.SmoteNc("Label", seed: 1)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.Transforms.Categorical.OneHotEncoding([new InputOutputColumnPair("Color"), new InputOutputColumnPair("Shape")]))
            .Append(ml.Transforms.Concatenate("Features", "X1", "X2", "Color", "Shape"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 10))
            .Fit(train);
        var unseen = ml.Data.LoadFromEnumerable(new[] { new MixedInput { X1 = 1, X2 = 0, Color = "purple", Shape = "hexagon", Label = "a" } });
        Assert.AreEqual(1, Count(model.Transform(unseen)));
        var engine = ml.Model.CreatePredictionEngine<MixedInput, MulticlassPrediction>(model);
        var prediction = engine.Predict(new MixedInput { X1 = 1, X2 = 0, Color = "purple", Shape = "hexagon" });
        Assert.IsTrue(prediction.PredictedLabel >= 1 && prediction.PredictedLabel <= 3);
    }
}
