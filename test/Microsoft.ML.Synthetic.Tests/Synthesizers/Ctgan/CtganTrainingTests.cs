using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Tests.Synthesizers.Tvae;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Ctgan;
using Microsoft.ML.Synthetic.Synthesizers.Deep;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Ctgan;

[TestClass]
public sealed class CtganTrainingTests
{
    [TestMethod]
    public void GradientPenalty_OfALinearCritic_EqualsItsClosedForm()
    {
        // A linear critic D(x) = w·x + b on packs has gradient w at every interpolate: the penalty is λ(‖w‖₂ − 1)².
        using var scope = NewDisposeScope();
        const int pac = 4, width = 3, rows = 12;
        var critic = new CtganDiscriminator(width, [], pac, 0.2, 0.5);
        var generator = TorchHelpers.CreateGenerator(1);
        var real = randn([rows, width], generator: generator);
        var fake = randn([rows, width], generator: generator);
        var penalty = GradientPenalty.Compute(critic.call, real, fake, pac, lambda: 10, generator).item<float>();

        var w = critic.parameters().First(p => p.dim() == 2).detach();
        double norm = w.norm().item<float>();
        Assert.AreEqual(10 * (norm - 1) * (norm - 1), penalty, 1e-4 * Math.Max(1, penalty));

        // A critic scaled to unit gradient norm pays no penalty.
        using (no_grad())
        {
            w.div_(norm);
        }

        Assert.AreEqual(0, GradientPenalty.Compute(critic.call, real, fake, pac, 10, generator).item<float>(), 1e-6);
    }

    [TestMethod]
    public void ShortTraining_LearnsTheCondition_AndBeatsUniformNoise()
    {
        var ml = new MLContext(seed: 1);
        var data = KnownDistribution.Create(ml, 1000, seed: 3);
        var reported = new List<DeepTrainingProgress>();
        var model = ml.Synthetic().Synthesizers.Ctgan(new CtganOptions
        {
            Epochs = 100,
            BatchSize = 100,
            GeneratorDims = [64, 64],
            DiscriminatorDims = [64, 64],
            EmbeddingDim = 32,
            Seed = 4,
            Progress = new SynchronousProgress(reported.Add),
        }).Fit(data);

        Assert.AreEqual(100, reported.Count);
        double firstConditional = reported[0].Losses["conditional"], lastConditional = reported[^1].Losses["conditional"];
        Assert.IsTrue(lastConditional < 0.5 * firstConditional, $"conditional loss {firstConditional:F3} → {lastConditional:F3}");

        var real = TabularData.FromDataView(data);
        var rx = ((ContinuousColumn)real["X"]).Values;
        var sx = ((ContinuousColumn)model.SampleTable(2000, null, 9)["X"]).Values;
        double ks = KnownDistribution.KolmogorovSmirnov(rx, sx);
        double ksUniform = KnownDistribution.KolmogorovSmirnov(rx, KnownDistribution.UniformLike(rx, sx.Length, 5));
        Assert.IsTrue(ks < ksUniform, $"KS of X: synthetic {ks:F3}, uniform noise {ksUniform:F3}");

        // Conditioned on Group = "high", X should mostly be the upper mode (real: 95 %).
        var high = ((ContinuousColumn)model.SampleTable(500, new SampleConditions { ["Group"] = "high" }, 3)["X"]).Values;
        Assert.IsTrue(high.Count(v => v > 0) > 0.7 * high.Length, $"{high.Count(v => v > 0)} of {high.Length} rows in the upper mode");
    }

    [TestMethod]
    public void Options_BatchNotAMultipleOfPac_IsAnErrorNamingBoth()
    {
        var ml = new MLContext(seed: 1);
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { BatchSize = 105, Pac = 10 }));
        StringAssert.Contains(e.Message, "BatchSize");
        StringAssert.Contains(e.Message, "Pac");
    }
}
