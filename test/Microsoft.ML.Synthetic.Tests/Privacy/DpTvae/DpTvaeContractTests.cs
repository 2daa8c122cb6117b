using Microsoft.ML;
using Microsoft.ML.Synthetic.Tests.Synthesizers;

namespace Microsoft.ML.Synthetic.Tests.Privacy.DpTvae;

/// <summary>DP-TVAE keeps every synthesizer invariant (schema, seeds, conditions, save/load, bad input).</summary>
[TestClass]
public sealed class DpTvaeContractTests : SynthesizerContractTests
{
    /// <summary>Small DP-TVAE settings with the contract table's public metadata.</summary>
    internal static TvaeOptions ContractOptions(double epsilon = 3) => new()
    {
        Epochs = 10,
        LearningRate = 1e-2,
        BatchSize = 100,
        CompressDims = [16],
        DecompressDims = [16],
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
        ml.Synthetic().Synthesizers.Tvae(ContractOptions());

    /// <summary>The contract table, for the other DP-TVAE tests.</summary>
    internal static IDataView Data(MLContext ml) => ContractData(ml);
}
