using Microsoft.ML;
using Microsoft.ML.Synthetic.AutoTrain;
using static Microsoft.ML.Synthetic.Tests.Onnx.OnnxTestSupport;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>An AutoTrain result exports as the fitted chain it holds.</summary>
[TestClass]
public sealed class OnnxAutoTrainExportTests
{
    [TestMethod]
    public void AutoTrainModel_ExportsAsItsFittedChain_WithParity()
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml, trainRows: 1500);
        var model = ml.Synthetic().AutoTrain.BinaryClassification(Featurize(ml), "Label",
                new AutoTrainOptions { MaxTrials = 2, Folds = 2, Seed = 1, Trainers = ["LightGbm"] })
            .Fit(train);

        var exported = Export(ml, model, train);
        CollectionAssert.AreEqual(Export(ml, model.Model, train), exported, "the AutoTrain model exports as its chain");

        var onnx = RunOnnx(exported, holdout);
        var expected = model.Transform(holdout);
        AssertClose(Column<float>(expected, "Probability"), (float[])onnx["Probability"], 1e-5, "Probability");
        CollectionAssert.AreEqual(Column<bool>(expected, "PredictedLabel"), (bool[])onnx["PredictedLabel"]);
    }
}
