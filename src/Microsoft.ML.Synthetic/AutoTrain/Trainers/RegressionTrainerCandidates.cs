using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Microsoft.ML.Synthetic.AutoTrain.Trainers;

/// <summary>The regression trainers of the search, cheapest first (label: Single).</summary>
internal static class RegressionTrainerCandidates
{
    /// <summary>The candidates named in <paramref name="names"/> (all when null).</summary>
    public static IReadOnlyList<TrainerCandidate> Create(IEnumerable<string>? names) =>
        TrainerSpaces.Select([LightGbm(), Sdca(), FastTree(), FastForest()], names, "regression");

    private static TrainerCandidate LightGbm() => new("LightGbm", TrainerSpaces.LightGbm, TrainerSpaces.LightGbmCost,
        (ml, s, v) => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
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

    private static TrainerCandidate FastTree() => new("FastTree", TrainerSpaces.FastTree, TrainerSpaces.FastTreeCost,
        (ml, s, v) => ml.Regression.Trainers.FastTree(TreeTrainerOptions.Boosted(new FastTreeRegressionTrainer.Options(), s, v)));

    private static TrainerCandidate FastForest() => new("FastForest", TrainerSpaces.FastForest, TrainerSpaces.FastTreeCost,
        (ml, s, v) => ml.Regression.Trainers.FastForest(TreeTrainerOptions.Forest(new FastForestRegressionTrainer.Options(), s, v)));

    private static TrainerCandidate Sdca() => new("Sdca", TrainerSpaces.Sdca, TrainerSpaces.SdcaCost,
        (ml, s, v) => ml.Transforms.NormalizeMinMax(s.FeatureColumnName)
            .Append(ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
            {
                LabelColumnName = s.LabelColumnName,
                FeatureColumnName = s.FeatureColumnName,
                MaximumNumberOfIterations = (int)v["MaximumNumberOfIterations"],
                L2Regularization = (float)v["L2Regularization"],
                L1Regularization = (float)v["L1Regularization"],
                NumberOfThreads = 1,
            })));
}
