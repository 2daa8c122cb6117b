using Microsoft.ML.Trainers.FastTree;

namespace Microsoft.ML.Synthetic.AutoTrain.Trainers;

/// <summary>
/// Fills the options every FastTree-family trainer shares (<see cref="TreeOptions"/>) from a trial's values, so that
/// the binary, multiclass and regression candidates set them in one place.
/// </summary>
internal static class TreeTrainerOptions
{
    /// <summary>Columns, trees, leaves, leaf size, feature fraction, seed and threads (FastForest's search space).</summary>
    public static T Forest<T>(T options, TrainerSettings s, IReadOnlyDictionary<string, double> v)
        where T : TreeOptions
    {
        options.LabelColumnName = s.LabelColumnName;
        options.FeatureColumnName = s.FeatureColumnName;
        options.NumberOfTrees = (int)v["NumberOfTrees"];
        options.NumberOfLeaves = (int)v["NumberOfLeaves"];
        options.MinimumExampleCountPerLeaf = (int)v["MinimumExampleCountPerLeaf"];
        options.FeatureFraction = v["FeatureFraction"];
        options.Seed = s.Seed;
        options.NumberOfThreads = s.Threads;
        return options;
    }

    /// <summary><see cref="Forest"/> plus the learning rate (FastTree's search space).</summary>
    public static T Boosted<T>(T options, TrainerSettings s, IReadOnlyDictionary<string, double> v)
        where T : BoostedTreeOptions
    {
        Forest(options, s, v);
        options.LearningRate = v["LearningRate"];
        return options;
    }
}
