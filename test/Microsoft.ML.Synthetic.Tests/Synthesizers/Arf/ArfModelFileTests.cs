using Microsoft.ML;
using Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles;
using static Microsoft.ML.Synthetic.Tests.Synthesizers.Arf.ArfTestData;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Arf;

/// <summary>A damaged ARF body (with a valid checksum) fails at Load with a message naming the part, or loads a model that samples.</summary>
[TestClass]
public sealed class ArfModelFileTests
{
    private static byte[] SavedModel()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Arf(new ArfOptions { Seed = 1, Trees = 2, Alpha = 0.5 }).Fit(Groups(ml, 200, seed: 2));
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [TestMethod]
    public void Load_CorruptedBody_FailsAtLoadOrSamples()
    {
        var (format, version, body) = ModelFileBytes.Split(SavedModel());
        Assert.AreEqual("Arf", format);
        var random = new Random(7);
        int rejected = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            var damaged = (byte[])body.Clone();
            int at = random.Next(damaged.Length);
            damaged[at] = (byte)random.Next(256);
            var file = ModelFileBytes.Build(format, version, damaged);
            try
            {
                var model = ModelFileAssert.Load(file);
                _ = model.SampleTable(50, null, trial);
            }
            catch (InvalidDataException e)
            {
                rejected++;
                StringAssert.Contains(e.Message, "ARF", "the message names the format");
            }
        }

        Assert.IsTrue(rejected > 0, "some damage must be detected");
    }

    [TestMethod]
    public void Load_BodyCutShort_IsRejectedNamingThePart()
    {
        var (format, version, body) = ModelFileBytes.Split(SavedModel());
        foreach (int keep in new[] { body.Length - 1, body.Length / 2, body.Length / 4 })
        {
            ModelFileAssert.Rejects(ModelFileBytes.Build(format, version, body[..keep]), "ARF");
        }
    }
}
