using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Diffusion;

/// <summary>The diffusion synthesizer keeps every synthesizer invariant (tiny settings, so the suite stays fast).</summary>
[TestClass]
public sealed class DiffusionContractTests : SynthesizerContractTests
{
    protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml) =>
        ml.Synthetic().Synthesizers.Diffusion(DiffusionTestData.Tiny());
}
