using Microsoft.ML;
using static Microsoft.ML.Synthetic.Tests.Onnx.OnnxTestSupport;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>
/// For each binary trainer, the realistic Adult chain (one-hot, min-max, concatenate, trainer) scores 1,000
/// holdout rows in ML.NET and, exported, in ONNX Runtime 1.32.0: labels identical, scores and probabilities
/// within 1e-5.
/// </summary>
[TestClass]
public sealed class OnnxBinaryParityTests
{
    private const double Tolerance = 1e-5;

    private static void AssertParity(Func<MLContext, IEstimator<ITransformer>> trainer, bool calibrated = true)
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml);
        var model = Featurize(ml).Append(trainer(ml)).Fit(train);
        var expected = model.Transform(holdout);
        var onnx = RunOnnx(Export(ml, model, train), holdout);

        AssertClose(Column<float>(expected, "Score"), (float[])onnx["Score"], Tolerance, "Score");
        if (calibrated)
        {
            AssertClose(Column<float>(expected, "Probability"), (float[])onnx["Probability"], Tolerance, "Probability");
        }
        else
        {
            Assert.IsFalse(onnx.ContainsKey("Probability"), "an uncalibrated model has no probability");
        }

        CollectionAssert.AreEqual(Column<bool>(expected, "PredictedLabel"), (bool[])onnx["PredictedLabel"], "PredictedLabel");
        var labels = (bool[])onnx["PredictedLabel"];
        Assert.IsTrue(labels.Any(l => l) && labels.Any(l => !l), "the holdout gets both labels");
    }

    [TestMethod]
    public void SdcaLogisticRegression_OnnxMatchesMlNet() =>
        AssertParity(ml => ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20));

    [TestMethod]
    public void LbfgsLogisticRegression_OnnxMatchesMlNet() =>
        AssertParity(ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression());

    [TestMethod]
    public void SdcaNonCalibrated_OnnxMatchesMlNet() =>
        AssertParity(ml => ml.BinaryClassification.Trainers.SdcaNonCalibrated(maximumNumberOfIterations: 20), calibrated: false);

    [TestMethod]
    public void FastTree_OnnxMatchesMlNet() =>
        AssertParity(ml => ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 40));

    [TestMethod]
    public void FastForest_OnnxMatchesMlNet() =>
        AssertParity(ml => ml.BinaryClassification.Trainers.FastForest(numberOfLeaves: 16, numberOfTrees: 20), calibrated: false);

    [TestMethod]
    public void Gam_OnnxMatchesMlNet() =>
        AssertParity(ml => ml.BinaryClassification.Trainers.Gam(numberOfIterations: 300, learningRate: 0.05));

    [TestMethod]
    public void LightGbm_OnnxMatchesMlNet() =>
        AssertParity(ml => ml.BinaryClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options { NumberOfLeaves = 16, NumberOfIterations = 40, NumberOfThreads = 1 }));

    [TestMethod]
    [DataRow("platt")]
    [DataRow("naive")]
    [DataRow("isotonic")]
    public void FastForestWithCalibratorStage_OnnxMatchesMlNet(string calibrator)
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml, trainRows: 2000);
        IEstimator<ITransformer> calibration = calibrator switch
        {
            "platt" => ml.BinaryClassification.Calibrators.Platt(),
            "naive" => ml.BinaryClassification.Calibrators.Naive(),
            _ => ml.BinaryClassification.Calibrators.Isotonic(),
        };
        var model = Featurize(ml)
            .Append(ml.BinaryClassification.Trainers.FastForest(numberOfLeaves: 8, numberOfTrees: 10))
            .Append(calibration)
            .Fit(train);
        var expected = model.Transform(holdout);
        var onnx = RunOnnx(Export(ml, model, train), holdout);
        var probabilities = Column<float>(expected, "Probability");
        AssertClose(probabilities, (float[])onnx["Probability"], Tolerance, "Probability");
        Assert.IsTrue(probabilities.Distinct().Count() > 3, "the probabilities vary");
        CollectionAssert.AreEqual(Column<bool>(expected, "PredictedLabel"), (bool[])onnx["PredictedLabel"], "PredictedLabel");
    }

    [TestMethod]
    public void LightGbmWithCategoricalSplits_OnnxMatchesMlNet()
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml, trainRows: 2000);
        var model = Featurize(ml).Append(ml.BinaryClassification.Trainers.LightGbm(
            new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options { UseCategoricalSplit = true, NumberOfLeaves = 8, NumberOfIterations = 20, NumberOfThreads = 1 })).Fit(train);
        var trees = model.LastTransformer.Model.SubModel.TrainedTreeEnsemble.Trees;
        Assert.IsTrue(trees.Any(t => t.CategoricalSplitFlags.Any(c => c)), "the model has categorical splits");

        var expected = model.Transform(holdout);
        var onnx = RunOnnx(Export(ml, model, train), holdout);
        AssertClose(Column<float>(expected, "Score"), (float[])onnx["Score"], Tolerance, "Score");
        AssertClose(Column<float>(expected, "Probability"), (float[])onnx["Probability"], Tolerance, "Probability");
        CollectionAssert.AreEqual(Column<bool>(expected, "PredictedLabel"), (bool[])onnx["PredictedLabel"], "PredictedLabel");
    }

    /// <summary>Missing numbers reach the trees: every 5th row has NaN capital gain and every 3rd NaN hours.</summary>
    [TestMethod]
    [DataRow("lightgbm")]
    [DataRow("fasttree")]
    [DataRow("fastforest")]
    public void TreesWithMissingValues_OnnxMatchesMlNet(string trainer)
    {
        var ml = new MLContext(seed: 1);
        var rows = CopyRows();
        for (int i = 0; i < rows.Count; i += 5) rows[i].CapitalGain = float.NaN;
        for (int i = 0; i < rows.Count; i += 3) rows[i].HoursPerWeek = float.NaN;
        var train = ml.Data.LoadFromEnumerable(rows.Take(4000));
        var holdout = ml.Data.LoadFromEnumerable(rows.Skip(rows.Count - 1000));
        IEstimator<ITransformer> estimator = trainer switch
        {
            "lightgbm" => ml.BinaryClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options { NumberOfLeaves = 16, NumberOfIterations = 40, NumberOfThreads = 1 }),
            "fasttree" => ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 40),
            _ => ml.BinaryClassification.Trainers.FastForest(numberOfLeaves: 16, numberOfTrees: 20),
        };
        var model = ml.Transforms.Concatenate("Features", TestData.AdultContinuous).Append(estimator).Fit(train);
        var expected = model.Transform(holdout);
        var onnx = RunOnnx(Export(ml, model, train), holdout);
        AssertClose(Column<float>(expected, "Score"), (float[])onnx["Score"], Tolerance, "Score");
        CollectionAssert.AreEqual(Column<bool>(expected, "PredictedLabel"), (bool[])onnx["PredictedLabel"], "PredictedLabel");
    }
}
