using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.AutoTrain;
using Microsoft.ML.Synthetic.Onnx;
using Microsoft.ML.Synthetic.TrainOnly;
using Microsoft.ML.Synthetic.Tests.Onnx;

namespace Microsoft.ML.Synthetic.Tests.Mission;

/// <summary>
/// The user story's one fitted chain, end to end on a subsample of Adult: oversample the rare income class with a
/// synthesizer (train-only) → income to a Boolean label → one-hot → features → AutoTrain → ONNX export → save/load.
/// The Gaussian copula stands in for CTGAN to keep the test fast; the stage and the rest of the chain are the same.
/// </summary>
[TestClass]
public sealed class MissionChainTests
{
    private static readonly string[] Categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];
    private static readonly KeyValuePair<string, bool>[] Income =
        [new(">50K", true), new(" >50K", true), new("<=50K", false), new(" <=50K", false)];

    private static readonly Lazy<Fitted> Chain = new(FitChain);

    private sealed record Fitted(MLContext Ml, IDataView Train, IDataView Test, AutoTrainModel Model);

    private static Fitted FitChain()
    {
        var ml = new MLContext(seed: 42);
        var adult = ml.Data.Cache(ml.Data.TakeRows(TestData.LoadAdult(ml), 6000));
        var split = ml.Data.TrainTestSplit(adult, testFraction: 0.25, seed: 42);
        var synthetic = ml.Synthetic();

        var prefix = synthetic.Oversample("income", generator: synthetic.Synthesizers.GaussianCopula(seed: 7), seed: 7)
            .Append(ml.Transforms.Conversion.MapValue("Label", Income, "income"))
            .Append(ml.Transforms.Categorical.OneHotEncoding([.. Categorical.Select(c => new InputOutputColumnPair(c + "_oh", c))]))
            .Append(ml.Transforms.Concatenate("Features", [.. TestData.AdultContinuous, .. Categorical.Select(c => c + "_oh")]));
        var options = new AutoTrainOptions { MaxTrials = 4, Folds = 3, Seed = 42 };

        var watch = Stopwatch.StartNew();
        var model = synthetic.AutoTrain.BinaryClassification(prefix, labelColumnName: "Label", options).Fit(split.TrainSet);
        Console.WriteLine($"mission chain fitted in {watch.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine(model.Leaderboard);
        return new Fitted(ml, split.TrainSet, split.TestSet, model);
    }

    [TestMethod]
    public void FittedChain_TransformReturnsExactlyTheInputRows_ForTestAndTrainSets()
    {
        var (ml, train, test, model) = Chain.Value;

        // The final fit did oversample: the train-only stage added synthetic rows of the rare class.
        var stage = Flatten(model.Model).OfType<SyntheticRowsTransformer>().Single();
        Assert.IsGreaterThan(0L, stage.Summary.SyntheticRows, stage.Summary.ToString());

        foreach (var (name, data) in new[] { ("test", test), ("train", train) })
        {
            var scored = model.Transform(data);
            Assert.AreEqual(Count(data), Count(scored), $"{name} rows");
            CollectionAssert.AreEqual(data.GetColumn<float>("age").ToArray(), scored.GetColumn<float>("age").ToArray(), $"{name} ages");
            CollectionAssert.AreEqual(
                data.GetColumn<ReadOnlyMemory<char>>("income").Select(v => v.ToString()).ToArray(),
                scored.GetColumn<ReadOnlyMemory<char>>("income").Select(v => v.ToString()).ToArray(), $"{name} incomes");
        }
    }

    [TestMethod]
    public void Leaderboard_IsNotEmpty_AndHeldOutAucExceeds085()
    {
        var (ml, _, test, model) = Chain.Value;
        Assert.IsGreaterThan(0, model.Leaderboard.Count);
        double auc = ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(test), "Label").AreaUnderRocCurve;
        Console.WriteLine($"held-out AUC {auc:F4}; best trial {model.BestTrial.Trainer} CV AUC {model.BestTrial.MetricMean:F4}");
        Assert.IsGreaterThan(0.85, auc);
    }

    [TestMethod]
    public void OnnxExport_LeavesOutTheOversampler_AndMatchesMlNetOnTheTestSplit()
    {
        var (ml, train, test, model) = Chain.Value;
        using var stream = new MemoryStream();
        ml.Synthetic().ConvertToOnnx(model, train, stream, new OnnxExportOptions { OutputColumns = ["Score", "Probability", "PredictedLabel"] });
        var onnx = OnnxTestSupport.RunOnnx(stream.ToArray(), test);

        // The file is the one of the same fitted stages with the train-only oversampler taken out.
        var scoringStages = Flatten(model.Model).Where(s => s is not ITrainOnlyTransformer).ToArray();
        Assert.HasCount(Flatten(model.Model).Count() - 1, scoringStages);
        using var withoutOversampler = new MemoryStream();
        ml.Synthetic().ConvertToOnnx(new TransformerChain<ITransformer>(scoringStages), train, withoutOversampler,
            new OnnxExportOptions { OutputColumns = ["Score", "Probability", "PredictedLabel"] });
        CollectionAssert.AreEqual(withoutOversampler.ToArray(), stream.ToArray(), "the oversampler adds nothing to the ONNX graph");

        var scored = model.Transform(test);
        OnnxTestSupport.AssertClose(OnnxTestSupport.Column<float>(scored, "Score"), (float[])onnx["Score"], 1e-4, "Score");
        OnnxTestSupport.AssertClose(OnnxTestSupport.Column<float>(scored, "Probability"), (float[])onnx["Probability"], 1e-4, "Probability");
        CollectionAssert.AreEqual(OnnxTestSupport.Column<bool>(scored, "PredictedLabel"), (bool[])onnx["PredictedLabel"], "PredictedLabel");
    }

    [TestMethod]
    public void SavedModel_LoadsBack_AndScoresIdentically()
    {
        var (ml, train, test, model) = Chain.Value;
        using var file = new MemoryStream();
        ml.Model.Save(model, train.Schema, file);
        file.Position = 0;
        var loaded = ml.Model.Load(file, out _);

        var expected = model.Transform(test);
        var actual = loaded.Transform(test);
        Assert.AreEqual(Count(test), Count(actual), "rows scored by the loaded model");
        CollectionAssert.AreEqual(expected.GetColumn<float>("Score").ToArray(), actual.GetColumn<float>("Score").ToArray(), "Score");
        CollectionAssert.AreEqual(expected.GetColumn<float>("Probability").ToArray(), actual.GetColumn<float>("Probability").ToArray(), "Probability");
    }

    [TestMethod]
    public void CopulaOfTheTrainSplit_TstrAucIsHigh_AndNotAboveTrtr()
    {
        var (ml, train, test, _) = Chain.Value;
        var synthetic = ml.Synthetic();
        var copula = synthetic.Synthesizers.GaussianCopula(seed: 7).Fit(train);
        var options = new EvaluationOptions { Seed = 42 };
        options.Utility.LabelColumn = "income";
        options.Detection.Enabled = false;
        options.Privacy.Enabled = false;
        var utility = synthetic.Evaluate(real: train, synthetic: copula.Sample(Count(train), seed: 7), holdout: test, options: options).Utility!;

        Console.WriteLine($"TRTR AUC {utility.Trtr.Auc:F4}, TSTR AUC {utility.Tstr.Auc:F4}, TSTR/TRTR {utility.TstrTrtrRatio:F3}");
        Assert.IsGreaterThan(0.85, utility.Trtr.Auc, "train real, test real");
        Assert.IsGreaterThan(0.7, utility.Tstr.Auc, "train on copula rows, test real");
        Assert.IsLessThan(utility.Trtr.Auc + 0.02, utility.Tstr.Auc, "synthetic rows should not beat the real ones");
    }

    private static long Count(IDataView data)
    {
        long n = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext()) n++;
        return n;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer stage) => stage is IEnumerable<ITransformer> chain
        ? chain.SelectMany(Flatten)
        : [stage];
}
