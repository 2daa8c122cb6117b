using Microsoft.ML.Synthetic.AutoTrain.Search;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Microsoft.ML.Synthetic.AutoTrain.Trainers;

/// <summary>
/// The binary-classification trainers of the search and their spaces. Starting values are the low-cost corner
/// (few, small trees; few iterations), as CFO requires; ranges follow FLAML's defaults where it has the same knob.
/// </summary>
internal static class BinaryTrainerCandidates
{
    /// <summary>Names of the binary trainers, cheapest first.</summary>
    public static readonly string[] Names = ["LightGbm", "SdcaLogisticRegression", "LbfgsLogisticRegression", "FastTree", "FastForest"];

    /// <summary>The candidates named in <paramref name="names"/> (all when null), in the cheapest-first order.</summary>
    public static IReadOnlyList<TrainerCandidate> Create(IEnumerable<string>? names)
    {
        var all = new[] { LightGbm(), SdcaLogisticRegression(), LbfgsLogisticRegression(), FastTree(), FastForest() };
        if (names == null) return all;
        var wanted = names.ToList();
        foreach (string n in wanted)
        {
            if (!all.Any(c => c.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"Unknown binary-classification trainer '{n}'; known trainers: {string.Join(", ", Names)}.", nameof(names));
        }

        var chosen = all.Where(c => wanted.Any(n => c.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (chosen.Count == 0) throw new ArgumentException("The list of trainers is empty.", nameof(names));
        return chosen;
    }

    private static double Leaves(IReadOnlyDictionary<string, double> v) => 1 + v["NumberOfLeaves"] / 32;

    private static TrainerCandidate LightGbm() => new("LightGbm",
        [
            new("NumberOfIterations", 4, 1024, 4, LogScale: true, IsInteger: true),
            new("NumberOfLeaves", 4, 512, 4, LogScale: true, IsInteger: true),
            new("MinimumExampleCountPerLeaf", 2, 128, 20, LogScale: true, IsInteger: true),
            new("LearningRate", 1.0 / 1024, 1, 0.1, LogScale: true, IsInteger: false),
            new("FeatureFraction", 0.1, 1, 1, LogScale: false, IsInteger: false),
            new("L1Regularization", 1.0 / 1024, 1024, 1.0 / 1024, LogScale: true, IsInteger: false),
            new("L2Regularization", 1.0 / 1024, 1024, 1, LogScale: true, IsInteger: false),
        ],
        v => v["NumberOfIterations"] * Leaves(v) / 4,
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

    private static TrainerCandidate FastTree() => new("FastTree",
        [
            new("NumberOfTrees", 4, 1024, 4, LogScale: true, IsInteger: true),
            new("NumberOfLeaves", 4, 256, 4, LogScale: true, IsInteger: true),
            new("MinimumExampleCountPerLeaf", 2, 128, 20, LogScale: true, IsInteger: true),
            new("LearningRate", 1.0 / 1024, 1, 0.1, LogScale: true, IsInteger: false),
            new("FeatureFraction", 0.1, 1, 1, LogScale: false, IsInteger: false),
        ],
        v => v["NumberOfTrees"] * Leaves(v) / 2,
        (ml, s, v) => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = s.LabelColumnName,
            FeatureColumnName = s.FeatureColumnName,
            NumberOfTrees = (int)v["NumberOfTrees"],
            NumberOfLeaves = (int)v["NumberOfLeaves"],
            MinimumExampleCountPerLeaf = (int)v["MinimumExampleCountPerLeaf"],
            LearningRate = v["LearningRate"],
            FeatureFraction = v["FeatureFraction"],
            Seed = s.Seed,
            NumberOfThreads = s.Threads,
        }));

    private static TrainerCandidate FastForest() => new("FastForest",
        [
            new("NumberOfTrees", 4, 1024, 4, LogScale: true, IsInteger: true),
            new("NumberOfLeaves", 4, 256, 4, LogScale: true, IsInteger: true),
            new("MinimumExampleCountPerLeaf", 2, 128, 20, LogScale: true, IsInteger: true),
            new("FeatureFraction", 0.1, 1, 0.7, LogScale: false, IsInteger: false),
        ],
        v => v["NumberOfTrees"] * Leaves(v) / 2,
        (ml, s, v) => ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            LabelColumnName = s.LabelColumnName,
            FeatureColumnName = s.FeatureColumnName,
            NumberOfTrees = (int)v["NumberOfTrees"],
            NumberOfLeaves = (int)v["NumberOfLeaves"],
            MinimumExampleCountPerLeaf = (int)v["MinimumExampleCountPerLeaf"],
            FeatureFraction = v["FeatureFraction"],
            Seed = s.Seed,
            NumberOfThreads = s.Threads,
        }));

    // Linear trainers get a min-max normalizer on the feature column first (as ML.NET's AutoML does): both are
    // sensitive to feature scale, trees are not. SDCA runs on one thread: with more its result depends on timing.
    private static TrainerCandidate SdcaLogisticRegression() => new("SdcaLogisticRegression",
        [
            new("MaximumNumberOfIterations", 4, 256, 4, LogScale: true, IsInteger: true),
            new("L2Regularization", 1e-6, 10, 1e-3, LogScale: true, IsInteger: false),
            new("L1Regularization", 1e-6, 10, 1e-6, LogScale: true, IsInteger: false),
        ],
        v => v["MaximumNumberOfIterations"] / 2,
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

    private static TrainerCandidate LbfgsLogisticRegression() => new("LbfgsLogisticRegression",
        [
            new("MaximumNumberOfIterations", 8, 512, 8, LogScale: true, IsInteger: true),
            new("L1Regularization", 1e-4, 10, 1, LogScale: true, IsInteger: false),
            new("L2Regularization", 1e-4, 10, 1, LogScale: true, IsInteger: false),
            new("HistorySize", 2, 64, 20, LogScale: true, IsInteger: true),
        ],
        v => v["MaximumNumberOfIterations"] / 8,
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
