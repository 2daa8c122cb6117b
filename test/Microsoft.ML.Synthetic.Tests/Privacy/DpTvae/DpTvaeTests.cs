using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using Microsoft.ML.Synthetic.Privacy.NoiseSteps;
using Microsoft.ML.Synthetic.Tests.Synthesizers;

namespace Microsoft.ML.Synthetic.Tests.Privacy.DpTvae;

/// <summary>DP-TVAE: budget accounting, the chain ledger, reproducibility, and errors naming the bad parameter or column.</summary>
[TestClass]
public sealed class DpTvaeTests
{
    [TestMethod]
    public void Fit_SpendsAtMostTheTarget_EqualToTheAccountantForThePlannedSteps()
    {
        var ml = new MLContext(seed: 1);
        var options = DpTvaeContractTests.ContractOptions(epsilon: 1);
        var model = (TvaeModel)ml.Synthetic().Synthesizers.Tvae(options).Fit(DpTvaeContractTests.Data(ml));

        Assert.HasCount(2, model.PrivacyLedgerEntries);
        var encoding = model.PrivacyLedgerEntries[0];
        Assert.AreEqual(0.0, encoding.Epsilon);
        StringAssert.Contains(encoding.Mechanism, "no private data read");

        // 600 rows, batch 100: q = 1/6, 10 epochs of 6 steps. An independent accountant with the searched σ.
        const long planned = 60;
        double q = 100.0 / 600;
        double sigma = NoiseMultiplierSearch.ForTargetEpsilon(1, 1e-5, q, planned);
        var accountant = new RdpAccountant();
        accountant.Step(sigma, q, planned);
        var sgd = model.PrivacyLedgerEntries[1];
        StringAssert.Contains(sgd.Mechanism, $"{planned} steps");
        Assert.AreEqual(accountant.GetEpsilon(1e-5), sgd.Epsilon, 1e-12);
        Assert.IsLessThanOrEqualTo(1.0, sgd.Epsilon);
        Assert.IsGreaterThan(0.9, sgd.Epsilon, "the noise is calibrated to spend close to the target");
        Assert.AreEqual(1e-5, sgd.Delta);
    }

    [TestMethod]
    public void Ledger_OfAChainWithTwoNoiseStepsAndADpTvaeReplace_ReportsEachPartAndTheTotal()
    {
        var ml = new MLContext(seed: 1);
        var chain = new EstimatorChain<ITransformer>()
            .Append(ml.Synthetic().Privacy.AddLaplaceNoise(new LaplaceNoiseOptions { ColumnName = "Y", Epsilon = 0.5, Lower = 0, Upper = 21, NonPrivateReproducibleSeed = 3 }))
            .Append(ml.Synthetic().Privacy.AddGaussianNoise(new GaussianNoiseOptions { ColumnName = "Y", Epsilon = 0.5, Delta = 1e-6, Lower = 0, Upper = 21, NonPrivateReproducibleSeed = 4 }))
            .Append(ml.Synthetic().Replace(ml.Synthetic().Synthesizers.Tvae(DpTvaeContractTests.ContractOptions(epsilon: 1)), seed: 5));
        var model = chain.Fit(DpTvaeContractTests.Data(ml));

        var ledger = ml.Synthetic().Privacy.Ledger(model);
        Assert.HasCount(4, ledger.Entries);
        Assert.AreEqual("AddLaplaceNoise(Y)", ledger.Entries[0].Step);
        Assert.AreEqual("AddGaussianNoise(Y)", ledger.Entries[1].Step);
        Assert.AreEqual("Tvae encoding", ledger.Entries[2].Step);
        Assert.AreEqual("Tvae (DP-SGD)", ledger.Entries[3].Step);
        double sgd = ledger.Entries[3].Epsilon;
        Assert.IsTrue(sgd is > 0 and <= 1, $"DP-SGD spent {sgd}");
        Assert.AreEqual(0.5 + 0.5 + sgd, ledger.TotalEpsilon, 1e-12);
        Assert.AreEqual(1e-6 + 1e-5, ledger.TotalDelta, 1e-18);
        string text = ledger.ToString();
        StringAssert.Contains(text, "DP-SGD, subsampled Gaussian");
        StringAssert.Contains(text, "total under basic composition");

        // The whole chain under RDP (DP-SGD's recorded curve + the Gaussian step's ρ + the pure ε steps) at δ = 1e-5.
        var renyi = ml.Synthetic().Privacy.Ledger(model, CompositionRule.Renyi, 1e-5);
        Assert.IsTrue(renyi.TotalEpsilon > sgd && renyi.TotalEpsilon < 0.5 + 0.5 + sgd, $"RDP total {renyi.TotalEpsilon}: above the DP-SGD part, below basic composition here");
        StringAssert.Contains(renyi.ToString(), "RDP composition");
    }

    [TestMethod]
    public void Fit_SameContextSeedAndSeedOption_GivesDifferentModels_BecauseTheTrainingRandomnessIsSecret()
    {
        TabularData Run()
        {
            var ml = new MLContext(seed: 7);
            var options = DpTvaeContractTests.ContractOptions();
            options.Seed = 3;
            return ml.Synthetic().Synthesizers.Tvae(options).Fit(DpTvaeContractTests.Data(ml)).SampleTable(50, null, 11);
        }

        CollectionAssert.AreNotEqual(((ContinuousColumn)Run()["Y"]).Values, ((ContinuousColumn)Run()["Y"]).Values);
    }

    [TestMethod]
    public void Fit_WithANoiseMultiplier_RunsEveryPlannedStep_AndReportsItsEpsilon()
    {
        var ml = new MLContext(seed: 1);
        var options = DpTvaeContractTests.ContractOptions();
        options.DifferentialPrivacy!.Epsilon = null;
        options.DifferentialPrivacy.NoiseMultiplier = 2;
        var model = (TvaeModel)ml.Synthetic().Synthesizers.Tvae(options).Fit(DpTvaeContractTests.Data(ml));

        // 600 rows, batch 100: q = 1/6, 10 epochs of 6 steps, all of them run (no target to stop at).
        var sgd = model.PrivacyLedgerEntries[1];
        StringAssert.Contains(sgd.Mechanism, "σ = 2,");
        StringAssert.Contains(sgd.Mechanism, "60 steps");
        Assert.AreEqual(RdpAccountant.Epsilon(2, 100.0 / 600, 60, 1e-5), sgd.Epsilon, 1e-12);
    }

    [TestMethod]
    public void Fit_WithNonPrivateReproducibleSeed_GivesTheSameRows_AndTheLedgerSaysNotPrivate()
    {
        TvaeModel Fit(int contextSeed)
        {
            var ml = new MLContext(seed: contextSeed);
            var options = DpTvaeContractTests.ContractOptions();
            options.DifferentialPrivacy!.NonPrivateReproducibleSeed = 5;
            return (TvaeModel)ml.Synthetic().Synthesizers.Tvae(options).Fit(DpTvaeContractTests.Data(ml));
        }

        var first = Fit(7);
        var second = Fit(8);
        var a = first.SampleTable(50, null, 11);
        var b = second.SampleTable(50, null, 11);
        SynthesizerContractTests.AssertSameRows(a, b);

        var sgd = first.PrivacyLedgerEntries[^1];
        StringAssert.Contains(sgd.NotPrivateReason, "NonPrivateReproducibleSeed");
        StringAssert.Contains(sgd.Mechanism, "NOT PRIVATE");
        StringAssert.Contains(new MLContext().Synthetic().Privacy.Ledger(first).ToString(), "NOT PRIVATE");
    }

    [TestMethod]
    public void Fit_WithoutNonPrivateReproducibleSeed_LedgerEntryIsPrivate()
    {
        var ml = new MLContext(seed: 1);
        var model = (TvaeModel)ml.Synthetic().Synthesizers.Tvae(DpTvaeContractTests.ContractOptions()).Fit(DpTvaeContractTests.Data(ml));
        Assert.IsTrue(model.PrivacyLedgerEntries.All(e => e.NotPrivateReason is null));
        Assert.IsFalse(model.PrivacyLedgerEntries[^1].Mechanism.Contains("NOT PRIVATE", StringComparison.Ordinal));
    }

    [TestMethod]
    public void NonPrivateReproducibleSeed_WithoutEpsilonOrNoiseMultiplier_IsAnErrorNamingEpsilon()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new MLContext().Synthetic().Synthesizers.Tvae(new TvaeOptions { DifferentialPrivacy = new() { NonPrivateReproducibleSeed = 1, Delta = 1e-5 } }));
        Assert.AreEqual("Epsilon", e.ParamName);
        StringAssert.Contains(e.Message, "NoiseMultiplier");
    }

    [TestMethod]
    public void Sample_StaysWithinTheDeclaredBounds()
    {
        var ml = new MLContext(seed: 1);
        var options = DpTvaeContractTests.ContractOptions();
        options.DifferentialPrivacy!.PublicBounds["X"] = (2, 5);
        var model = ml.Synthetic().Synthesizers.Tvae(options).Fit(DpTvaeContractTests.Data(ml));
        var x = (ContinuousColumn)model.SampleTable(300, null, 1)["X"];
        Assert.IsTrue(x.Values.Where(v => !double.IsNaN(v)).All(v => v is >= 2 and <= 5));
    }

    [TestMethod]
    public void BadPrivacyParameters_AreErrorsNamingTheParameter()
    {
        var ml = new MLContext(seed: 1);
        var tvae = ml.Synthetic().Synthesizers;
        TvaeOptions With(Action<TvaeOptions> change)
        {
            var o = DpTvaeContractTests.ContractOptions();
            change(o);
            return o;
        }

        Assert.AreEqual("Epsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => tvae.Tvae(With(o => o.Epsilon = 0))).ParamName);
        Assert.AreEqual("Epsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => tvae.Tvae(With(o => o.Epsilon = -1))).ParamName);
        Assert.AreEqual("Delta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => tvae.Tvae(With(o => o.Delta = 0))).ParamName);
        Assert.AreEqual("Delta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => tvae.Tvae(With(o => o.Delta = 1))).ParamName);
        Assert.AreEqual("Delta", Assert.ThrowsExactly<ArgumentException>(() => tvae.Tvae(With(o => o.Delta = null))).ParamName);
        Assert.AreEqual("MaxGradNorm", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => tvae.Tvae(With(o => o.DifferentialPrivacy!.MaxGradNorm = 0))).ParamName);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => tvae.Tvae(With(o => o.DifferentialPrivacy!.PublicBounds["X"] = (5, 5)))).Message, "'X'");
    }

    [TestMethod]
    public void MissingPublicMetadata_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var data = DpTvaeContractTests.Data(ml);
        var noBounds = DpTvaeContractTests.ContractOptions();
        noBounds.DifferentialPrivacy!.PublicBounds.Remove("Y");
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Tvae(noBounds).Fit(data));
        StringAssert.Contains(e.Message, "'Y'");
        StringAssert.Contains(e.Message, "PublicBounds");

        var noCategories = DpTvaeContractTests.ContractOptions();
        noCategories.DifferentialPrivacy!.PublicCategories.Remove("Color");
        e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Tvae(noCategories).Fit(data));
        StringAssert.Contains(e.Message, "'Color'");

    }

    [TestMethod]
    public void UndeclaredCategory_IsTreatedAsMissing_TheModelHasExactlyTheDeclaredCategories()
    {
        var ml = new MLContext(seed: 1);
        var undeclared = DpTvaeContractTests.ContractOptions();
        undeclared.DifferentialPrivacy!.PublicCategories["Color"] = ["violet", "red", "green"];
        var model = (TvaeModel)ml.Synthetic().Synthesizers.Tvae(undeclared).Fit(DpTvaeContractTests.Data(ml));

        var color = model.Encoder.Schema.Columns[model.Encoder.Schema.IndexOf("Color")];
        CollectionAssert.AreEqual(new[] { "green", "red", "violet" }, color.Categories.ToArray(), "the declared categories, in ordinal order");
        var sample = (CategoricalColumn)model.SampleTable(300, null, 2)["Color"];
        Assert.IsTrue(sample.Codes.All(c => c < 0 || sample.Categories[c] is "green" or "red" or "violet"));
        Assert.IsTrue(sample.Codes.Any(c => c < 0), "the 'blue' rows were learned as missing values");
    }

    [TestMethod]
    public void Fit_HoldsTheOutputSigmaFixedAtInitialSigma()
    {
        var ml = new MLContext(seed: 1);
        var options = DpTvaeContractTests.ContractOptions();
        options.InitialSigma = 0.25;
        var model = (TvaeModel)ml.Synthetic().Synthesizers.Tvae(options).Fit(DpTvaeContractTests.Data(ml));

        Assert.IsTrue(model.Sigma.All(s => s == 0.25f), $"σ under DP is a public constant, not trained: got {string.Join(", ", model.Sigma)}");
    }

    [TestMethod]
    public void TvaeNetworkWithFrozenSigma_IsClippedEntirelyByTheLinearPath()
    {
        var network = new Microsoft.ML.Synthetic.Synthesizers.Tvae.TvaeNetwork(6, [8], 4, [8], 0.1);
        network.Sigma.requires_grad_(false);
        using var dp = new DpSgdEngine(network, 20, new DpSgdOptions { BatchSize = 20, Sampling = DpSgdSampling.FixedSize, NoiseMultiplier = 1e-12, MaxGradNorm = 1e5, NonPrivateReproducibleSeed = 1 });
        using var x = global::TorchSharp.torch.rand(20, 6, generator: new global::TorchSharp.torch.Generator(3));
        var trainable = network.parameters().Where(p => p.requires_grad).ToArray();
        int linearParameters = network.modules().OfType<global::TorchSharp.Modules.Linear>().Sum(l => l.parameters().Count());
        Assert.AreEqual(linearParameters, trainable.Length, "every trainable parameter lies in a Linear layer (no per-row backward passes)");

        // Σ of unclipped per-row gradients (C huge, noise tiny) equals the batch gradient of the summed loss.
        global::TorchSharp.torch.Tensor Losses(global::TorchSharp.torch.Tensor rows)
        {
            // Every Linear layer must take part (the engine's Linear path needs each captured output in the graph).
            var (mean, logVariance) = network.Encode(rows);
            return (network.Decode(mean + logVariance.exp()) - rows).pow(2).div(network.Sigma.pow(2)).sum(1);
        }

        dp.ComputeGradients(Enumerable.Range(0, 20).Select(i => (long)i).ToArray(), idx => Losses(x.index_select(0, idx)));
        Assert.IsTrue(dp.LastStepUsedLinearPath);
        var dpGrads = trainable.Select(p => p.grad!.clone()).ToArray();
        foreach (var p in trainable)
        {
            p.grad!.zero_();
        }

        (Losses(x).sum() / 20).backward();
        for (int k = 0; k < trainable.Length; k++)
        {
            Assert.IsTrue(global::TorchSharp.torch.allclose(dpGrads[k], trainable[k].grad!, rtol: 1e-3, atol: 1e-4), $"parameter {k}: max difference {(dpGrads[k] - trainable[k].grad!).abs().max().item<float>()}");
        }
    }
}
