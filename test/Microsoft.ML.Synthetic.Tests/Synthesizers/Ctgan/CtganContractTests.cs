using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Ctgan;

[TestClass]
public sealed class CtganContractTests : SynthesizerContractTests
{
    protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml) =>
        ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Epochs = 2, BatchSize = 100, GeneratorDims = [32], DiscriminatorDims = [32], EmbeddingDim = 16 });
}
