using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Diffusion;

/// <summary>A saved diffusion model loads back to the same sampler; a damaged body fails at Load naming the part.</summary>
[TestClass]
public sealed class DiffusionModelFileTests
{
    private static DiffusionModel Fit() =>
        new MLContext(seed: 1).Synthetic().Synthesizers.Diffusion(DiffusionTestData.Tiny("Group")).Fit(DiffusionTestData.Correlated(new MLContext(1), 300, 2));

    [TestMethod]
    public void SaveLoad_GivesIdenticalConditionalSamples()
    {
        var model = Fit();
        using var stream = new MemoryStream();
        model.Save(stream);
        var loaded = ModelFileAssert.Load(stream.ToArray());
        var conditions = new SampleConditions { ["Group"] = "b" };
        SynthesizerContractTests.AssertSameRows(model.SampleTable(100, conditions, 3), loaded.SampleTable(100, conditions, 3));
        Assert.AreEqual("Group", ((DiffusionModel)loaded).LabelColumn);
    }

    [TestMethod]
    public void Load_BodyCutShort_IsRejectedNamingThePart()
    {
        using var stream = new MemoryStream();
        Fit().Save(stream);
        var (format, version, body) = ModelFileBytes.Split(stream.ToArray());
        Assert.AreEqual("Diffusion", format);
        foreach (int keep in new[] { body.Length - 1, body.Length / 2, body.Length / 8 })
        {
            ModelFileAssert.Rejects(ModelFileBytes.Build(format, version, body[..keep]), "diffusion");
        }
    }
}
