using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Tests.Privacy.DpSgd;

/// <summary>DP-SGD with <see cref="PrivacyAccountant.Prv"/>: the σ search, the ε spent and the ledger name the accountant.</summary>
[TestClass]
public sealed class DpSgdPrvAccountingTests
{
    [TestMethod]
    public void ForTargetEpsilon_Prv_FindsTheSmallestSigmaWithinTarget_BelowTheRdpSigma()
    {
        const double target = 2, delta = 1e-5, q = 0.04;
        const long steps = 300;
        double prv = NoiseMultiplierSearch.ForTargetEpsilon(target, delta, q, steps, accountant: PrivacyAccountant.Prv);
        double rdp = NoiseMultiplierSearch.ForTargetEpsilon(target, delta, q, steps);
        Assert.IsTrue(prv < rdp, $"PRV σ {prv} vs RDP σ {rdp}");
        Assert.IsTrue(PrvAccountant.Epsilon(prv, q, steps, delta).Upper <= target);
        Assert.IsTrue(PrvAccountant.Epsilon(prv - 2e-4, q, steps, delta).Upper > target);
    }

    [TestMethod]
    public void Engine_WithPrvAccountant_SpendsThePrvUpperBound_AndTheLedgerNamesIt()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var model = nn.Sequential(("hidden", nn.Linear(2, 4)), ("act", nn.Tanh()), ("out", nn.Linear(4, 1)));
        var x = randn(25, 2);
        var y = randn(25, 1);
        var optimizer = optim.SGD(model.parameters(), 0.01);
        using var dp = new DpSgdEngine(model, 25, new DpSgdOptions { BatchSize = 1, NoiseMultiplier = 1.5, Delta = 1e-5, Accountant = PrivacyAccountant.Prv, NonPrivateReproducibleSeed = 4 }, "DP-SGD(prv)");
        for (int step = 0; step < 40; step++)
        {
            using var stepScope = NewDisposeScope();
            dp.ComputeGradients(dp.SampleBatch(), idx => (model.forward(x[idx]) - y[idx]).pow(2).sum(1));
            optimizer.step();
        }

        double expected = PrvAccountant.Epsilon(1.5, 0.04, 40, 1e-5).Upper;
        Assert.AreEqual(expected, dp.Epsilon());
        Assert.IsTrue(expected < RdpAccountant.Epsilon(1.5, 0.04, 40, 1e-5));
        var entry = dp.PrivacyLedgerEntries.Single();
        Assert.AreEqual(PrivacyAccountant.Prv, entry.Accountant);
        Assert.AreEqual(expected, entry.Epsilon);
        StringAssert.Contains(entry.Mechanism, "PRV accountant");
        StringAssert.Contains(new PrivacyLedger([entry]).ToString(), "(PRV accountant)");
    }

    [TestMethod]
    public void Engine_ByDefault_AccountsWithRdp_AndTheLedgerSaysSo()
    {
        using var scope = NewDisposeScope();
        var model = nn.Linear(2, 1);
        using var dp = new DpSgdEngine(model, 25, new DpSgdOptions { BatchSize = 1, NoiseMultiplier = 1.5, NonPrivateReproducibleSeed = 4 });
        var entry = dp.PrivacyLedgerEntries.Single();
        Assert.AreEqual(PrivacyAccountant.Rdp, dp.Options.Accountant);
        Assert.AreEqual(PrivacyAccountant.Rdp, entry.Accountant);
        StringAssert.Contains(new PrivacyLedger([entry]).ToString(), "(RDP accountant)");
    }

    [TestMethod]
    public void Engine_WithPrvTarget_CalibratesSigmaWithPrv_AndStopsWithinTarget()
    {
        using var scope = NewDisposeScope();
        var model = nn.Linear(2, 1);
        var options = new DpSgdOptions { BatchSize = 10, TargetEpsilon = 1, PlannedSteps = 200, Accountant = PrivacyAccountant.Prv, NonPrivateReproducibleSeed = 4 };
        using var dp = new DpSgdEngine(model, 500, options);
        Assert.AreEqual(NoiseMultiplierSearch.ForTargetEpsilon(1, 1e-5, 0.02, 200, accountant: PrivacyAccountant.Prv), dp.NoiseMultiplier);
        Assert.AreEqual(200, dp.StepsWithinTarget());
        Assert.IsTrue(PrvAccountant.Epsilon(dp.NoiseMultiplier, 0.02, 200, 1e-5).Upper <= 1);
    }

    [TestMethod]
    public void WouldExceedTarget_Prv_StopsAtTheLargestStepCountWithinTarget()
    {
        using var scope = NewDisposeScope();
        var model = nn.Linear(2, 1);
        var x = randn(100, 2);
        using var dp = new DpSgdEngine(model, 100, new DpSgdOptions { BatchSize = 10, NoiseMultiplier = 2.0, TargetEpsilon = 1.5, PlannedSteps = 1000, Accountant = PrivacyAccountant.Prv, NonPrivateReproducibleSeed = 5 });
        while (!dp.WouldExceedTarget())
        {
            using var stepScope = NewDisposeScope();
            dp.ComputeGradients(dp.SampleBatch(), idx => model.forward(x[idx]).pow(2).sum(1));
        }

        Assert.IsTrue(dp.StepsTaken > 1, $"{dp.StepsTaken} steps");
        Assert.IsTrue(dp.Epsilon() <= 1.5);
        Assert.IsTrue(PrvAccountant.Epsilon(2.0, 0.1, dp.StepsTaken + 1, 1e-5).Upper > 1.5);
    }
}
