using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Tests.Numerics;

[TestClass]
public sealed class RandomSamplingTests
{
    private static double KsAgainst(double[] sample, Func<double, double> cdf)
    {
        Array.Sort(sample);
        double d = 0;
        for (int i = 0; i < sample.Length; i++)
        {
            double f = cdf(sample[i]);
            d = Math.Max(d, Math.Max(Math.Abs(f - ((double)i / sample.Length)), Math.Abs(((double)(i + 1) / sample.Length) - f)));
        }

        return d;
    }

    [TestMethod]
    public void Xoshiro_SameSeedSameStream_ReferenceUniformity()
    {
        var a = new Xoshiro256StarStar(42);
        var b = new Xoshiro256StarStar(42);
        var c = new Xoshiro256StarStar(43);
        var first = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();
        CollectionAssert.AreEqual(first, Enumerable.Range(0, 100).Select(_ => b.NextUInt64()).ToArray());
        CollectionAssert.AreNotEqual(first, Enumerable.Range(0, 100).Select(_ => c.NextUInt64()).ToArray());

        var u = Enumerable.Range(0, 200_000).Select(_ => a.NextDouble()).ToArray();
        Assert.IsTrue(u.All(x => x >= 0 && x < 1));
        Assert.IsLessThan(1.63 / Math.Sqrt(u.Length), KsAgainst(u, x => x), "KS at the 1 % level");
    }

    [TestMethod]
    public void Ziggurat_IsStandardNormal()
    {
        var rng = new Xoshiro256StarStar(7);
        var z = new double[400_000];
        ZigguratNormal.Fill(rng, z);
        var (mean, variance) = Moments.MeanVariance(z);
        Assert.AreEqual(0, mean, 0.01);
        Assert.AreEqual(1, variance, 0.01);
        double kurtosis = z.Average(x => x * x * x * x) / (variance * variance);
        Assert.AreEqual(3, kurtosis, 0.05);
        Assert.IsLessThan(1.63 / Math.Sqrt(z.Length), KsAgainst(z, StandardNormal.Cdf), "KS at the 1 % level");
        double tail = z.Count(x => Math.Abs(x) > 3.442619855899) / (double)z.Length;
        Assert.AreEqual(2 * StandardNormal.Cdf(-3.442619855899), tail, 3e-4, "the tail beyond R");
    }

    [TestMethod]
    public void TruncatedNormal_MatchesTheTruncatedDistribution()
    {
        var rng = new Xoshiro256StarStar(3);
        foreach (var (a, b) in new[] { (-1.0, 0.5), (1.5, double.PositiveInfinity), (double.NegativeInfinity, -2.0), (6.0, 7.0), (40.0, 41.0) })
        {
            var x = Enumerable.Range(0, 50_000).Select(_ => TruncatedNormal.Sample(rng, a, b)).ToArray();
            Assert.IsTrue(x.All(v => v >= a && v <= b), $"({a}, {b})");
            if (a < 30)
            {
                double pa = StandardNormal.Cdf(a), mass = StandardNormal.Cdf(b) - pa;
                double d = KsAgainst(x, v => (StandardNormal.Cdf(v) - pa) / mass);
                Assert.IsLessThan(1.63 / Math.Sqrt(x.Length), d, $"({a}, {b})");
            }
            else
            {
                // Far tail: the mean of Z | Z > a is about a + 1/a.
                Assert.AreEqual(a + (1 / a), x.Average(), 0.005);
            }
        }
    }

    [TestMethod]
    public void Cholesky_FactorsSolvesAndRejectsIndefinite()
    {
        double[] m = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3];
        var chol = Cholesky.Factor(m, 3);
        var l = chol.Lower;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double sum = 0;
                for (int k = 0; k < 3; k++)
                {
                    sum += l[(i * 3) + k] * l[(j * 3) + k];
                }

                Assert.AreEqual(m[(i * 3) + j], sum, 1e-12);
            }
        }

        var x = chol.Solve([1, 2, 3]);
        Assert.AreEqual(1, (4 * x[0]) + (2 * x[1]) + (0.4 * x[2]), 1e-12);
        Assert.AreEqual(3, (0.4 * x[0]) + (1 * x[1]) + (3 * x[2]), 1e-12);
        Assert.IsFalse(Cholesky.TryFactor([1, 2, 2, 1], 2, 0, out _));
    }

    [TestMethod]
    public void NearestPositiveDefinite_RepairsAnIndefiniteCorrelation()
    {
        // Pairwise correlations that no joint distribution has (eigenvalue −0.2).
        double[] bad = [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1];
        var fixedMatrix = CorrelationMatrix.NearestPositiveDefinite(bad, 3);
        Assert.IsTrue(Cholesky.TryFactor(fixedMatrix, 3, 0, out _));
        Assert.AreEqual(1, fixedMatrix[4], 1e-12);
        double[] good = [1, 0.5, 0.5, 1];
        CollectionAssert.AreEqual(good, CorrelationMatrix.NearestPositiveDefinite(good, 2));
    }
}
