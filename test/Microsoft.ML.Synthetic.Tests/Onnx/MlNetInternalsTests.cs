using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Onnx;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>
/// Every reflective read of ML.NET (6.0.0) state in <see cref="MlNetInternals"/>, on small fitted transformers whose
/// right answer is known from how they were built: an ML.NET upgrade that renames or retypes a member fails here by
/// name, before any exported model could be wrong.
/// </summary>
[TestClass]
public sealed class MlNetInternalsTests
{
    private sealed class Row
    {
        public float A { get; set; }
        public float B { get; set; }
        public string Colour { get; set; } = "";
        public bool Label { get; set; }
    }

    private static IDataView Data(MLContext ml) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, 60).Select(i => new Row
    {
        A = i % 7 == 0 ? float.NaN : i % 10,
        B = (i * 7) % 13,
        Colour = (i % 3) switch { 0 => "red", 1 => "green", _ => "blue" },
        Label = (i % 10) + ((i * 7) % 13) > 10,
    }));

    [TestMethod]
    public void ColumnPairsConcatenationOneHotChainAndBagFlags_ReadAsBuilt()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml);
        var normalizer = ml.Transforms.NormalizeMinMax("B2", "B").Fit(data);
        CollectionAssert.AreEqual(new[] { ("B2", "B") }, MlNetInternals.ColumnPairs(normalizer));

        var concat = ml.Transforms.Concatenate("F", "A", "B").Fit(data);
        var (output, inputs) = MlNetInternals.ConcatenatedColumns(concat).Single();
        Assert.AreEqual("F", output);
        CollectionAssert.AreEqual(new[] { "A", "B" }, inputs);

        var oneHot = ml.Transforms.Categorical.OneHotEncoding("C", "Colour", OneHotEncodingEstimator.OutputKind.Bag).Fit(data);
        var inner = MlNetInternals.OneHotChain(oneHot).ToArray();
        Assert.IsInstanceOfType<ValueToKeyMappingTransformer>(inner[0]);
        var keyToVector = (KeyToVectorMappingTransformer)inner[1];
        CollectionAssert.AreEqual(new[] { true }, MlNetInternals.KeyToVectorCountsVector(keyToVector), "a bag sums over slots");
        var indicator = (KeyToVectorMappingTransformer)MlNetInternals.OneHotChain(ml.Transforms.Categorical.OneHotEncoding("C", "Colour").Fit(data)).Last();
        CollectionAssert.AreEqual(new[] { false }, MlNetInternals.KeyToVectorCountsVector(indicator));
    }

    [TestMethod]
    public void ReplacementValuesAndValueMap_ReadAsBuilt()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml);
        var replacer = ml.Transforms.ReplaceMissingValues("A2", "A", MissingValueReplacingEstimator.ReplacementMode.Maximum).Fit(data);
        Assert.AreEqual(9f, (float)MlNetInternals.ReplacementValues(replacer).Single(), "the largest A is 9");

        var map = ml.Transforms.Conversion.MapValue("Warm", new Dictionary<string, bool> { ["red"] = true, ["blue"] = false }, "Colour").Fit(data);
        var (keys, values, missing) = MlNetInternals.ValueMap(map);
        CollectionAssert.AreEquivalent(new[] { "red", "blue" }, keys.Cast<ReadOnlyMemory<char>>().Select(k => k.ToString()).ToArray());
        Assert.AreEqual(keys.Length, values.Length);
        Assert.IsFalse((bool)missing!, "an unknown key maps to the default Boolean");
    }

    [TestMethod]
    public void ThresholdCalibratorOneVersusAllTreesAndGam_ReadAsBuilt()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Transforms.ReplaceMissingValues("A").Append(ml.Transforms.Concatenate("Features", "A", "B")).Fit(Data(ml)).Transform(Data(ml));

        var logistic = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(data);
        Assert.AreEqual((0f, "Score"), MlNetInternals.BinaryThreshold(logistic), "ML.NET's binary threshold is 0 on the score");

        var forest = ml.BinaryClassification.Trainers.FastForest(numberOfLeaves: 4, numberOfTrees: 3, minimumExampleCountPerLeaf: 2).Fit(data);
        var calibrated = ml.BinaryClassification.Calibrators.Platt().Fit(forest.Transform(data));
        var (calibrator, scoreColumn) = MlNetInternals.CalibratorStage(calibrated);
        Assert.IsInstanceOfType<PlattCalibrator>(calibrator);
        Assert.AreEqual("Score", scoreColumn);

        var keyed = ml.Transforms.Conversion.MapValueToKey("Key", "Colour").Fit(data).Transform(data);
        var ova = ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), "Key").Fit(keyed);
        var (models, formula) = MlNetInternals.OneVersusAll(ova.Model);
        Assert.HasCount(3, models, "one model per colour");
        Assert.AreEqual("ProbabilityNormalization", formula);

        // LightGbm on data with NaN (A) gives each node the value a missing feature takes; FastTree keeps NaN (null).
        var withNaN = ml.Transforms.Concatenate("Features", "A", "B").Fit(Data(ml)).Transform(Data(ml));
        var gbm = ml.BinaryClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options
        { NumberOfLeaves = 4, NumberOfIterations = 3, MinimumExampleCountPerLeaf = 2, NumberOfThreads = 1 }).Fit(withNaN);
        var tree = gbm.Model.SubModel.TrainedTreeEnsemble.Trees[0];
        Assert.AreEqual(tree.NumberOfNodes, MlNetInternals.DefaultValueForMissing(tree)?.Length, "LightGbm sets a missing-value default per node");
        var fastTree = ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 4, numberOfTrees: 2, minimumExampleCountPerLeaf: 2).Fit(withNaN);
        Assert.IsNull(MlNetInternals.DefaultValueForMissing(fastTree.Model.SubModel.TrainedTreeEnsemble.Trees[0]));

        var gam = ml.BinaryClassification.Trainers.Gam(numberOfIterations: 20, maximumBinCountPerFeature: 8).Fit(data);
        var shapes = MlNetInternals.GamShapeFunctions(gam.Model.SubModel);
        CollectionAssert.AreEqual(new[] { 0, 1 }, shapes.Select(s => s.Feature).ToArray(), "both features have a shape function");
        Assert.IsTrue(shapes.All(s => s.UpperBounds.Length == s.Effects.Length && s.UpperBounds.Length > 1));
        Assert.AreEqual(double.PositiveInfinity, shapes[0].UpperBounds[^1], "the last bin is open-ended");
    }
}
