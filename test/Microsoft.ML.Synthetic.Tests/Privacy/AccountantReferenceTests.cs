using Microsoft.ML.Synthetic.Privacy.Accounting;

namespace Microsoft.ML.Synthetic.Tests.Privacy;

/// <summary>The accountants reproduce the values published in Opacus' and TensorFlow Privacy's tests.</summary>
[TestClass]
public sealed class AccountantReferenceTests
{
    [TestMethod]
    public void Rdp_OpacusAccountantTest_Sigma1p5_Q0p04_2250Steps_Gives7p32911117143()
    {
        // opacus/tests/accountants_test.py, test_rdp_accountant: steps = int(90 / 0.04), one step() per step.
        var accountant = new RdpAccountant();
        int steps = (int)(90 / 0.04);
        for (int i = 0; i < steps; i++)
        {
            accountant.Step(noiseMultiplier: 1.5, sampleRate: 0.04);
        }

        Assert.AreEqual(2250, accountant.StepCount);
        // We get 7.3291111714386…: the published figure is this value cut after its 11th decimal.
        double eps = accountant.GetEpsilon(1e-5);
        Assert.AreEqual(7.32911117143, Math.Floor(eps * 1e11) / 1e11, 1e-13);
        Assert.AreEqual(3.9, accountant.GetEpsilonAndOrder(1e-5).Order, 1e-12);
    }

    [TestMethod]
    [DataRow(60000, 150, 1.3, 15, 1e-5, 0.7242234026109595, 19.0)]
    [DataRow(100000, 100, 1.0, 30, 1e-7, 1.4154988495444845, 13.0)]
    [DataRow(100000000, 1024, 0.1, 10, 1e-7, 5907982.31138195, 1.25)]
    public void Rdp_TensorFlowPrivacyComputeDpSgdPrivacy_MatchesPublishedEpsilonAndOrder(
        int n, int batchSize, double noiseMultiplier, int epochs, double delta, double expectedEpsilon, double expectedOrder)
    {
        // tensorflow_privacy/privacy/analysis/compute_dp_sgd_privacy_test.py: q = batch/n,
        // steps = ceil(epochs·n/batch), their order list.
        double q = (double)batchSize / n;
        long steps = (long)Math.Ceiling((double)epochs * n / batchSize);
        var accountant = new RdpAccountant(SampledGaussianRdp.TensorFlowPrivacyOrders);
        accountant.Step(noiseMultiplier, q, steps);
        var (eps, order) = accountant.GetEpsilonAndOrder(delta);

        Assert.AreEqual(expectedOrder, order);
        Assert.AreEqual(expectedEpsilon, eps, Math.Abs(expectedEpsilon) * 1e-12);
    }

    [TestMethod]
    public void Zcdp_RhoForEpsilon1Delta1em9_MatchesAnIndependentConversion()
    {
        // ZcdpReference: CKS 2020's conversion computed in the test by another method (golden section over
        // log(α − 1)); both give ρ = 0.0149730576735885 (the two differ in the 17th digit), as does a Python
        // transcription of the same golden-section computation.
        double expected = ZcdpReference.Rho(1, 1e-9);
        Assert.AreEqual(0.0149730576735885, expected, 1e-15, "the reference conversion itself");
        Assert.AreEqual(expected, ZeroConcentratedDp.Rho(1, 1e-9), 1e-15);
        Assert.AreEqual(ZcdpReference.Epsilon(0.5, 1e-6), ZeroConcentratedDp.Epsilon(0.5, 1e-6), 1e-12);
        Assert.AreEqual(ZcdpReference.Delta(0.2, 2), ZeroConcentratedDp.Delta(0.2, 2), 1e-12 * ZcdpReference.Delta(0.2, 2));
    }

    [TestMethod]
    public void Zcdp_EpsilonAndRho_AreInverse_AndDeltaMatchesAtBoundary()
    {
        double rho = ZeroConcentratedDp.Rho(1, 1e-9);
        Assert.AreEqual(1.0, ZeroConcentratedDp.Epsilon(rho, 1e-9), 1e-9);
        Assert.IsTrue(ZeroConcentratedDp.Delta(rho, 1) <= 1e-9);
        Assert.IsTrue(ZeroConcentratedDp.Delta(rho * 1.001, 1) > 1e-9);
    }

    [TestMethod]
    public void Zcdp_ConversionIsTighterThanBunSteinkeClosedForm()
    {
        // Bun & Steinke 2016, Proposition 1.3: ρ-zCDP ⇒ (ρ + 2√(ρ ln(1/δ)), δ)-DP. The exact conversion is smaller.
        double rho = 0.5, delta = 1e-6;
        double closedForm = rho + (2 * Math.Sqrt(rho * Math.Log(1 / delta)));
        double exact = ZeroConcentratedDp.Epsilon(rho, delta);
        Assert.IsTrue(exact < closedForm, $"{exact} vs {closedForm}");
        Assert.IsTrue(exact > closedForm * 0.8, $"{exact} vs {closedForm}");
    }

    [TestMethod]
    public void Rdp_FullBatchEqualsGaussianMechanismRdp()
    {
        // q = 1 is the Gaussian mechanism: RDP(α) = α/(2σ²) (Mironov 2017, Proposition 7).
        Assert.AreEqual(3.0 / (2 * 4), SampledGaussianRdp.Compute(1, 2, 1, 3.0), 1e-15);
        // q → small integer-order series against the closed-form sum for α = 2: A_2 = 1 + q²(e^(1/σ²) − 1).
        double q = 0.01, sigma = 1.1;
        double expected = Math.Log(1 + (q * q * (Math.Exp(1 / (sigma * sigma)) - 1)));
        Assert.AreEqual(expected, SampledGaussianRdp.Compute(q, sigma, 1, 2.0), 1e-15);
    }

    [TestMethod]
    public void Composition_BasicSums_AdvancedBeatsBasicForManySmallSteps()
    {
        var basic = Composition.Basic([(0.5, 1e-6), (0.25, 0), (1, 1e-7)]);
        Assert.AreEqual(1.75, basic.Epsilon, 1e-15);
        Assert.AreEqual(1.1e-6, basic.Delta, 1e-18);

        var advanced = Composition.Advanced(0.01, 0, 10000, 1e-6);
        double expected = (0.01 * Math.Sqrt(2 * 10000 * Math.Log(1e6))) + (10000 * 0.01 * (Math.Exp(0.01) - 1));
        Assert.AreEqual(expected, advanced.Epsilon, 1e-12);
        Assert.IsTrue(advanced.Epsilon < 100);
    }

    [TestMethod]
    public void Accountants_RejectBadParameters_NamingThem()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ZeroConcentratedDp.Rho(0, 1e-5));
        Assert.AreEqual("epsilon", e.ParamName);
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ZeroConcentratedDp.Rho(1, 1));
        Assert.AreEqual("delta", e.ParamName);
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new RdpAccountant().GetEpsilon(0));
        Assert.AreEqual("delta", e.ParamName);
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new RdpAccountant().Step(0, 0.1));
        Assert.AreEqual("noiseMultiplier", e.ParamName);
    }
}
