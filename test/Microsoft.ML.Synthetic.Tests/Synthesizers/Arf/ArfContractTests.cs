using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Arf;

/// <summary>The adversarial random forest keeps every synthesizer invariant.</summary>
[TestClass]
public sealed class ArfContractTests : SynthesizerContractTests
{
    protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml) => ml.Synthetic().Synthesizers.Arf();
}
