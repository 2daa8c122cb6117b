using Microsoft.ML;
using Microsoft.ML.Synthetic.AutoTrain;
using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

/// <summary>TSTR next to TRTR: the best configuration scored again without the prefix's train-only stages.</summary>
[TestClass]
public sealed class AutoTrainRealOnlyTests
{
    /// <summary>A train-only stage that replaces the training rows by "synthetic" rows whose label is inverted.</summary>
    private sealed class InvertingReplaceEstimator(MLContext ml) : TrainOnlyEstimatorBase<InvertingReplaceTransformer>
    {
        private protected override InvertingReplaceTransformer FitCore(IDataView input) => new(ml, input);
    }

    private sealed class InvertingReplaceTransformer(MLContext ml, IDataView fittedOn) : TrainOnlyTransformerBase(ml, fittedOn)
    {
        private protected override IDataView TransformTraining(IDataView trainingData)
        {
            var rows = Context.Data.CreateEnumerable<AutoTrainLeakTests.NoiseRow>(trainingData, reuseRowObject: false).ToList();
            foreach (var r in rows) r.Label = !r.Label;
            return Context.Data.LoadFromEnumerable(rows);
        }
    }

    [TestMethod]
    public void RealOnlyTrial_LeavesTrainOnlyStagesOut_SoTstrAndTrtrDiffer()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(2);
        var rows = Enumerable.Range(0, 400).Select(_ =>
        {
            float a = (float)random.NextDouble();
            return new AutoTrainLeakTests.NoiseRow { A = a, B = (float)random.NextDouble(), Label = a > 0.5 };
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var prefix = new InvertingReplaceEstimator(ml).Append(ml.Transforms.Concatenate("Features", "A", "B"));
        var options = new AutoTrainOptions { MaxTrials = 3, Folds = 3, Seed = 4, Trainers = ["FastTree"], ReportRealOnlyScore = true };
        var model = ml.Synthetic().AutoTrain.BinaryClassification(prefix, "Label", options).Fit(data);

        Assert.IsNotNull(model.RealOnlyTrial);
        Assert.IsTrue(model.BestTrial.MetricMean < 0.2, $"trained on inverted rows, scored on real rows: {model.BestTrial}");
        Assert.IsTrue(model.RealOnlyTrial.MetricMean > 0.95, $"trained on real rows: {model.RealOnlyTrial}");
        Assert.AreEqual(model.BestTrial.Trainer, model.RealOnlyTrial.Trainer);
        CollectionAssert.AreEqual(model.BestTrial.Hyperparameters.ToList(), model.RealOnlyTrial.Hyperparameters.ToList());
    }

    [TestMethod]
    public void RealOnlyTrial_IsNull_WithoutTrainOnlyStages()
    {
        var ml = new MLContext(seed: 1);
        var data = AutoTrainLeakTests.Noise(ml, 120, seed: 2);
        var options = new AutoTrainOptions { MaxTrials = 1, Folds = 2, Seed = 4, ReportRealOnlyScore = true };
        var model = ml.Synthetic().AutoTrain.BinaryClassification(ml.Transforms.Concatenate("Features", "A", "B"), "Label", options).Fit(data);
        Assert.IsNull(model.RealOnlyTrial);
    }
}
