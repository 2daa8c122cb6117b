using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace Microsoft.ML.Synthetic.AutoTrain.Trainers;

/// <summary>The multiclass trainers of the search, cheapest first (label: a key column).</summary>
internal static class MulticlassTrainerCandidates
{
    /// <summary>The candidates named in <paramref name="names"/> (all when null).</summary>
    public static IReadOnlyList<TrainerCandidate> Create(IEnumerable<string>? names) =>
        TrainerSpaces.Select([LightGbm(), SdcaMaximumEntropy(), LbfgsMaximumEntropy(), OneVersusAllFastTree()], names, "multiclass");

    private static TrainerCandidate LightGbm() => new("LightGbm", TrainerSpaces.LightGbm, TrainerSpaces.LightGbmCost,
        (ml, s, v) => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
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
            NumberOfThreads = s.Threads ?? 1,
            Verbose = false,
            Silent = true,
        }));

    private static TrainerCandidate SdcaMaximumEntropy() => new("SdcaMaximumEntropy", TrainerSpaces.Sdca, TrainerSpaces.SdcaCost,
        (ml, s, v) => ml.Transforms.NormalizeMinMax(s.FeatureColumnName)
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = s.LabelColumnName,
                FeatureColumnName = s.FeatureColumnName,
                MaximumNumberOfIterations = (int)v["MaximumNumberOfIterations"],
                L2Regularization = (float)v["L2Regularization"],
                L1Regularization = (float)v["L1Regularization"],
                NumberOfThreads = 1,
            })));

    private static TrainerCandidate LbfgsMaximumEntropy() => new("LbfgsMaximumEntropy", TrainerSpaces.Lbfgs, TrainerSpaces.LbfgsCost,
        (ml, s, v) => ml.Transforms.NormalizeMinMax(s.FeatureColumnName)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = s.LabelColumnName,
                FeatureColumnName = s.FeatureColumnName,
                MaximumNumberOfIterations = (int)v["MaximumNumberOfIterations"],
                L1Regularization = (float)v["L1Regularization"],
                L2Regularization = (float)v["L2Regularization"],
                HistorySize = (int)v["HistorySize"],
                NumberOfThreads = 1,
            })));

    private static TrainerCandidate OneVersusAllFastTree() => new("OneVersusAllFastTree", TrainerSpaces.FastTree, TrainerSpaces.FastTreeCost,
        (ml, s, v) => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.FastTree(BinaryTrainerCandidates.FastTreeOptions(s, v)), labelColumnName: s.LabelColumnName));
}
