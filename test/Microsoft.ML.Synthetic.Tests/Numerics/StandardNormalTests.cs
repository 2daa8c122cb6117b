using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Tests.Numerics;

[TestClass]
public sealed class StandardNormalTests
{
    [TestMethod]
    public void Cdf_MatchesPublishedValues()
    {
        // Abramowitz and Stegun, table 26.1 / well-known quantiles.
        Assert.AreEqual(0.5, StandardNormal.Cdf(0), 1e-16);
        Assert.AreEqual(0.97500210485177952, StandardNormal.Cdf(1.96), 1e-15);
        Assert.AreEqual(0.84134474606854293, StandardNormal.Cdf(1), 1e-15);
        Assert.AreEqual(2.8665157187919391e-7, StandardNormal.Cdf(-5), 1e-20);
        Assert.AreEqual(7.6198530241604696e-24, StandardNormal.Cdf(-10), 1e-36);
    }

    [TestMethod]
    public void InverseCdf_MatchesPublishedValuesAndInvertsCdf()
    {
        Assert.AreEqual(1.959963984540054, StandardNormal.InverseCdf(0.975), 1e-14);
        Assert.AreEqual(-2.3263478740408408, StandardNormal.InverseCdf(0.01), 1e-14);
        Assert.AreEqual(0, StandardNormal.InverseCdf(0.5), 1e-16);
        Assert.AreEqual(double.NegativeInfinity, StandardNormal.InverseCdf(0));
        Assert.AreEqual(double.PositiveInfinity, StandardNormal.InverseCdf(1));
        foreach (var x in new[] { -37.0, -20, -8.3, -5, -1.5, -0.3, 0.2, 0.9, 2.5 })
        {
            double p = StandardNormal.Cdf(x);
            Assert.AreEqual(x, StandardNormal.InverseCdf(p), 1e-9 * Math.Max(1, Math.Abs(x)), $"x = {x}");
        }

        for (double p = 1e-300; p < 0.5; p *= 7.3)
        {
            double expected = -Math.Sqrt(2) * MathNet.Numerics.SpecialFunctions.ErfcInv(2 * p);
            Assert.AreEqual(expected, StandardNormal.InverseCdf(p), 1e-12 * Math.Abs(expected), $"p = {p}");
        }
    }

    [TestMethod]
    public void IntervalMean_IsTheTruncatedNormalMean()
    {
        // E[Z | Z > 0] = φ(0)/(1/2) = √(2/π).
        Assert.AreEqual(Math.Sqrt(2 / Math.PI), StandardNormal.IntervalMean(0.5, 1), 1e-12);
        Assert.AreEqual(0, StandardNormal.IntervalMean(0, 1), 1e-15);
        Assert.AreEqual(StandardNormal.InverseCdf(0.3), StandardNormal.IntervalMean(0.3, 0.3), 1e-12);
    }
}
