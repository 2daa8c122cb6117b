using Microsoft.ML;
using Microsoft.ML.Synthetic.Tests.Synthesizers;

namespace Microsoft.ML.Synthetic.Tests.Privacy.DpCtgan;

/// <summary>DP-CTGAN keeps every synthesizer invariant (schema, seeds, conditions, save/load, bad input).</summary>
[TestClass]
public sealed class DpCtganContractTests : SynthesizerContractTests
{
    /// <summary>Small DP-CTGAN settings with the contract table's public metadata.</summary>
    internal static CtganOptions ContractOptions(double epsilon = 3) => new()
    {
        Epochs = 5,
        BatchSize = 100,
        GeneratorDims = [16],
        DiscriminatorDims = [16],
        EmbeddingDim = 8,
        DifferentialPrivacy = new()
        {
            Epsilon = epsilon,
            Delta = 1e-5,
            PublicBounds = { ["X"] = (0, 10), ["Y"] = (0, 21), ["Count"] = (0, 4) },
            PublicCategories = { ["Color"] = ["red", "green", "blue"], ["Flag"] = [bool.FalseString, bool.TrueString] },
        },
    };

    /// <inheritdoc/>
    protected override bool TrainingFollowsTheContextSeed => false;

    /// <inheritdoc/>
    protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml) =>
        ml.Synthetic().Synthesizers.Ctgan(ContractOptions());

    /// <summary>The contract table, for the other DP-CTGAN tests.</summary>
    internal static IDataView Data(MLContext ml) => ContractData(ml);
}
