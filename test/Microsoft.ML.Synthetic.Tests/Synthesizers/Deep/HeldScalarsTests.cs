using TorchSharp;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Deep;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;

/// <summary>
/// The deep synthesizers hand LibTorch no Scalar that a collection could free mid-call (see <see cref="HeldScalars"/>),
/// and the Scalar-holding replacements compute exactly what TorchSharp's own operations do.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class HeldScalarsTests
{
    private static readonly string[] DeepNamespaces =
    [
        "Microsoft.ML.Synthetic.Synthesizers.Deep", "Microsoft.ML.Synthetic.Synthesizers.Tvae", "Microsoft.ML.Synthetic.Synthesizers.Ctgan",
        "Microsoft.ML.Synthetic.Privacy.DpTvae", "Microsoft.ML.Synthetic.Privacy.DpCtgan", "Microsoft.ML.Synthetic.Privacy.DpSgd",
    ];

    private static readonly Type[] DeepEntryPoints = [typeof(TvaeEstimator), typeof(TvaeModel), typeof(CtganEstimator), typeof(CtganModel)];

    /// <summary>Code with the temporaries the scan must find (a plain sum, a number converted implicitly).</summary>
    private static class WithTemporaries
    {
        public static Tensor Sum(Tensor a, Tensor b) => a + b;

        public static Tensor Half(Tensor a) => a.mul(0.5);
    }

    [TestMethod]
    public void DeepTrainingAndSampling_PassNoTemporaryScalarToLibTorch()
    {
        var types = typeof(TvaeEstimator).Assembly.GetTypes()
            .Where(t => !t.IsNested && (DeepNamespaces.Contains(t.Namespace) || DeepEntryPoints.Contains(t)));

        var findings = ImplicitScalarScan.Find(types, typeof(HeldScalars))
            .Where(f => f != "(virtual) BatchNorm.forward")   // the module is kept for its state; BatchNormForward runs it
            .ToList();

        Assert.IsEmpty(findings, "Temporary Scalars (use HeldScalars or a using-held ToScalar()):\n" + string.Join("\n", findings));
    }

    [TestMethod]
    public void Scan_FindsAPlainTensorSumAndAnImplicitlyConvertedNumber()
    {
        var findings = ImplicitScalarScan.Find([typeof(WithTemporaries)]);

        Assert.HasCount(2, findings, string.Join("\n", findings));
        Assert.IsTrue(findings.Any(f => f.Contains(".Sum → ") && f.Contains("op_Addition")), string.Join("\n", findings));
        Assert.IsTrue(findings.Any(f => f.Contains(".Half → ") && f.Contains("op_Implicit")), string.Join("\n", findings));
    }

    [TestMethod]
    public void HeldAlpha_UnderForcedCollections_IsNeverFreedMidCall()
    {
        using var a = ones(4);
        using var b = ones(4);
        long ops = 0;
        using (var stress = new CollectorStress())
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < 3)
            {
                using var scope = NewDisposeScope();
                for (int i = 0; i < 1000; i++, ops++)
                {
                    Assert.AreEqual(2f, a.Plus(b)[0].item<float>());
                }
            }

            Assert.IsGreaterThan(10, stress.Collections, "the stress thread collected during the run");
        }

        Assert.IsGreaterThan(10_000L, ops);
    }

    [TestMethod]
    public void AdamOptimizer_StepsExactlyAsTorchSharpAdam()
    {
        using var generator = TorchHelpers.CreateGenerator(5);
        using var ours = nn.Linear(6, 3);
        using var theirs = nn.Linear(6, 3);
        TorchHelpers.InitializeLinearLayers(ours, generator);
        using (no_grad())
        {
            theirs.weight!.copy_(ours.weight!);
            theirs.bias!.copy_(ours.bias!);
        }

        using var adam = new AdamOptimizer(ours.parameters(), lr: 2e-3, beta1: 0.5, beta2: 0.9, weight_decay: 1e-6);
        using var reference = optim.Adam(theirs.parameters(), lr: 2e-3, beta1: 0.5, beta2: 0.9, weight_decay: 1e-6);
        for (int step = 0; step < 25; step++)
        {
            using var scope = NewDisposeScope();
            var x = randn([8, 6], generator: generator);
            adam.zero_grad();
            ours.call(x).pow(HeldScalars.Two).mean().backward();
            adam.step();
            reference.zero_grad();
            theirs.call(x).pow(HeldScalars.Two).mean().backward();
            reference.step();
        }

        CollectionAssert.AreEqual(theirs.weight!.data<float>().ToArray(), ours.weight!.data<float>().ToArray());
        CollectionAssert.AreEqual(theirs.bias!.data<float>().ToArray(), ours.bias!.data<float>().ToArray());
    }

    [TestMethod]
    public void BatchNormForward_MatchesTheModule_OutputsAndRunningStatistics()
    {
        using var generator = TorchHelpers.CreateGenerator(9);
        using var ours = nn.BatchNorm1d(5);
        using var theirs = nn.BatchNorm1d(5);
        foreach (bool training in new[] { true, true, false })
        {
            ours.train(training);
            theirs.train(training);
            using var scope = NewDisposeScope();
            var x = randn([16, 5], generator: generator);
            CollectionAssert.AreEqual(theirs.call(x).data<float>().ToArray(), BatchNormForward.Apply(ours, x).data<float>().ToArray(), $"training: {training}");
        }

        CollectionAssert.AreEqual(theirs.running_mean!.data<float>().ToArray(), ours.running_mean!.data<float>().ToArray());
        CollectionAssert.AreEqual(theirs.running_var!.data<float>().ToArray(), ours.running_var!.data<float>().ToArray());
        Assert.AreEqual(2L, ours.num_batches_tracked!.item<long>());
    }

    [TestMethod]
    public void Softplus_MatchesTheFunctional_IncludingAboveTheThreshold()
    {
        using var x = tensor(new[] { -30f, -1f, 0f, 0.5f, 19.9f, 20.1f, 50f });

        using var ours = HeldScalars.Softplus(x);
        using var theirs = nn.functional.softplus(x);

        CollectionAssert.AreEqual(theirs.data<float>().ToArray(), ours.data<float>().ToArray());
    }
}
