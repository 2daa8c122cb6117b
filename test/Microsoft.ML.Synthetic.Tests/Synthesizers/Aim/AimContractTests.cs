using Microsoft.ML;
using Microsoft.ML.Synthetic.Tests.Synthesizers;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Aim;

/// <summary>AIM keeps every synthesizer invariant (schema, seeds, conditions, save/load, bad input); its noise is seeded (not private) here so fits repeat.</summary>
[TestClass]
public sealed class AimContractTests : SynthesizerContractTests
{
    /// <summary>AIM settings with the contract table's public metadata.</summary>
    internal static AimOptions ContractOptions(double epsilon = 3, int? noiseSeed = 17) => new()
    {
        Epsilon = epsilon,
        Delta = 1e-6,
        Bins = 10,
        IterationsPerRound = 30,
        FinalIterations = 200,
        NonPrivateReproducibleSeed = noiseSeed,
        PublicBounds = { ["X"] = (0, 10), ["Y"] = (0, 21), ["Count"] = (0, 4) },
        PublicCategories = { ["Color"] = ["red", "green", "blue"] },
    };

    /// <inheritdoc/>
    protected override bool TrainingFollowsTheContextSeed => true;

    /// <inheritdoc/>
    protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml) =>
        ml.Synthetic().Synthesizers.Aim(ContractOptions());

    /// <summary>The contract table, for the other AIM tests.</summary>
    internal static IDataView Data(MLContext ml) => ContractData(ml);
}
