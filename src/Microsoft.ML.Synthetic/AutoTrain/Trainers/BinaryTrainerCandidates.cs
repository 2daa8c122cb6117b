using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Microsoft.ML.Synthetic.AutoTrain.Trainers;

/// <summary>The binary-classification trainers of the search, cheapest first.</summary>
internal static class BinaryTrainerCandidates
{
    /// <summary>The candidates named in <paramref name="names"/> (all when null).</summary>
    public static IReadOnlyList<TrainerCandidate> Create(IEnumerable<string>? names) =>
        TrainerSpaces.Select([LightGbm(), SdcaLogisticRegression(), LbfgsLogisticRegression(), FastTree(), FastForest()], names, "binary-classification");

    private static TrainerCandidate LightGbm() => new("LightGbm", TrainerSpaces.LightGbm, TrainerSpaces.LightGbmCost,
        (ml, s, v) => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = s.LabelColumnName,
            FeatureColumnName = s.FeatureColumnName,
            NumberOfIterations = (int)v["NumberOfIterations"],
            NumberOfLeaves = (int)v["NumberOfLeaves"],
            MinimumExampleCountPerLeaf = (int)v["MinimumExampleCountPerLeaf"],
            LearningRate = v["LearningRate"],
            Booster = new GradientBooster.Options
            {
                FeatureFraction = v["FeatureFraction"],
                L1Regularization = v["L1Regularization"],
                L2Regularization = v["L2Regularization"],
            },
            Seed = s.Seed,
            Deterministic = true,
            NumberOfThreads = s.Threads ?? 1,   // LightGBM's OpenMP threads spin: on a busy machine two threads ran 20–40× slower than one
            Verbose = false,
            Silent = true,
        }));

    internal static FastTreeBinaryTrainer.Options FastTreeOptions(TrainerSettings s, IReadOnlyDictionary<string, double> v) =>
        TreeTrainerOptions.Boosted(new FastTreeBinaryTrainer.Options(), s, v);

    private static TrainerCandidate FastTree() => new("FastTree", TrainerSpaces.FastTree, TrainerSpaces.FastTreeCost,
        (ml, s, v) => ml.BinaryClassification.Trainers.FastTree(FastTreeOptions(s, v)));

    private static TrainerCandidate FastForest() => new("FastForest", TrainerSpaces.FastForest, TrainerSpaces.FastTreeCost,
        (ml, s, v) => ml.BinaryClassification.Trainers.FastForest(TreeTrainerOptions.Forest(new FastForestBinaryTrainer.Options(), s, v)));

    // Linear trainers get a min-max normalizer on the feature column first (as ML.NET's AutoML does): both are
    // sensitive to feature scale, trees are not. They run on one thread: with more, SDCA's result depends on timing.
    private static TrainerCandidate SdcaLogisticRegression() => new("SdcaLogisticRegression", TrainerSpaces.Sdca, TrainerSpaces.SdcaCost,
        (ml, s, v) => ml.Transforms.NormalizeMinMax(s.FeatureColumnName)
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = s.LabelColumnName,
                FeatureColumnName = s.FeatureColumnName,
                MaximumNumberOfIterations = (int)v["MaximumNumberOfIterations"],
                L2Regularization = (float)v["L2Regularization"],
                L1Regularization = (float)v["L1Regularization"],
                NumberOfThreads = 1,
            })));

    private static TrainerCandidate LbfgsLogisticRegression() => new("LbfgsLogisticRegression", TrainerSpaces.Lbfgs, TrainerSpaces.LbfgsCost,
        (ml, s, v) => ml.Transforms.NormalizeMinMax(s.FeatureColumnName)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = s.LabelColumnName,
                FeatureColumnName = s.FeatureColumnName,
                MaximumNumberOfIterations = (int)v["MaximumNumberOfIterations"],
                L1Regularization = (float)v["L1Regularization"],
                L2Regularization = (float)v["L2Regularization"],
                HistorySize = (int)v["HistorySize"],
                NumberOfThreads = 1,
            })));
}
