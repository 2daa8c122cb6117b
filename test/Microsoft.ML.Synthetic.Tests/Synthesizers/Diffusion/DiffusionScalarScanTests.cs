using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Diffusion;

/// <summary>Diffusion training and sampling hand LibTorch only held Scalars (see HeldScalars and its scan).</summary>
[TestClass]
public sealed class DiffusionScalarScanTests
{
    [TestMethod]
    public void DiffusionTrainingAndSampling_PassNoTemporaryScalarToLibTorch()
    {
        var types = typeof(DiffusionModel).Assembly.GetTypes()
            .Where(t => !t.IsNested && (t.Namespace == "Microsoft.ML.Synthetic.Synthesizers.Diffusion" || t == typeof(DiffusionModel) || t == typeof(DiffusionEstimator)))
            .ToList();
        Assert.IsGreaterThan(5, types.Count);
        var findings = ImplicitScalarScan.Find(types, typeof(HeldScalars));
        Assert.IsEmpty(findings, "Temporary Scalars (use HeldScalars or a using-held ToScalar()):\n" + string.Join("\n", findings));
    }
}
