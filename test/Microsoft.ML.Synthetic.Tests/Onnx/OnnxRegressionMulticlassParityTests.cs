using Microsoft.ML;
using static Microsoft.ML.Synthetic.Tests.Onnx.OnnxTestSupport;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>
/// Regression (predicting age) and multiclass classification with a text label (relationship, mapped to a key
/// and back), each on 1,000 Adult holdout rows: ONNX Runtime gives ML.NET's scores within 1e-5 and the same labels.
/// </summary>
[TestClass]
public sealed class OnnxRegressionMulticlassParityTests
{
    private const double Tolerance = 1e-5;

    private static void AssertRegressionParity(Func<MLContext, IEstimator<ITransformer>> trainer, double tolerance = Tolerance)
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml);
        var model = ml.Transforms.CopyColumns("Label", "age")
            .Append(Featurize(ml, "age"))
            .Append(trainer(ml))
            .Fit(train);
        var onnx = RunOnnx(Export(ml, model, train), holdout);
        var expected = Column<float>(model.Transform(holdout), "Score");
        AssertClose(expected, (float[])onnx["Score"], tolerance, "Score");
        Assert.IsTrue(expected.Distinct().Count() > 10, "the scores vary");
    }

    [TestMethod]
    public void SdcaRegression_OnnxMatchesMlNet() =>
        AssertRegressionParity(ml => ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 20));

    [TestMethod]
    public void FastTreeRegression_OnnxMatchesMlNet() =>
        AssertRegressionParity(ml => ml.Regression.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 40));

    [TestMethod]
    public void FastForestRegression_OnnxMatchesMlNet() =>
        AssertRegressionParity(ml => ml.Regression.Trainers.FastForest(numberOfLeaves: 16, numberOfTrees: 20));

    [TestMethod]
    public void LightGbmRegression_OnnxMatchesMlNet() =>
        AssertRegressionParity(ml => ml.Regression.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmRegressionTrainer.Options { NumberOfLeaves = 16, NumberOfIterations = 40, NumberOfThreads = 1 }));

    [TestMethod]
    public void LbfgsPoissonRegression_OnnxMatchesMlNet() =>
        AssertRegressionParity(ml => ml.Regression.Trainers.LbfgsPoissonRegression(), tolerance: 2e-5);

    [TestMethod]
    public void FastTreeTweedie_OnnxMatchesMlNet() =>
        AssertRegressionParity(ml => ml.Regression.Trainers.FastTreeTweedie(numberOfLeaves: 8, numberOfTrees: 20), tolerance: 2e-5);

    [TestMethod]
    public void GamRegression_OnnxMatchesMlNet() =>
        AssertRegressionParity(ml => ml.Regression.Trainers.Gam(numberOfIterations: 300, learningRate: 0.05));

    private static void AssertMulticlassParity(Func<MLContext, IEstimator<ITransformer>> trainer)
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml);
        var model = ml.Transforms.Conversion.MapValueToKey("Label", "relationship")
            .Append(Featurize(ml, "relationship"))
            .Append(trainer(ml))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(train);
        var onnx = RunOnnx(Export(ml, model, train), holdout);
        var expected = model.Transform(holdout);

        AssertClose(Column<float>(expected, "Score"), (float[])onnx["Score"], Tolerance, "Score");
        var labels = Column<ReadOnlyMemory<char>>(expected, "PredictedLabel").Select(v => v.ToString()).ToArray();
        CollectionAssert.AreEqual(labels, (string[])onnx["PredictedLabel"], "PredictedLabel");
        Assert.IsTrue(labels.Distinct().Count() >= 3, "several classes are predicted");
        CollectionAssert.AreEqual(Column<uint>(expected, "Label"), (uint[])onnx["Label.output"],
            "the label key column, as uint32 keys, named with a suffix because the input data has a column 'Label' too");
    }

    [TestMethod]
    public void SdcaMaximumEntropy_StringLabels_OnnxMatchesMlNet() =>
        AssertMulticlassParity(ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 10));

    [TestMethod]
    public void LbfgsMaximumEntropy_StringLabels_OnnxMatchesMlNet() =>
        AssertMulticlassParity(ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

    [TestMethod]
    public void SdcaNonCalibratedMulticlass_OnnxMatchesMlNet() =>
        AssertMulticlassParity(ml => ml.MulticlassClassification.Trainers.SdcaNonCalibrated(maximumNumberOfIterations: 10));

    [TestMethod]
    public void LightGbmMulticlass_OnnxMatchesMlNet() =>
        AssertMulticlassParity(ml => ml.MulticlassClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmMulticlassTrainer.Options { NumberOfLeaves = 8, NumberOfIterations = 20, NumberOfThreads = 1 }));

    [TestMethod]
    public void OneVersusAllFastTree_Probabilities_OnnxMatchesMlNet() =>
        AssertMulticlassParity(ml => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 8, numberOfTrees: 10)));

    [TestMethod]
    public void OneVersusAllLogisticRegression_RawScores_OnnxMatchesMlNet() =>
        AssertMulticlassParity(ml => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), useProbabilities: false));
}
