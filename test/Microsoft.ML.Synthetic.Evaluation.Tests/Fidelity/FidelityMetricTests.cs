using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Fidelity;

[TestClass]
public sealed class FidelityMetricTests
{
    [TestMethod]
    public void TVComplement_MatchesThePublishedVector()
    {
        double score = TVComplement.Compute(["a", "b", "c", "a", "a", "b"], ["a", "b", "c", "a", "b", "c"]);
        Assert.AreEqual(0.8333333333333333, score, 1e-15);
    }

    [TestMethod]
    public void TVComplement_CountsSyntheticOnlyCategoriesAndDropsMissing()
    {
        // real: a a (b missing dropped) -> p(a)=1; synthetic: a z -> q(a)=.5, q(z)=.5; TVD = ½(.5 + .5) = .5
        Assert.AreEqual(0.5, TVComplement.Compute(["a", null, "a"], ["a", "z"]), 1e-15);
        Assert.ThrowsExactly<ArgumentException>(() => TVComplement.Compute([null, null], ["a"]));
    }

    [TestMethod]
    public void ContingencySimilarity_MatchesThePublishedVector()
    {
        string[] realC1 = ["1.0", "2.4", "2.6", "0.8"], realC2 = ["1", "2", "3", "5"];
        string[] synC1 = ["1.0", "1.8", "2.6", "1.0"], synC2 = ["2", "3", "4", "1"];
        Assert.AreEqual(0.25, ContingencySimilarity.Compute(realC1, realC2, synC1, synC2), 1e-15);
    }

    [TestMethod]
    public void ContingencySimilarity_IsOneForTheSameRowsInAnotherOrderAndTreatsMissingAsACategory()
    {
        string?[] a = ["x", "y", null, "x"], b = ["1", "1", "2", null];
        Assert.AreEqual(1.0, ContingencySimilarity.Compute(a, b, [a[3], a[1], a[2], a[0]], [b[3], b[1], b[2], b[0]]), 1e-15);
        // Replacing the (null, "2") row by ("x", "2") moves a quarter of the mass: score .75.
        Assert.AreEqual(0.75, ContingencySimilarity.Compute(a, b, ["x", "y", "x", "x"], b), 1e-15);
    }

    [TestMethod]
    public void CorrelationSimilarity_MatchesThePublishedVector()
    {
        var result = CorrelationSimilarity.Compute([1, 2, 3, 4], [0.2, -1.0895, -0.6425, 1.5365],
            [1, 2, 3, 4], [0.616536, -1.216536, -0.916536, 1.516536]);
        Assert.AreEqual(0.9008941765855183, result.Score, 1e-12);
    }

    [TestMethod]
    public void CorrelationSimilarity_IsNaNWhenAColumnIsConstant()
    {
        var result = CorrelationSimilarity.Compute([1, 2, 3], [5, 5, 5], [1, 2, 3], [1, 2, 4]);
        Assert.IsTrue(double.IsNaN(result.Score));
    }

    [TestMethod]
    public void Correlation_PerfectLinearAndMonotoneRelationsGiveOne()
    {
        double[] x = [1, 2, 3, 4, 5];
        Assert.AreEqual(-1.0, CorrelationSimilarity.Correlation(x, x.Select(v => 7 - 2 * v).ToArray()), 1e-15);
        double[] cubic = x.Select(v => v * v * v).ToArray();
        Assert.IsLessThan(0.99, CorrelationSimilarity.Correlation(x, cubic));
        Assert.AreEqual(1.0, CorrelationSimilarity.Correlation(x, cubic, CorrelationCoefficient.Spearman), 1e-15);
        // real ρ = 1, synthetic ρ = −1: the worst score, 0.
        Assert.AreEqual(0.0, CorrelationSimilarity.Compute(x, x, x, x.Select(v => -v).ToArray()).Score, 1e-15);
    }

    [TestMethod]
    public void Correlation_UsesRowsWhereBothValuesAreObserved()
    {
        // Without the NaN row the points lie on y = 2x.
        Assert.AreEqual(1.0, CorrelationSimilarity.Correlation([1, 2, double.NaN, 4], [2, 4, 100, 8]), 1e-15);
    }

    [TestMethod]
    public void KSComplement_HandComputedCases()
    {
        Assert.AreEqual(1.0, KSComplement.Compute([3, 1, 2], [1, 2, 3]), 1e-15);
        Assert.AreEqual(0.0, KSComplement.Compute([1, 2], [3, 4]), 1e-15);
        // F_real − F_syn peaks at x = 2 (2/4 − 0): D = .5.
        Assert.AreEqual(0.5, KSComplement.Compute([1, 2, 3, 4], [3, 4, 5, 6]), 1e-15);
        // Ties: real {1,1,2}, synthetic {1,2,2}: at x = 1, 2/3 − 1/3 = 1/3.
        Assert.AreEqual(2.0 / 3.0, KSComplement.Compute([1, 1, 2, double.NaN], [1, 2, 2]), 1e-15);
    }

    [TestMethod]
    public void Wasserstein_OfAShiftIsTheShiftOverTheRange()
    {
        double[] real = [0, 1, 2, 3, 4];
        Assert.AreEqual(0.5 / 4, Wasserstein.RangeNormalized(real, real.Select(v => v + 0.5).ToArray()), 1e-15);
        // Unequal sizes: real uniform on {0, 4}, synthetic all at 2: W1 = 2, range 4.
        Assert.AreEqual(0.5, Wasserstein.RangeNormalized([0, 4], [2, 2, 2]), 1e-15);
    }

    [TestMethod]
    public void JensenShannon_IsZeroForTheSameAndOneForDisjointDistributions()
    {
        Assert.AreEqual(0.0, JensenShannon.Distance(["a", "b"], ["b", "a"]), 1e-15);
        Assert.AreEqual(1.0, JensenShannon.Distance(["a", "a"], ["b"]), 1e-15);
        // p = (1, 0), q = (½, ½), m = (¾, ¼): JSD = ½ KL(p‖m) + ½ KL(q‖m).
        double jsd = 0.5 * (1 * Math.Log2(1 / 0.75)) + 0.5 * (0.5 * Math.Log2(0.5 / 0.75) + 0.5 * Math.Log2(0.5 / 0.25));
        Assert.AreEqual(Math.Sqrt(jsd), JensenShannon.Distance(["a"], ["a", "b"]), 1e-15);
    }

    [TestMethod]
    public void EqualWidthBins_FollowNumpyHistogramEdgesAndDigitize()
    {
        double[] values = [0, 0.5, 1, 9.99, 10, double.NaN];
        CollectionAssert.AreEqual(new[] { 1, 1, 2, 10, 11, 11 }, EqualWidthBins.Codes(values, 10));
        var constant = EqualWidthBins.Edges([3, 3], 10);
        Assert.AreEqual(2.5, constant[0], 1e-15);
        Assert.AreEqual(3.5, constant[^1], 1e-15);
    }

    [TestMethod]
    public void CramersV_IsOneForAPerfectAssociationAndZeroForIndependence()
    {
        // 2×2 table [[5,0],[0,5]] and [[5,5],[5,5]].
        Assert.AreEqual(1.0, ContingencySimilarity.CramersV([5, 0, 0, 5], 2, 2), 1e-15);
        Assert.AreEqual(0.0, ContingencySimilarity.CramersV([5, 5, 5, 5], 2, 2), 1e-15);
    }
}
