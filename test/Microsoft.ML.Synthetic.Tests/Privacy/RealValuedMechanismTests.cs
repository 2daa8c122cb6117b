using Microsoft.ML.Synthetic.Privacy.Mechanisms;

namespace Microsoft.ML.Synthetic.Tests.Privacy;

/// <summary>The analytic Gaussian calibration and the grid (floating-point-safe) Laplace and Gaussian mechanisms.</summary>
[TestClass]
public sealed class RealValuedMechanismTests
{
    [TestMethod]
    [DataRow(0.1, 1e-5)]
    [DataRow(1.0, 1e-5)]
    [DataRow(1.0, 1e-10)]
    [DataRow(5.0, 1e-3)]
    [DataRow(0.5, 0.3)]
    public void AnalyticGaussian_SigmaMeetsTheoremEightWithEquality(double epsilon, double delta)
    {
        double sigma = AnalyticGaussian.Sigma(epsilon, delta, sensitivity: 2);
        // Balle & Wang 2018, Theorem 8: the mechanism is (ε, δ)-DP iff δ(σ) ≤ δ; calibration is tight.
        Assert.AreEqual(delta, AnalyticGaussian.Delta(sigma, epsilon, 2), delta * 1e-6);
        Assert.IsTrue(AnalyticGaussian.Delta(sigma * 0.999, epsilon, 2) > delta);
    }

    [TestMethod]
    public void AnalyticGaussian_ImprovesOnClassicalCalibration()
    {
        // Balle & Wang 2018, Section 1/Figure 1: the classical bound over-calibrates; e.g. ε = 1, δ = 1e-5.
        double analytic = AnalyticGaussian.Sigma(1, 1e-5);
        double classical = AnalyticGaussian.ClassicalSigma(1, 1e-5);
        Assert.AreEqual(4.845, classical, 1e-3);
        Assert.IsTrue(analytic < classical * 0.8, $"{analytic} vs {classical}");
        Assert.AreEqual(3.73, analytic, 0.01);
        // Scales linearly with the sensitivity.
        Assert.AreEqual(3 * analytic, AnalyticGaussian.Sigma(1, 1e-5, 3), 1e-9);
    }

    [TestMethod]
    public void GridLaplace_OutputsOnGrid_UnbiasedInside_ClampedOutside()
    {
        var m = new GridLaplaceMechanism(lower: 17, upper: 90, epsilon: 0.5);
        Assert.AreEqual(Math.ScaleB(1, Math.ILogB(73 / 0.5) - 10), m.Granularity);
        Assert.AreEqual((73 / 0.5), m.Scale, 73 / 0.5 * 0.01);
        var source = NoiseSource.CreateUnsafeSeeded(4);

        var inside = Enumerable.Range(0, 20000).Select(_ => m.Apply(40.3, source)).ToArray();
        foreach (var v in inside.Take(200))
        {
            Assert.AreEqual(0, Math.IEEERemainder(v, m.Granularity), $"{v} is not on the grid");
        }

        Assert.AreEqual(40.3, inside.Average(), 4 * Math.Sqrt(2) * m.Scale / Math.Sqrt(inside.Length));
        double variance = inside.Select(v => (v - 40.3) * (v - 40.3)).Average();
        double expected = m.Granularity * m.Granularity * DiscreteLaplace.Variance(m.GridSensitivity / 0.5);
        Assert.AreEqual(expected, variance, 0.06 * expected);
        Assert.IsTrue(Math.Abs(expected - (2 * m.Scale * m.Scale)) < 0.01 * expected, "variance ≈ 2b²");

        // A value above the public upper bound is treated as the bound: the noise is centred on 90.
        var outside = Enumerable.Range(0, 20000).Select(_ => m.Apply(1000, source)).ToArray();
        Assert.AreEqual(90, outside.Average(), 4 * Math.Sqrt(2) * m.Scale / Math.Sqrt(outside.Length));
    }

    [TestMethod]
    public void GridGaussian_DiscreteDeltaWithinTarget_SigmaNearAnalytic()
    {
        var m = new GridGaussianMechanism(lower: 0, upper: 10, epsilon: 1, delta: 1e-5);
        double deltaReached = DiscreteGaussian.ApproximateDpDelta(m.GridSigma * m.GridSigma, 1, m.GridSensitivity);
        Assert.IsTrue(deltaReached <= 1e-5, $"δ = {deltaReached}");
        Assert.AreEqual(AnalyticGaussian.Sigma(1, 1e-5, 10), m.Sigma, 0.01 * m.Sigma);
        Assert.AreEqual((double)m.GridSensitivity * m.GridSensitivity / (2 * m.GridSigma * m.GridSigma), m.Rho, 1e-15);

        var source = NoiseSource.CreateUnsafeSeeded(6);
        var xs = Enumerable.Range(0, 10000).Select(_ => m.Apply(3, source)).ToArray();
        Assert.AreEqual(3, xs.Average(), 4 * m.Sigma / 100);
        Assert.AreEqual(m.Sigma, Math.Sqrt(xs.Select(x => (x - 3) * (x - 3)).Average()), 0.04 * m.Sigma);
    }

    [TestMethod]
    public void Mechanisms_RejectBadParameters_NamingThem()
    {
        Assert.AreEqual("epsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GridLaplaceMechanism(0, 1, 0)).ParamName);
        Assert.AreEqual("epsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GridLaplaceMechanism(0, 1, -1)).ParamName);
        Assert.AreEqual("delta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GridGaussianMechanism(0, 1, 1, 0)).ParamName);
        Assert.AreEqual("delta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => AnalyticGaussian.Sigma(1, 1)).ParamName);
        var bounds = Assert.ThrowsExactly<ArgumentException>(() => new GridLaplaceMechanism(5, 5, 1, column: "age"));
        StringAssert.Contains(bounds.Message, "'age'");
        Assert.AreEqual("epsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new RandomizedResponse(3, 0)).ParamName);
        Assert.AreEqual("granularity", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GridLaplaceMechanism(0, 1, 1, granularity: 0.3)).ParamName);
    }
}
