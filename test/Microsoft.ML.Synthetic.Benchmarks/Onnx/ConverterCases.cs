using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.AutoTrain;
using Microsoft.ML.Synthetic.Oversampling;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using static Microsoft.ML.Synthetic.Benchmarks.Onnx.OnnxBenchmarks;

namespace Microsoft.ML.Synthetic.Benchmarks.Onnx;

/// <summary>One chain of the ONNX parity matrix: how to fit it on Adult and which columns to compare.</summary>
internal sealed record ConverterCase(string Name, Func<MLContext, (ITransformer Model, IDataView Train, IDataView Holdout)> Fit, string[] Columns, double Tolerance = 1e-5);

/// <summary>
/// The chains of the ONNX parity tests (<c>test/Microsoft.ML.Synthetic.Tests/Onnx</c>), with the same data, settings
/// and tolerances: every transform, every trainer and calibrator, trees on missing values, and the mission chain
/// (oversample → map the label → one-hot → concatenate → AutoTrain) for each of AutoTrain's binary trainers.
/// </summary>
internal static class ConverterCases
{
    private static readonly string[] Binary = ["Score", "Probability", "PredictedLabel"];

    public static IEnumerable<ConverterCase> All(List<AdultRow> rows)
    {
        (IDataView, IDataView) Split(MLContext ml, int train = 4000, List<AdultRow>? from = null)
        {
            from ??= rows;
            return (ml.Data.LoadFromEnumerable(from.Take(train)), ml.Data.LoadFromEnumerable(from.Skip(from.Count - 1000)));
        }

        ConverterCase Chain(string name, Func<MLContext, IEstimator<ITransformer>> pipeline, string[] columns, int train = 4000, List<AdultRow>? data = null, double tolerance = 1e-5) =>
            new(name, ml =>
            {
                var (t, h) = Split(ml, train, data);
                return (pipeline(ml).Fit(t), t, h);
            }, columns, tolerance);

        // Binary classification: featurize → trainer.
        foreach (var (name, trainer, calibrated) in new (string, Func<MLContext, IEstimator<ITransformer>>, bool)[]
        {
            ("binary.sdca_logistic", ml => ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20), true),
            ("binary.lbfgs_logistic", ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), true),
            ("binary.sdca_noncalibrated", ml => ml.BinaryClassification.Trainers.SdcaNonCalibrated(maximumNumberOfIterations: 20), false),
            ("binary.fasttree", ml => ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 40), true),
            ("binary.fastforest", ml => ml.BinaryClassification.Trainers.FastForest(numberOfLeaves: 16, numberOfTrees: 20), false),
            ("binary.gam", ml => ml.BinaryClassification.Trainers.Gam(numberOfIterations: 300, learningRate: 0.05), true),
            ("binary.lightgbm", ml => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfLeaves = 16, NumberOfIterations = 40, NumberOfThreads = 1 }), true),
        })
        {
            yield return Chain(name, ml => Featurize(ml).Append(trainer(ml)), calibrated ? Binary : ["Score", "PredictedLabel"]);
        }

        foreach (string calibrator in new[] { "platt", "naive", "isotonic" })
        {
            yield return Chain($"binary.fastforest.calibrator_{calibrator}", ml => Featurize(ml)
                .Append(ml.BinaryClassification.Trainers.FastForest(numberOfLeaves: 8, numberOfTrees: 10))
                .Append(calibrator switch
                {
                    "platt" => (IEstimator<ITransformer>)ml.BinaryClassification.Calibrators.Platt(),
                    "naive" => ml.BinaryClassification.Calibrators.Naive(),
                    _ => ml.BinaryClassification.Calibrators.Isotonic(),
                }), ["Probability", "PredictedLabel"], train: 2000);
        }

        yield return Chain("binary.lightgbm.categorical_splits", ml => Featurize(ml).Append(ml.BinaryClassification.Trainers.LightGbm(
            new LightGbmBinaryTrainer.Options { UseCategoricalSplit = true, NumberOfLeaves = 8, NumberOfIterations = 20, NumberOfThreads = 1 })), Binary, train: 2000);

        var withNaN = rows.Select(r => r.Clone()).ToList();
        for (int i = 0; i < withNaN.Count; i += 5) withNaN[i].CapitalGain = float.NaN;
        for (int i = 0; i < withNaN.Count; i += 3) withNaN[i].HoursPerWeek = float.NaN;
        foreach (var (name, trainer) in new (string, Func<MLContext, IEstimator<ITransformer>>)[]
        {
            ("binary.lightgbm.missing_values", ml => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfLeaves = 16, NumberOfIterations = 40, NumberOfThreads = 1 })),
            ("binary.fasttree.missing_values", ml => ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 40)),
            ("binary.fastforest.missing_values", ml => ml.BinaryClassification.Trainers.FastForest(numberOfLeaves: 16, numberOfTrees: 20)),
        })
        {
            yield return Chain(name, ml => ml.Transforms.Concatenate("Features", Continuous).Append(trainer(ml)), ["Score", "PredictedLabel"], data: withNaN);
        }

        // Regression of age: copy the label → featurize the rest → trainer.
        foreach (var (name, trainer, tolerance) in new (string, Func<MLContext, IEstimator<ITransformer>>, double)[]
        {
            ("regression.sdca", ml => ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 20), 1e-5),
            ("regression.fasttree", ml => ml.Regression.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 40), 1e-5),
            ("regression.fastforest", ml => ml.Regression.Trainers.FastForest(numberOfLeaves: 16, numberOfTrees: 20), 1e-5),
            ("regression.lightgbm", ml => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options { NumberOfLeaves = 16, NumberOfIterations = 40, NumberOfThreads = 1 }), 1e-5),
            ("regression.lbfgs_poisson", ml => ml.Regression.Trainers.LbfgsPoissonRegression(), 2e-5),
            ("regression.fasttree_tweedie", ml => ml.Regression.Trainers.FastTreeTweedie(numberOfLeaves: 8, numberOfTrees: 20), 2e-5),
            ("regression.gam", ml => ml.Regression.Trainers.Gam(numberOfIterations: 300, learningRate: 0.05), 1e-5),
        })
        {
            yield return Chain(name, ml => ml.Transforms.CopyColumns("Label", "age").Append(Featurize(ml, "age")).Append(trainer(ml)), ["Score"], tolerance: tolerance);
        }

        // Multiclass on relationship (text label → key → trainer → key back to text).
        foreach (var (name, trainer) in new (string, Func<MLContext, IEstimator<ITransformer>>)[]
        {
            ("multiclass.sdca_maximum_entropy", ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 10)),
            ("multiclass.lbfgs_maximum_entropy", ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()),
            ("multiclass.sdca_noncalibrated", ml => ml.MulticlassClassification.Trainers.SdcaNonCalibrated(maximumNumberOfIterations: 10)),
            ("multiclass.lightgbm", ml => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options { NumberOfLeaves = 8, NumberOfIterations = 20, NumberOfThreads = 1 })),
            ("multiclass.ova_fasttree", ml => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 8, numberOfTrees: 10))),
            ("multiclass.ova_logistic_raw", ml => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), useProbabilities: false)),
        })
        {
            yield return Chain(name, ml => ml.Transforms.Conversion.MapValueToKey("Label", "relationship").Append(Featurize(ml, "relationship"))
                .Append(trainer(ml)).Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")), ["Score", "PredictedLabel", "Label"]);
        }

        // Transforms, on Adult with NaN in every 7th capital gain and an unseen workclass in every 5th holdout row.
        var messy = rows.Select(r => r.Clone()).ToList();
        for (int i = 0; i < messy.Count; i += 7) messy[i].CapitalGain = float.NaN;
        for (int i = messy.Count - 1000; i < messy.Count; i += 5) messy[i].Workclass = " Never-seen-before";
        ConverterCase Transform(string name, Func<MLContext, IEstimator<ITransformer>> pipeline, params string[] columns) =>
            Chain("transform." + name, pipeline, columns, train: 3000, data: messy);

        yield return Transform("replace_missing.mean", ml => ml.Transforms.ReplaceMissingValues("GainFilled", "capital-gain", MissingValueReplacingEstimator.ReplacementMode.Mean), "GainFilled");
        yield return Transform("replace_missing.max_per_slot", ml => ml.Transforms.Concatenate("Money", "capital-gain", "capital-loss")
            .Append(ml.Transforms.ReplaceMissingValues("MoneyFilled", "Money", MissingValueReplacingEstimator.ReplacementMode.Maximum, imputeBySlot: true)), "MoneyFilled");
        IEstimator<ITransformer> Numbers(MLContext ml) => ml.Transforms.Concatenate("Numbers", "age", "fnlwgt", "hours-per-week");
        yield return Transform("normalize.min_max", ml => Numbers(ml).Append(ml.Transforms.NormalizeMinMax("Out", "Numbers")), "Out");
        yield return Transform("normalize.min_max_no_fix_zero", ml => ml.Transforms.NormalizeMinMax("Out", "age", fixZero: false), "Out");
        yield return Transform("normalize.mean_variance", ml => Numbers(ml).Append(ml.Transforms.NormalizeMeanVariance("Out", "Numbers")), "Out");
        yield return Transform("normalize.mean_variance_cdf", ml => ml.Transforms.NormalizeMeanVariance("Out", "age", useCdf: true), "Out");
        yield return Transform("normalize.log_mean_variance", ml => ml.Transforms.NormalizeLogMeanVariance("Out", "fnlwgt", useCdf: false), "Out");
        yield return Transform("normalize.log_mean_variance_cdf", ml => ml.Transforms.NormalizeLogMeanVariance("Out", "fnlwgt", useCdf: true), "Out");
        yield return Transform("normalize.binning", ml => Numbers(ml).Append(ml.Transforms.NormalizeBinning("Out", "Numbers", maximumBinCount: 8)), "Out");
        yield return Transform("normalize.robust_scaling", ml => Numbers(ml).Append(ml.Transforms.NormalizeRobustScaling("Out", "Numbers")), "Out");
        yield return Transform("one_hot.indicator", ml => ml.Transforms.Categorical.OneHotEncoding("Out", "workclass"), "Out");
        yield return Transform("one_hot.vector_input", ml => ml.Transforms.Concatenate("People", "race", "sex").Append(ml.Transforms.Categorical.OneHotEncoding("Out", "People")), "Out");
        yield return Transform("one_hot.bag", ml => ml.Transforms.Concatenate("People", "race", "sex").Append(ml.Transforms.Categorical.OneHotEncoding("Out", "People", OneHotEncodingEstimator.OutputKind.Bag)), "Out");
        yield return Transform("one_hot.key", ml => ml.Transforms.Categorical.OneHotEncoding("Out", "education", OneHotEncodingEstimator.OutputKind.Key), "Out");
        yield return Transform("value_to_key", ml => ml.Transforms.Conversion.MapValueToKey("Out", "occupation"), "Out");
        yield return Transform("key_to_value", ml => ml.Transforms.Conversion.MapValueToKey("Key", "occupation").Append(ml.Transforms.Conversion.MapKeyToValue("Out", "Key")), "Out");
        yield return Transform("copy_convert_concatenate_drop", ml => ml.Transforms.CopyColumns("AgeCopy", "age")
            .Append(ml.Transforms.Conversion.ConvertType("LabelNumber", "Label", DataKind.Single))
            .Append(ml.Transforms.Concatenate("Both", "AgeCopy", "LabelNumber"))
            .Append(ml.Transforms.DropColumns("AgeCopy")), "LabelNumber", "Both");
        yield return Transform("map_value.text_to_bool", ml => ml.Transforms.Conversion.MapValue("Out", new Dictionary<string, bool> { ["Male"] = true, ["Female"] = false }, "sex"), "Out");
        yield return Transform("map_value.text_to_text", ml => ml.Transforms.Conversion.MapValue("Out", new Dictionary<string, string> { ["United-States"] = "US", ["Mexico"] = "MX", ["Canada"] = "CA" }, "native-country"), "Out");

        // The mission chain, once per AutoTrain binary trainer.
        foreach (string trainer in new[] { "LightGbm", "FastTree", "FastForest", "SdcaLogisticRegression", "LbfgsLogisticRegression" })
        {
            yield return new ConverterCase($"mission.{trainer.ToLowerInvariant()}", ml =>
            {
                var (train, holdout) = Split(ml, 2000);
                var synthetic = ml.Synthetic();
                var prefix = synthetic.Resampling.RandomOverSample("income", seed: 7)
                    .Append(ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { [">50K"] = true, ["<=50K"] = false }, "income"))
                    .Append(ml.Transforms.Categorical.OneHotEncoding([.. Categorical.Select(c => new InputOutputColumnPair(c + ".oh", c))]))
                    .Append(ml.Transforms.Concatenate("Features", [.. Continuous, .. Categorical.Select(c => c + ".oh")]));
                var options = new AutoTrainOptions { MaxTrials = 1, Folds = 2, Seed = 1, Trainers = [trainer], TrainerThreads = 1 };
                return (synthetic.AutoTrain.BinaryClassification(prefix, "Label", options).Fit(train), train, holdout);
            }, trainer == "FastForest" ? ["Score", "PredictedLabel"] : Binary);
        }
    }

    /// <summary>One-hot the categories, min-max the numbers, concatenate to <c>Features</c> (as the parity tests do).</summary>
    private static IEstimator<ITransformer> Featurize(MLContext ml, params string[] leaveOut)
    {
        var categorical = Categorical.Except(leaveOut).ToArray();
        return ml.Transforms.Categorical.OneHotEncoding([.. categorical.Select(c => new InputOutputColumnPair(c + ".oh", c))])
            .Append(ml.Transforms.Concatenate("Numbers", [.. Continuous.Except(leaveOut)]))
            .Append(ml.Transforms.NormalizeMinMax("Numbers"))
            .Append(ml.Transforms.Concatenate("Features", ["Numbers", .. categorical.Select(c => c + ".oh")]));
    }
}
