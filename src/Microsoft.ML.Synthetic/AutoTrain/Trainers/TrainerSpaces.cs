using Microsoft.ML.Synthetic.AutoTrain.Search;

namespace Microsoft.ML.Synthetic.AutoTrain.Trainers;

/// <summary>
/// The searched hyperparameters of each trainer family, shared by every task. Starting values are the low-cost
/// corner (few, small trees; few iterations), as CFO requires; ranges follow FLAML's defaults where it has the same
/// knob.
/// </summary>
internal static class TrainerSpaces
{
    public static readonly Hyperparameter[] LightGbm =
    [
        new("NumberOfIterations", 4, 1024, 4, LogScale: true, IsInteger: true),
        new("NumberOfLeaves", 4, 512, 4, LogScale: true, IsInteger: true),
        new("MinimumExampleCountPerLeaf", 2, 128, 20, LogScale: true, IsInteger: true),
        new("LearningRate", 1.0 / 1024, 1, 0.1, LogScale: true, IsInteger: false),
        new("FeatureFraction", 0.1, 1, 1, LogScale: false, IsInteger: false),
        new("L1Regularization", 1.0 / 1024, 1024, 1.0 / 1024, LogScale: true, IsInteger: false),
        new("L2Regularization", 1.0 / 1024, 1024, 1, LogScale: true, IsInteger: false),
    ];

    public static readonly Hyperparameter[] FastTree =
    [
        new("NumberOfTrees", 4, 1024, 4, LogScale: true, IsInteger: true),
        new("NumberOfLeaves", 4, 256, 4, LogScale: true, IsInteger: true),
        new("MinimumExampleCountPerLeaf", 2, 128, 20, LogScale: true, IsInteger: true),
        new("LearningRate", 1.0 / 1024, 1, 0.1, LogScale: true, IsInteger: false),
        new("FeatureFraction", 0.1, 1, 1, LogScale: false, IsInteger: false),
    ];

    public static readonly Hyperparameter[] FastForest =
    [
        new("NumberOfTrees", 4, 1024, 4, LogScale: true, IsInteger: true),
        new("NumberOfLeaves", 4, 256, 4, LogScale: true, IsInteger: true),
        new("MinimumExampleCountPerLeaf", 2, 128, 20, LogScale: true, IsInteger: true),
        new("FeatureFraction", 0.1, 1, 0.7, LogScale: false, IsInteger: false),
    ];

    public static readonly Hyperparameter[] Sdca =
    [
        new("MaximumNumberOfIterations", 4, 256, 4, LogScale: true, IsInteger: true),
        new("L2Regularization", 1e-6, 10, 1e-3, LogScale: true, IsInteger: false),
        new("L1Regularization", 1e-6, 10, 1e-6, LogScale: true, IsInteger: false),
    ];

    public static readonly Hyperparameter[] Lbfgs =
    [
        new("MaximumNumberOfIterations", 8, 512, 8, LogScale: true, IsInteger: true),
        new("L1Regularization", 1e-4, 10, 1, LogScale: true, IsInteger: false),
        new("L2Regularization", 1e-4, 10, 1, LogScale: true, IsInteger: false),
        new("HistorySize", 2, 64, 20, LogScale: true, IsInteger: true),
    ];

    private static double Leaves(IReadOnlyDictionary<string, double> v) => 1 + v["NumberOfLeaves"] / 32;

    /// <summary>Relative costs: rough, deterministic, comparable within a family (used in trial-budget mode and for predictions).</summary>
    public static double LightGbmCost(IReadOnlyDictionary<string, double> v) => v["NumberOfIterations"] * Leaves(v) / 4;

    public static double FastTreeCost(IReadOnlyDictionary<string, double> v) => v["NumberOfTrees"] * Leaves(v) / 2;

    public static double SdcaCost(IReadOnlyDictionary<string, double> v) => v["MaximumNumberOfIterations"] / 2;

    public static double LbfgsCost(IReadOnlyDictionary<string, double> v) => v["MaximumNumberOfIterations"] / 8;

    /// <summary>The candidates named in <paramref name="names"/> (all when null), keeping the cheapest-first order.</summary>
    public static IReadOnlyList<TrainerCandidate> Select(IReadOnlyList<TrainerCandidate> all, IEnumerable<string>? names, string task)
    {
        if (names == null) return all;
        var wanted = names.ToList();
        foreach (string n in wanted)
        {
            if (!all.Any(c => c.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"Unknown {task} trainer '{n}'; known trainers: {string.Join(", ", all.Select(c => c.Name))}.", nameof(names));
        }

        var chosen = all.Where(c => wanted.Any(n => c.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (chosen.Count == 0) throw new ArgumentException("The list of trainers is empty.", nameof(names));
        return chosen;
    }
}
