using Microsoft.ML.Synthetic.AutoTrain.Search;

namespace Microsoft.ML.Synthetic.AutoTrain.Trainers;

/// <summary>
/// A trainer the search may choose: its name, its searched hyperparameters (with low-cost starting values), a
/// rough relative cost of a configuration, and how to build the estimator for a configuration.
/// </summary>
internal sealed class TrainerCandidate
{
    private readonly Func<MLContext, TrainerSettings, IReadOnlyDictionary<string, double>, IEstimator<ITransformer>> _create;
    private readonly Func<IReadOnlyDictionary<string, double>, double> _relativeCost;

    public TrainerCandidate(string name, IReadOnlyList<Hyperparameter> space,
        Func<IReadOnlyDictionary<string, double>, double> relativeCost,
        Func<MLContext, TrainerSettings, IReadOnlyDictionary<string, double>, IEstimator<ITransformer>> create)
    {
        Name = name;
        Space = space;
        _relativeCost = relativeCost;
        _create = create;
    }

    /// <summary>The trainer's name as ML.NET's catalog spells it (LightGbm, FastTree, …).</summary>
    public string Name { get; }

    /// <summary>The searched hyperparameters.</summary>
    public IReadOnlyList<Hyperparameter> Space { get; }

    /// <summary>The low-cost starting point in the unit cube.</summary>
    public double[] InitialPoint => Space.Select(h => h.ToUnit(h.Initial)).ToArray();

    /// <summary>The hyperparameter values at a unit-cube point.</summary>
    public IReadOnlyDictionary<string, double> Decode(IReadOnlyList<double> point)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < Space.Count; i++) values[Space[i].Name] = Space[i].FromUnit(point[i]);
        return values;
    }

    /// <summary>A rough, deterministic relative cost of training with <paramref name="values"/> (used to compare proposals).</summary>
    public double RelativeCost(IReadOnlyDictionary<string, double> values) => _relativeCost(values);

    /// <summary>The estimator for a configuration (it may include a normalizer before the trainer).</summary>
    public IEstimator<ITransformer> Create(MLContext context, TrainerSettings settings, IReadOnlyDictionary<string, double> values) =>
        _create(context, settings, values);
}

/// <summary>What every trainer of one search shares.</summary>
internal sealed record TrainerSettings(string LabelColumnName, string FeatureColumnName, int Seed, int? Threads);
