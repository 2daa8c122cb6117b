using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula;

/// <summary>Each family is recognized on data drawn from it; shapes no family fits fall back to the empirical marginal.</summary>
[TestClass]
public sealed class MarginalSelectionTests
{
    private static double[] Draw(int n, Func<Xoshiro256StarStar, double> draw, ulong seed = 1)
    {
        var rng = new Xoshiro256StarStar(seed);
        var x = Enumerable.Range(0, n).Select(_ => draw(rng)).ToArray();
        Array.Sort(x);
        return x;
    }

    [TestMethod]
    public void NormalData_GetsANormalMarginal()
    {
        var x = Draw(20_000, r => 10 + (2 * ZigguratNormal.Next(r)));
        var fit = MarginalSelector.Select("x", x, whole: false, MarginalKind.Auto, 1024);
        Assert.IsTrue(fit.Marginal.Kind is MarginalKind.Normal or MarginalKind.TruncatedNormal, fit.Marginal.Describe() + " D=" + fit.KsStatistic);
        var normal = (NormalMarginal)MarginalSelector.Select("x", x, false, MarginalKind.Normal, 1024).Marginal;
        Assert.AreEqual(10, normal.Mean, 0.05);
        Assert.AreEqual(2, normal.Sd, 0.05);
    }

    [TestMethod]
    public void UniformData_GetsAUniformMarginal()
    {
        var x = Draw(5_000, r => 3 + (4 * r.NextDouble()));
        var fit = MarginalSelector.Select("x", x, whole: false, MarginalKind.Auto, 1024);
        Assert.AreEqual(MarginalKind.Uniform, fit.Marginal.Kind, fit.Marginal.Describe());
    }

    [TestMethod]
    public void SkewedData_GetsGammaOrBeta_AndGammaMomentsAreRecovered()
    {
        // Gamma(k = 2, θ = 3) as the sum of two exponentials.
        var x = Draw(20_000, r => -3 * (Math.Log(r.NextOpenDouble()) + Math.Log(r.NextOpenDouble())));
        var fit = MarginalSelector.Select("x", x, whole: false, MarginalKind.Auto, 1024);
        Assert.IsTrue(fit.Marginal.Kind is MarginalKind.Gamma or MarginalKind.Beta, fit.Marginal.Describe());
        var gamma = (GammaMarginal)MarginalSelector.Select("x", x, false, MarginalKind.Gamma, 1024).Marginal;
        Assert.AreEqual(2, gamma.Shape, 0.3);
        Assert.AreEqual(3, gamma.Scale, 0.4);
    }

    [TestMethod]
    public void PointMassData_GetsAnEmpiricalMarginal_ThatKeepsThePointMass()
    {
        // 90 % zeros, the rest spread out: Adult's capital-gain shape.
        var x = Draw(10_000, r => r.NextDouble() < 0.9 ? 0 : Math.Round(1000 + (20_000 * r.NextDouble())));
        var fit = MarginalSelector.Select("x", x, whole: true, MarginalKind.Auto, 1024);
        Assert.AreEqual(MarginalKind.Empirical, fit.Marginal.Kind);
        var table = fit.Marginal.BuildTable();
        double zeroShare = Enumerable.Range(0, table.Length).Where(g => table[g] == 0)
            .Select(Marginal.GridZ).Max();
        Assert.AreEqual(0.9, StandardNormal.Cdf(zeroShare), 0.01);
    }

    [TestMethod]
    public void TruncatedNormal_FitRecoversTheParameters()
    {
        // N(5, 2) truncated to [4, 12]: rejection from the full normal.
        var x = Draw(20_000, r =>
        {
            double v;
            do
            {
                v = 5 + (2 * ZigguratNormal.Next(r));
            }
            while (v < 4 || v > 12);
            return v;
        });
        var fit = (TruncatedNormalMarginal)MarginalSelector.Select("x", x, false, MarginalKind.TruncatedNormal, 1024).Marginal;
        Assert.AreEqual(5, fit.Mu, 0.2);
        Assert.AreEqual(2, fit.Sigma, 0.1);
    }

    [TestMethod]
    public void ForcedFamilyThatCannotFit_IsAnErrorNamingTheColumn()
    {
        var leftSkewed = Draw(1_000, r => -Math.Exp(ZigguratNormal.Next(r)));
        var e = Assert.ThrowsExactly<ArgumentException>(() => MarginalSelector.Select("debt", leftSkewed, false, MarginalKind.Gamma, 1024));
        StringAssert.Contains(e.Message, "'debt'");
    }
}
