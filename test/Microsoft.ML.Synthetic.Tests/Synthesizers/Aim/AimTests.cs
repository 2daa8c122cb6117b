using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Synthesizers.Aim;
using Microsoft.ML.Synthetic.Tests.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Aim;

/// <summary>AIM's budget, workload, selection, conditioning, progress and errors.</summary>
[TestClass]
public sealed class AimTests
{
    [TestMethod]
    public void Ledger_SpendsExactlyRho_AndComposesUnderZcdpToTheRequestedEpsilon()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Aim(AimContractTests.ContractOptions(epsilon: 2)).Fit(AimContractTests.Data(ml));
        double rho = ZeroConcentratedDp.Rho(2, 1e-6);
        Assert.HasCount(3, model.PrivacyLedgerEntries);
        Assert.AreEqual(rho, model.PrivacyLedgerEntries.Sum(e => e.Rho!.Value), 1e-12 * rho, "the last round spends what is left");
        Assert.IsTrue(model.PrivacyLedgerEntries.All(e => e.NotPrivateReason is not null), "seeded noise is marked not private");
        var ledger = new PrivacyLedger(model.PrivacyLedgerEntries, CompositionRule.ZeroConcentrated, 1e-6);
        Assert.AreEqual(2, ledger.TotalEpsilon, 1e-6);

        // The one-way marginals take p rounds' worth of 0.9ρ/T at the first σ: 5 columns, T = 80.
        Assert.AreEqual(5 * 0.9 * rho / 80, model.PrivacyLedgerEntries[0].Rho!.Value, 1e-12 * rho);
    }

    [TestMethod]
    public void Fit_WithoutSeed_UsesSecureNoiseAndLedgerIsPrivate()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Aim(AimContractTests.ContractOptions(noiseSeed: null)).Fit(AimContractTests.Data(ml));
        Assert.IsTrue(model.PrivacyLedgerEntries.All(e => e.NotPrivateReason is null));
    }

    [TestMethod]
    public void Candidates_AreTheDownwardClosureWeightedByOverlap()
    {
        var candidates = AimWorkload.Candidates([[0, 1], [1, 2]]);
        var byKey = candidates.ToDictionary(c => string.Join(",", c.Clique), c => c.Weight);
        CollectionAssert.AreEquivalent(new[] { "0", "1", "2", "0,1", "1,2" }, byKey.Keys.ToArray());
        Assert.AreEqual(1, byKey["0"]);
        Assert.AreEqual(2, byKey["1"], "column 1 lies in both workload marginals");
        Assert.AreEqual(3, byKey["0,1"], "2 with itself, 1 with (1, 2)");
        Assert.AreEqual(1, candidates[0].Clique.Length, "one-way candidates first");
    }

    [TestMethod]
    public void Fit_LargeEpsilon_MeasuresTheDependentPairsAndReproducesThem()
    {
        var ml = new MLContext(seed: 1);
        var options = AimContractTests.ContractOptions(epsilon: 1000);
        options.Rounds = 10;
        options.IterationsPerRound = 100;
        options.FinalIterations = 1000;
        var progress = new List<AimProgress>();
        options.Progress = new SynchronousProgress<AimProgress>(progress.Add);
        var data = AimContractTests.Data(ml);
        var model = ml.Synthetic().Synthesizers.Aim(options).Fit(data);
        Assert.IsNotEmpty(progress);
        Assert.AreEqual(1, progress[^1].BudgetUsed, 1e-9);
        Assert.AreEqual(5 + progress.Count, model.MeasuredMarginals.Count, "the one-way marginals, then one per round");
        Assert.IsTrue(model.MeasuredMarginals.Any(m => m.Contains("Color") && m.Contains("Flag")), string.Join("; ", model.MeasuredMarginals.Select(m => string.Join(",", m))));

        var real = TabularData.FromDataView(data);
        var synthetic = model.SampleTable(20_000, seed: 2);
        Assert.AreEqual(MstTests.BlueShare(real, "True"), MstTests.BlueShare(synthetic, "True"), 0.04);
    }

    [TestMethod]
    public void ConditionalSample_OnACategory_FollowsTheModelsConditional()
    {
        var ml = new MLContext(seed: 1);
        var options = AimContractTests.ContractOptions(epsilon: 1000);
        var data = AimContractTests.Data(ml);
        var model = ml.Synthetic().Synthesizers.Aim(options).Fit(data);
        var conditioned = model.SampleTable(5000, new SampleConditions { ["Flag"] = SampleCondition.Equal("True") }, seed: 3);
        var flag = (CategoricalColumn)conditioned["Flag"];
        Assert.IsTrue(flag.Codes.All(c => flag.Categories[c] == "True"));
        var unconditioned = model.SampleTable(40_000, seed: 4);
        Assert.AreEqual(MstTests.BlueShare(unconditioned, "True"), MstTests.BlueShare(conditioned, "True"), 0.04, "P(blue | Flag) from conditioning and from filtering agree");
    }

    [TestMethod]
    public void ConditionalSample_OnARange_IsAClearError()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.Aim(AimContractTests.ContractOptions()).Fit(AimContractTests.Data(ml));
        var e = Assert.ThrowsExactly<NotSupportedException>(() => model.SampleTable(10, new SampleConditions { ["Y"] = SampleCondition.Between(1, 5) }));
        StringAssert.Contains(e.Message, "one category of one categorical column");
    }

    [TestMethod]
    public void Fit_MissingBounds_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var options = AimContractTests.ContractOptions();
        options.PublicBounds.Remove("Y");
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Aim(options).Fit(AimContractTests.Data(ml)));
        StringAssert.Contains(e.Message, "'Y'");
    }

    [TestMethod]
    public void Fit_WorkloadNamingAnUnknownColumn_IsAnErrorNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var options = AimContractTests.ContractOptions();
        options.Workload.Add(["X", "Nope"]);
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Aim(options).Fit(AimContractTests.Data(ml)));
        StringAssert.Contains(e.Message, "'Nope'");
    }

    [TestMethod]
    public void Fit_ThreeWayWorkloadUnderTinyModelLimit_StaysWithinTheLimit()
    {
        var ml = new MLContext(seed: 1);
        var options = AimContractTests.ContractOptions(epsilon: 50);
        options.WorkloadDegree = 3;
        options.MaxModelSizeMegabytes = 0.01;   // 1,310 cells: no 3-way marginal of X and Y (11 × 11 × 11 cells) fits with the rest
        var progress = new List<AimProgress>();
        options.Progress = new SynchronousProgress<AimProgress>(progress.Add);
        ml.Synthetic().Synthesizers.Aim(options).Fit(AimContractTests.Data(ml));
        Assert.IsTrue(progress.All(p => p.ModelSizeMegabytes <= 0.01 + 1e-12), string.Join("; ", progress.Select(p => p.ModelSizeMegabytes)));
    }

    [TestMethod]
    public void Fit_Cancelled_Throws()
    {
        var ml = new MLContext(seed: 1);
        var options = AimContractTests.ContractOptions();
        using var cts = new CancellationTokenSource();
        options.Progress = new SynchronousProgress<AimProgress>(_ => cts.Cancel());
        options.CancellationToken = cts.Token;
        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Synthetic().Synthesizers.Aim(options).Fit(AimContractTests.Data(ml)));
    }

    [TestMethod]
    public void Options_BadSettings_AreErrorsNamingThem()
    {
        var ml = new MLContext(seed: 1);
        Assert.Contains("WorkloadDegree", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Synthetic().Synthesizers.Aim(new AimOptions { WorkloadDegree = 4 })).Message);
        Assert.Contains("MaxModelSizeMegabytes", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Synthetic().Synthesizers.Aim(new AimOptions { MaxModelSizeMegabytes = 0 })).Message);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
