using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula;

/// <summary>The Gaussian copula keeps every synthesizer invariant.</summary>
[TestClass]
public sealed class GaussianCopulaContractTests : SynthesizerContractTests
{
    protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml) => ml.Synthetic().Synthesizers.GaussianCopula();
}
