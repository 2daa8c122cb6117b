using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Synthetic.TrainOnly;
using static Microsoft.ML.Synthetic.Tests.Onnx.OnnxTestSupport;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>How chains are exported: train-only stages left out, unsupported stages named, files valid ONNX.</summary>
[TestClass]
public sealed class OnnxChainExportTests
{
    /// <summary>A train-only stage that repeats every training row twice more (identity at scoring time).</summary>
    private sealed class TriplingEstimator(MLContext ml) : TrainOnlyEstimatorBase<TriplingTransformer>
    {
        private protected override TriplingTransformer FitCore(IDataView input) => new(ml, input);
    }

    private sealed class TriplingTransformer(MLContext ml, IDataView fittedOn) : TrainOnlyTransformerBase(ml, fittedOn)
    {
        private protected override IDataView TransformTraining(IDataView trainingData)
        {
            var rows = Context.Data.CreateEnumerable<AdultRow>(trainingData, reuseRowObject: false).ToList();
            return Context.Data.LoadFromEnumerable(rows.Concat(rows).Concat(rows));
        }
    }

    [TestMethod]
    public void TrainOnlyStage_IsLeftOut_FileEqualsTheChainWithoutIt()
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml, trainRows: 2000);
        var model = new TriplingEstimator(ml)
            .Append(Featurize(ml))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())
            .Fit(train);
        var stages = model.ToList();
        Assert.IsTrue(stages.Any(s => s is ITrainOnlyTransformer), "the fitted chain holds the train-only stage");

        var withoutStage = new TransformerChain<ITransformer>([.. stages.Where(s => s is not ITrainOnlyTransformer)]);
        var exported = Export(ml, model, train);
        CollectionAssert.AreEqual(Export(ml, withoutStage, train), exported, "the stage adds nothing to the ONNX file");

        var onnx = RunOnnx(exported, holdout);
        var expected = model.Transform(holdout);
        AssertClose(Column<float>(expected, "Probability"), (float[])onnx["Probability"], 1e-5, "Probability");
        CollectionAssert.AreEqual(Column<bool>(expected, "PredictedLabel"), (bool[])onnx["PredictedLabel"]);
    }

    [TestMethod]
    public void SavedAndLoadedChainWithTrainOnlyStage_ExportsWithParity()
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml, trainRows: 2000);
        var model = new TriplingEstimator(ml)
            .Append(Featurize(ml))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 10))
            .Fit(train);
        using var file = new MemoryStream();
        ml.Model.Save(model, train.Schema, file);
        file.Position = 0;
        var loaded = ml.Model.Load(file, out _);

        var onnx = RunOnnx(Export(ml, loaded, train), holdout);
        AssertClose(Column<float>(model.Transform(holdout), "Probability"), (float[])onnx["Probability"], 1e-5, "Probability");
    }

    [TestMethod]
    public void UnsupportedTransform_ThrowsNotSupported_NamingStageAndColumn()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Split(ml, trainRows: 500);
        var model = ml.Transforms.Conversion.Hash("EducationHash", "education", numberOfBits: 8)
            .Append(ml.Transforms.Concatenate("Features", "age"))
            .Fit(train);
        var error = Assert.ThrowsExactly<NotSupportedException>(() => Export(ml, model, train));
        StringAssert.Contains(error.Message, "HashingTransformer");
        StringAssert.Contains(error.Message, "'EducationHash'");
    }

    [TestMethod]
    public void UnsupportedModel_ThrowsNotSupported_NamingTheModel()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Split(ml, trainRows: 500);
        var model = ml.Transforms.Concatenate("Features", "education-num", "hours-per-week")
            .Append(ml.BinaryClassification.Trainers.Prior())
            .Fit(train);
        var error = Assert.ThrowsExactly<NotSupportedException>(() => Export(ml, model, train));
        StringAssert.Contains(error.Message, "PriorModelParameters");
        StringAssert.Contains(error.Message, "'Score'");
    }

    [TestMethod]
    public void OutputColumnsOption_ExportsOnlyThoseAndTheInputsTheyNeed()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Split(ml, trainRows: 500);
        var model = ml.Transforms.Categorical.OneHotEncoding("Sex", "sex")
            .Append(ml.Transforms.Categorical.OneHotEncoding("Race", "race"))
            .Fit(train);
        using var stream = new MemoryStream();
        ml.Synthetic().ConvertToOnnx(model, train, stream, new OnnxExportOptions { OutputColumns = ["Sex"] });
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(stream.ToArray());
        CollectionAssert.AreEqual(new[] { "sex" }, session.InputMetadata.Keys.ToArray());
        CollectionAssert.AreEqual(new[] { "Sex" }, session.OutputMetadata.Keys.ToArray());
    }

    [TestMethod]
    public void DefaultOutputs_AreTheColumnsTheChainCreatesOrChanges_CopiesIncluded()
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml, trainRows: 500);
        var model = ml.Transforms.CopyColumns("AgeCopy", "age")
            .Append(ml.Transforms.NormalizeMinMax("hours-per-week"))
            .Fit(train);
        byte[] file = Export(ml, model, train);
        using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(file))
        {
            CollectionAssert.AreEquivalent(new[] { "AgeCopy", "hours-per-week.output" }, session.OutputMetadata.Keys.ToArray());
            CollectionAssert.AreEquivalent(new[] { "age", "hours-per-week" }, session.InputMetadata.Keys.ToArray());
        }

        var onnx = RunOnnx(file, holdout);
        CollectionAssert.AreEqual(Column<float>(holdout, "age"), (float[])onnx["AgeCopy"]);
    }

    [TestMethod]
    public void TrainingScopedStage_IsLeftOut_AsMlNetScoresWithoutIt()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = Split(ml, trainRows: 500);
        var model = ml.Transforms.Categorical.OneHotEncoding("Sex", "sex")
            .Append(ml.Transforms.CopyColumns("AgeForTraining", "age"), TransformerScope.Training)
            .Fit(train);
        Assert.IsNull(model.GetOutputSchema(train.Schema, TransformerScope.Scoring).GetColumnOrNull("AgeForTraining"));
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(Export(ml, model, train));
        CollectionAssert.AreEqual(new[] { "Sex" }, session.OutputMetadata.Keys.ToArray());
    }

    [TestMethod]
    public void InPlaceColumnAndKeyInput_GetSuffixedOutputAndUInt32Input()
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = Split(ml, trainRows: 500);
        var keyed = ml.Transforms.Conversion.MapValueToKey("RaceKey", "race").Fit(train);
        var keyedTrain = keyed.Transform(train);
        var keyedHoldout = keyed.Transform(holdout);
        var model = ml.Transforms.NormalizeMinMax("age")
            .Append(ml.Transforms.Conversion.MapKeyToVector("Race", "RaceKey"))
            .Fit(keyedTrain);
        byte[] file = Export(ml, model, keyedTrain);
        using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(file))
        {
            Assert.AreEqual(typeof(uint), session.InputMetadata["RaceKey"].ElementType, "keys enter as their uint32 values");
            CollectionAssert.AreEquivalent(new[] { "age.output", "Race" }, session.OutputMetadata.Keys.ToArray(),
                "'age' is both an input and a changed column, so its output name has a suffix");
        }

        var onnx = RunOnnx(file, keyedHoldout);
        var expected = model.Transform(keyedHoldout);
        AssertClose(Column<float>(expected, "age"), (float[])onnx["age.output"], 1e-6, "age");
        AssertClose(Column<float>(expected, "Race"), (float[])onnx["Race"], 0, "Race");
    }

    /// <summary>
    /// The ONNX checker (Python <c>onnx.checker.check_model</c> with full shape inference, Debian's
    /// <c>python3-onnx</c>) accepts linear, tree, multiclass and transform-heavy exports.
    /// </summary>
    [TestMethod]
    public void ExportedFiles_PassTheOnnxChecker()
    {
        if (!PythonOnnxAvailable(out string why))
        {
            MissingTool.EndTest($"The ONNX checker is not available: {why}. Install Debian's python3-onnx to run this test.");
        }

        var ml = new MLContext(seed: 1);
        var (train, _) = Split(ml, trainRows: 1000);
        var models = new Dictionary<string, ITransformer>
        {
            ["linear"] = Featurize(ml).Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(train),
            ["fasttree"] = Featurize(ml).Append(ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 5)).Fit(train),
            ["lightgbm"] = Featurize(ml).Append(ml.Regression.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmRegressionTrainer.Options { NumberOfIterations = 5, LabelColumnName = "age", NumberOfThreads = 1 })).Fit(train),
            ["lightgbm-categorical"] = Featurize(ml).Append(ml.BinaryClassification.Trainers.LightGbm(
                new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options { UseCategoricalSplit = true, NumberOfIterations = 5, NumberOfThreads = 1 })).Fit(train),
            ["gam-poisson"] = Featurize(ml).Append(ml.Regression.Trainers.Gam(labelColumnName: "age", numberOfIterations: 20))
                .Append(ml.Transforms.CopyColumns("GamScore", "Score"))
                .Append(ml.Regression.Trainers.LbfgsPoissonRegression(labelColumnName: "age")).Fit(train),
            ["calibrators"] = Featurize(ml).Append(ml.BinaryClassification.Trainers.FastForest(numberOfTrees: 3))
                .Append(ml.BinaryClassification.Calibrators.Isotonic()).Fit(train),
            ["naive"] = Featurize(ml).Append(ml.BinaryClassification.Trainers.FastForest(numberOfTrees: 3))
                .Append(ml.BinaryClassification.Calibrators.Naive()).Fit(train),
            ["one-versus-all"] = ml.Transforms.Conversion.MapValueToKey("Label", "race").Append(Featurize(ml, "race"))
                .Append(ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 3))).Fit(train),
            ["multiclass"] = ml.Transforms.Conversion.MapValueToKey("Label", "relationship").Append(Featurize(ml, "relationship"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()).Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")).Fit(train),
            ["transforms"] = ml.Transforms.ReplaceMissingValues("Gain", "capital-gain")
                .Append(ml.Transforms.NormalizeMeanVariance("AgeCdf", "age", useCdf: true))
                .Append(ml.Transforms.NormalizeBinning("Hours", "hours-per-week"))
                .Append(ml.Transforms.Conversion.ConvertType("LabelNumber", "Label", DataKind.Single))
                .Append(ml.Transforms.Categorical.OneHotEncoding("Education", "education", Microsoft.ML.Transforms.OneHotEncodingEstimator.OutputKind.Bag))
                .Fit(train),
        };

        string folder = Path.Combine(Path.GetTempPath(), $"onnx-checker-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var files = models.Select(m =>
            {
                string path = Path.Combine(folder, m.Key + ".onnx");
                File.WriteAllBytes(path, Export(ml, m.Value, train));
                return path;
            }).ToList();

            const string script = "import sys, onnx\nfor p in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(p), full_check=True)\n    print('ok', p)\n";
            var (code, output) = RunPython(["-c", script, .. files]);
            Assert.AreEqual(0, code, output);
            Assert.AreEqual(files.Count, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)), output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static bool PythonOnnxAvailable(out string why)
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            why = "/usr/bin/python3 does not exist";
            return false;
        }

        var (code, output) = RunPython(["-c", "import onnx, onnx.checker"]);
        why = code == 0 ? "" : $"/usr/bin/python3 cannot import onnx ({output.Trim()})";
        return code == 0;
    }

    internal static (int Code, string Output) RunPython(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
