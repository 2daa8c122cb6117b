using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Privacy.DpSgd;
using Microsoft.ML.Synthetic.Tests.Synthesizers;

namespace Microsoft.ML.Synthetic.Tests.Privacy.DpCtgan;

/// <summary>DP-CTGAN: budget accounting, the ledger, reproducibility, and errors naming the bad parameter or column.</summary>
[TestClass]
public sealed class DpCtganTests
{
    // 600 rows, batch 100: q = 1/6, 5 epochs of 6 critic steps.
    private const long Planned = 30;

    [TestMethod]
    public void Fit_SpendsAtMostTheTarget_EqualToTheAccountantForThePlannedSteps()
    {
        var ml = new MLContext(seed: 1);
        var model = (CtganModel)ml.Synthetic().Synthesizers.Ctgan(DpCtganContractTests.ContractOptions(epsilon: 1)).Fit(DpCtganContractTests.Data(ml));

        Assert.HasCount(2, model.PrivacyLedgerEntries);
        Assert.AreEqual("Ctgan encoding", model.PrivacyLedgerEntries[0].Step);
        Assert.AreEqual(0.0, model.PrivacyLedgerEntries[0].Epsilon);
        var sgd = model.PrivacyLedgerEntries[1];
        Assert.AreEqual("Ctgan critic (DP-SGD)", sgd.Step);
        double q = 100.0 / 600;
        double sigma = NoiseMultiplierSearch.ForTargetEpsilon(1, 1e-5, q, Planned);
        var accountant = new RdpAccountant();
        accountant.Step(sigma, q, Planned);
        StringAssert.Contains(sgd.Mechanism, $"{Planned} steps");
        Assert.AreEqual(accountant.GetEpsilon(1e-5), sgd.Epsilon, 1e-12);
        Assert.IsLessThanOrEqualTo(1.0, sgd.Epsilon);
        Assert.IsGreaterThan(0.9, sgd.Epsilon, "the noise is calibrated to spend close to the target");
        Assert.AreEqual(1e-5, sgd.Delta);
        Assert.IsNotNull(sgd.Renyi, "the entry carries its RDP curve for chain composition");
    }

    [TestMethod]
    public void Fit_WithANoiseMultiplier_RunsEveryPlannedStep_AndReportsItsEpsilon()
    {
        var ml = new MLContext(seed: 1);
        var options = DpCtganContractTests.ContractOptions();
        options.DifferentialPrivacy!.Epsilon = null;
        options.DifferentialPrivacy.NoiseMultiplier = 2;
        var model = (CtganModel)ml.Synthetic().Synthesizers.Ctgan(options).Fit(DpCtganContractTests.Data(ml));

        var sgd = model.PrivacyLedgerEntries[1];
        StringAssert.Contains(sgd.Mechanism, "σ = 2,");
        StringAssert.Contains(sgd.Mechanism, $"{Planned} steps");
        Assert.AreEqual(RdpAccountant.Epsilon(2, 100.0 / 600, Planned, 1e-5), sgd.Epsilon, 1e-12);
    }

    [TestMethod]
    public void Fit_SameContextSeedAndSeedOption_GivesDifferentModels_BecauseTheTrainingRandomnessIsSecret()
    {
        TabularData Run()
        {
            var ml = new MLContext(seed: 7);
            var options = DpCtganContractTests.ContractOptions();
            options.Seed = 3;
            return ml.Synthetic().Synthesizers.Ctgan(options).Fit(DpCtganContractTests.Data(ml)).SampleTable(50, null, 11);
        }

        CollectionAssert.AreNotEqual(((ContinuousColumn)Run()["Y"]).Values, ((ContinuousColumn)Run()["Y"]).Values);
    }

    [TestMethod]
    public void Fit_WithNonPrivateReproducibleSeed_GivesTheSameRows_AndTheLedgerSaysNotPrivate()
    {
        CtganModel Fit(int contextSeed)
        {
            var ml = new MLContext(seed: contextSeed);
            var options = DpCtganContractTests.ContractOptions();
            options.DifferentialPrivacy!.NonPrivateReproducibleSeed = 5;
            return (CtganModel)ml.Synthetic().Synthesizers.Ctgan(options).Fit(DpCtganContractTests.Data(ml));
        }

        var first = Fit(7);
        var a = first.SampleTable(50, null, 11);
        var b = Fit(8).SampleTable(50, null, 11);
        SynthesizerContractTests.AssertSameRows(a, b);

        StringAssert.Contains(first.PrivacyLedgerEntries[^1].NotPrivateReason, "NonPrivateReproducibleSeed");
        Assert.IsNull(first.PrivacyLedgerEntries[0].NotPrivateReason, "the encoding reads no private data");
    }

    [TestMethod]
    public void BadSettings_AreErrorsNamingTheParameter()
    {
        var ml = new MLContext(seed: 1);
        void Expect<TException>(Action<CtganOptions> change, string named)
            where TException : Exception
        {
            var options = DpCtganContractTests.ContractOptions();
            change(options);
            var e = Assert.Throws<TException>(() => ml.Synthetic().Synthesizers.Ctgan(options));
            StringAssert.Contains(e.Message, named);
        }

        Expect<ArgumentException>(o => o.Pac = 10, "Pac");
        Expect<ArgumentException>(o => o.Epsilon = 0, "Epsilon");
        Expect<ArgumentException>(o => o.Epsilon = -1, "Epsilon");
        Expect<ArgumentException>(o => o.DifferentialPrivacy!.NoiseMultiplier = 1, "NoiseMultiplier");
        Expect<ArgumentException>(o => o.Epsilon = null, "NoiseMultiplier");
        Expect<ArgumentException>(o => o.Delta = null, "Delta");
        Expect<ArgumentException>(o => o.Delta = 1, "Delta");
        Expect<ArgumentException>(o => o.DifferentialPrivacy!.MaxGradNorm = 0, "MaxGradNorm");
        Expect<ArgumentException>(o => o.DifferentialPrivacy!.PublicBounds["X"] = (5, 5), "'X'");
    }

    [TestMethod]
    public void MissingOrIncompletePublicMetadata_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var data = DpCtganContractTests.Data(ml);
        var noBounds = DpCtganContractTests.ContractOptions();
        noBounds.DifferentialPrivacy!.PublicBounds.Remove("Y");
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Ctgan(noBounds).Fit(data));
        StringAssert.Contains(e.Message, "'Y'");
        StringAssert.Contains(e.Message, "DifferentialPrivacyOptions.PublicBounds");

        var noCategories = DpCtganContractTests.ContractOptions();
        noCategories.DifferentialPrivacy!.PublicCategories.Remove("Color");
        e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.Ctgan(noCategories).Fit(data));
        StringAssert.Contains(e.Message, "'Color'");
        StringAssert.Contains(e.Message, "DifferentialPrivacyOptions.PublicCategories");
    }
}
