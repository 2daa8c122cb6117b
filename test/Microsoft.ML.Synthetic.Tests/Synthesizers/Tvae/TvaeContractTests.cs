using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Tvae;

[TestClass]
public sealed class TvaeContractTests : SynthesizerContractTests
{
    protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml) =>
        ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 3, BatchSize = 200, CompressDims = [32], DecompressDims = [32], EmbeddingDim = 16 });
}
