using Microsoft.ML;
using Microsoft.ML.Synthetic.AutoTrain;
using Microsoft.ML.Synthetic.Oversampling;
using static Microsoft.ML.Synthetic.Tests.Onnx.OnnxTestSupport;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>
/// The mission chain — oversample (train-only) → map the text label → one-hot → concatenate → AutoTrain — exports
/// whichever trainer AutoTrain picks: each candidate of its binary search, as the only candidate, scores 1,000 Adult
/// holdout rows in ONNX Runtime as in ML.NET.
/// </summary>
[TestClass]
public sealed class OnnxAutoTrainParityTests
{
    [TestMethod]
    [DataRow("LightGbm")]
    [DataRow("FastTree")]
    [DataRow("FastForest")]
    [DataRow("SdcaLogisticRegression")]
    [DataRow("LbfgsLogisticRegression")]
    public void AutoTrainMissionChain_OnnxMatchesMlNet(string trainer)
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml, trainRows: 2000);
        var synthetic = ml.Synthetic();
        var prefix = synthetic.Resampling.RandomOverSample("income", seed: 7)
            .Append(ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { [">50K"] = true, ["<=50K"] = false }, "income"))
            .Append(ml.Transforms.Categorical.OneHotEncoding([.. Categorical.Select(c => new InputOutputColumnPair(c + ".oh", c))]))
            .Append(ml.Transforms.Concatenate("Features", [.. TestData.AdultContinuous, .. Categorical.Select(c => c + ".oh")]));
        var options = new AutoTrainOptions { MaxTrials = 1, Folds = 2, Seed = 1, Trainers = [trainer], TrainerThreads = 1 };
        AutoTrainModel model = synthetic.AutoTrain.BinaryClassification(prefix, "Label", options).Fit(train);
        Assert.AreEqual(trainer, model.BestTrial.Trainer);

        var expected = model.Transform(holdout);
        var onnx = RunOnnx(Export(ml, model, train), holdout);
        AssertClose(Column<float>(expected, "Score"), (float[])onnx["Score"], 1e-5, "Score");
        if (expected.Schema.GetColumnOrNull("Probability") is not null)
        {
            AssertClose(Column<float>(expected, "Probability"), (float[])onnx["Probability"], 1e-5, "Probability");
        }
        else
        {
            Assert.AreEqual("FastForest", trainer, "only FastForest's binary model is uncalibrated");
        }
        CollectionAssert.AreEqual(Column<bool>(expected, "PredictedLabel"), (bool[])onnx["PredictedLabel"], "PredictedLabel");
    }

    [TestMethod]
    [DataRow("LightGbm")]
    [DataRow("SdcaMaximumEntropy")]
    [DataRow("LbfgsMaximumEntropy")]
    [DataRow("OneVersusAllFastTree")]
    public void AutoTrainMulticlass_OnnxMatchesMlNet(string trainer)
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml, trainRows: 2000);
        var prefix = ml.Transforms.Conversion.MapValueToKey("Label", "relationship").Append(Featurize(ml, "relationship"));
        var options = new AutoTrainOptions { MaxTrials = 1, Folds = 2, Seed = 1, Trainers = [trainer], TrainerThreads = 1 };
        var model = ml.Synthetic().AutoTrain.MulticlassClassification(prefix, "Label", options).Fit(train);

        var expected = model.Transform(holdout);
        var onnx = RunOnnx(Export(ml, model, train), holdout);
        AssertClose(Column<float>(expected, "Score"), (float[])onnx["Score"], 1e-5, "Score");
        CollectionAssert.AreEqual(Column<uint>(expected, "PredictedLabel"), (uint[])onnx["PredictedLabel"], "PredictedLabel (keys)");
    }

    [TestMethod]
    [DataRow("LightGbm")]
    [DataRow("FastTree")]
    [DataRow("FastForest")]
    [DataRow("Sdca")]
    public void AutoTrainRegression_OnnxMatchesMlNet(string trainer)
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml, trainRows: 2000);
        var prefix = ml.Transforms.CopyColumns("Label", "age").Append(Featurize(ml, "age"));
        var options = new AutoTrainOptions { MaxTrials = 1, Folds = 2, Seed = 1, Trainers = [trainer], TrainerThreads = 1 };
        var model = ml.Synthetic().AutoTrain.Regression(prefix, "Label", options).Fit(train);

        var onnx = RunOnnx(Export(ml, model, train), holdout);
        AssertClose(Column<float>(model.Transform(holdout), "Score"), (float[])onnx["Score"], 1e-5, "Score");
    }
}
