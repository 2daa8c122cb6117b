using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;

namespace Microsoft.ML.Synthetic.Tests.Privacy.Accounting;

/// <summary>
/// The PRV accountant against Opacus' published value, the microsoft/prv_accountant table Opacus tests against,
/// the Gaussian mechanism's exact (ε, δ) curve (Balle &amp; Wang 2018) and the RDP accountant.
/// </summary>
[TestClass]
public sealed class PrvAccountantTests
{
    [TestMethod]
    public void Epsilon_OpacusPrvAccountantTest_Sigma1p5_Q0p04_2249Steps_Gives6p7773957()
    {
        // opacus/tests/accountants_test.py, test_prv_accountant: steps = int(90 // 0.04) = 2249 step() calls,
        // get_epsilon(delta=1e-5) (the upper bound, ε error 0.01, δ error δ/1000) = 6.777395712150674.
        var accountant = new PrvAccountant();
        for (int i = 0; i < 2249; i++)
        {
            accountant.Step(noiseMultiplier: 1.5, sampleRate: 0.04);
        }

        Assert.AreEqual(2249, accountant.StepCount);
        var bounds = accountant.GetEpsilon(1e-5);
        Assert.AreEqual(6.777395712150674, bounds.Upper, 1e-6);
        Assert.AreEqual(bounds.Upper - 0.01, bounds.Estimate, 0.001, "the upper bound is the estimate at δ − δ/1000, plus 0.01");
        Assert.IsTrue(bounds.Lower < bounds.Estimate && bounds.Estimate < bounds.Upper);
    }

    [TestMethod]
    [DataRow(0.8, 0.001, 100, 0.270403364058018680360362395731)]
    [DataRow(1.5, 0.001, 100, 0.0393694193095203287535710501288)]
    [DataRow(3.0, 0.05, 100, 0.767933789666825572517439013609)]
    [DataRow(0.8, 0.2, 100, 24.3336641779225644199868838768)]
    [DataRow(2.0, 0.001, 1000, 0.0712187825381152272985474382949)]
    [DataRow(1.5, 0.05, 1000, 6.20996924657726712126759593957)]
    public void Epsilon_MicrosoftPrvAccountantTable_MatchesToFiveDecimals(double sigma, double q, int steps, double expected)
    {
        // opacus/tests/prv_accountant.py, msr_values "computed from https://github.com/microsoft/prv_accountant",
        // δ = 1e-6, compared with Opacus' get_epsilon at places = 5.
        Assert.AreEqual(expected, PrvAccountant.Epsilon(sigma, q, steps, 1e-6).Upper, 5e-6);
    }

    [TestMethod]
    [DataRow(0.5)]
    [DataRow(1.0)]
    [DataRow(2.0)]
    [DataRow(5.0)]
    public void Epsilon_FullBatchSingleStep_BracketsTheAnalyticGaussianExactEpsilon(double sigma)
    {
        // q = 1, one step is the Gaussian mechanism with sensitivity 1: its exact δ(ε) is Balle & Wang's Theorem 8.
        double exact = ExactGaussianEpsilon(sigma, 1e-5);
        var bounds = PrvAccountant.Epsilon(sigma, 1, 1, 1e-5);
        Assert.IsTrue(bounds.Lower <= exact && exact <= bounds.Upper, $"{exact} outside [{bounds.Lower}, {bounds.Upper}]");
        Assert.AreEqual(exact, bounds.Estimate, 1e-4);
    }

    [TestMethod]
    public void Delta_FullBatchCompositions_BracketTheExactGaussianDelta()
    {
        // T Gaussian steps of noise σᵢ compose to one Gaussian with 1/σ² = Σ 1/σᵢ² (μ-GDP, Dong, Roth & Su 2022):
        // 100 steps of σ = 5 (μ = 2), and 50 of σ = 10 followed by 50 of σ = 5 (μ = √2.5), at ε = 4 — as
        // microsoft/prv_accountant's analytic tests.
        var homogeneous = PrvAccountant.Delta(5, 1, 100, 4, deltaError: 1e-10);
        double exact = AnalyticGaussian.Delta(0.5, 4);
        Assert.IsTrue(homogeneous.Lower <= exact && exact <= homogeneous.Upper, $"{exact} outside [{homogeneous.Lower}, {homogeneous.Upper}]");
        Assert.AreEqual(exact, homogeneous.Estimate, 1e-3 * exact);

        var mixed = new PrvAccountant();
        mixed.Step(10, 1, 50);
        mixed.Step(5, 1, 50);
        var bounds = mixed.GetDelta(4, deltaError: 1e-10);
        double exactMixed = AnalyticGaussian.Delta(1 / Math.Sqrt(2.5), 4);
        Assert.IsTrue(bounds.Lower <= exactMixed && exactMixed <= bounds.Upper, $"{exactMixed} outside [{bounds.Lower}, {bounds.Upper}]");
        Assert.AreEqual(exactMixed, bounds.Estimate, 1e-3 * exactMixed);
    }

    [TestMethod]
    [DataRow(1.1, 0.01, 1000, 1e-5)]
    [DataRow(2.317, 0.0096, 3120, 1e-5)]
    [DataRow(0.8, 0.05, 300, 1e-6)]
    public void Epsilon_IsBelowTheRdpAccountantsForTheSameRun(double sigma, double q, int steps, double delta)
    {
        // The tightness claim of Gopi et al. 2021: PRV's upper bound stays below RDP's (which is an upper bound too).
        double prv = PrvAccountant.Epsilon(sigma, q, steps, delta).Upper;
        double rdp = RdpAccountant.Epsilon(sigma, q, steps, delta);
        Assert.IsTrue(prv < rdp, $"PRV {prv} vs RDP {rdp}");
    }

    [TestMethod]
    public void Epsilon_DecreasesAsTheNoiseMultiplierGrows()
    {
        double previous = double.PositiveInfinity;
        foreach (double sigma in new[] { 0.7, 0.8, 1.0, 1.3, 2.0, 4.0 })
        {
            double eps = PrvAccountant.Epsilon(sigma, 0.01, 500, 1e-5).Estimate;
            Assert.IsTrue(eps < previous, $"σ = {sigma}: ε = {eps} after {previous}");
            previous = eps;
        }
    }

    [TestMethod]
    public void Epsilon_SameInputs_GiveIdenticalBits()
    {
        var first = PrvAccountant.Epsilon(1.2, 0.02, 400, 1e-5);
        var second = PrvAccountant.Epsilon(1.2, 0.02, 400, 1e-5);
        Assert.AreEqual(first, second);
    }

    [TestMethod]
    public void Delta_AtTheEpsilonEstimate_GivesBackDelta()
    {
        var eps = PrvAccountant.Epsilon(1.0, 0.02, 500, 1e-5, deltaError: 1e-10);
        Assert.AreEqual(1e-5, PrvAccountant.Delta(1.0, 0.02, 500, eps.Estimate, deltaError: 1e-10).Estimate, 1e-9);
    }

    [TestMethod]
    public void Accountant_BadParameters_ThrowNamingThem()
    {
        Assert.AreEqual("noiseMultiplier", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PrvAccountant.Epsilon(0, 0.1, 10, 1e-5)).ParamName);
        Assert.AreEqual("sampleRate", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PrvAccountant.Epsilon(1, 0, 10, 1e-5)).ParamName);
        Assert.AreEqual("sampleRate", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PrvAccountant.Epsilon(1, 1.5, 10, 1e-5)).ParamName);
        Assert.AreEqual("steps", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PrvAccountant.Epsilon(1, 0.1, 0, 1e-5)).ParamName);
        Assert.AreEqual("delta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PrvAccountant.Epsilon(1, 0.1, 10, 0)).ParamName);
        Assert.AreEqual("deltaError", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PrvAccountant.Epsilon(1, 0.1, 10, 1e-5, deltaError: 1e-5)).ParamName);
        Assert.AreEqual("epsilonError", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PrvAccountant.Epsilon(1, 0.1, 10, 1e-5, epsilonError: 0)).ParamName);
        Assert.AreEqual("epsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PrvAccountant.Delta(1, 0.1, 10, -1)).ParamName);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => new PrvAccountant().GetEpsilon(1e-5)).Message, "Step");
        var tooFine = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PrvAccountant.Epsilon(0.8, 0.05, 50000, 1e-6));
        StringAssert.Contains(tooFine.Message, "larger ε error");
    }

    // The ε at which the Gaussian mechanism with noise σ (sensitivity 1) has exactly δ, by bisection on Balle & Wang's δ(ε).
    private static double ExactGaussianEpsilon(double sigma, double delta)
    {
        double low = 0, high = 100;
        for (int i = 0; i < 200; i++)
        {
            double mid = (low + high) / 2;
            (low, high) = AnalyticGaussian.Delta(sigma, mid) > delta ? (mid, high) : (low, mid);
        }

        return (low + high) / 2;
    }
}
