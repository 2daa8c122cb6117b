using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula;

/// <summary>The latent correlation is recovered from discretized data, where the plain correlation of scores is attenuated.</summary>
[TestClass]
public sealed class LatentCorrelationTests
{
    private static LatentCoordinate Discretize(double[] z, double[] thresholds)
    {
        var counts = new long[thresholds.Length + 1];
        var level = z.Select(v => thresholds.Count(t => v > t)).ToArray();
        foreach (var l in level)
        {
            counts[l]++;
        }

        // Build the coordinate the way the estimator does: levels in latent order, boundaries at cumulative shares.
        var boundaries = new double[thresholds.Length];
        var means = new double[thresholds.Length + 1];
        double lo = 0;
        for (int k = 0; k <= thresholds.Length; k++)
        {
            double hi = k == thresholds.Length ? 1 : lo + ((double)counts[k] / z.Length);
            means[k] = StandardNormal.IntervalMean(lo, hi);
            if (k < thresholds.Length)
            {
                boundaries[k] = hi;
            }

            lo = hi;
        }

        return new LatentCoordinate(level.Select(l => means[l]).ToArray(), boundaries, means);
    }

    private static (double[] A, double[] B) Correlated(int n, double rho, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var a = new double[n];
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = ZigguratNormal.Next(rng);
            b[i] = (rho * a[i]) + (Math.Sqrt(1 - (rho * rho)) * ZigguratNormal.Next(rng));
        }

        return (a, b);
    }

    [TestMethod]
    public void BinaryAndBinary_RecoversThePolychoricCorrelation()
    {
        var (a, b) = Correlated(50_000, 0.6, 1);
        var x = Discretize(a, [0.3]);
        var y = Discretize(b, [-0.5]);
        double attenuated = LatentCorrelation.PairwiseCovariance(x.Scores, y.Scores);
        Assert.IsLessThan(0.45, attenuated, "the scores' own covariance is attenuated");
        var r = LatentCorrelation.Estimate([x, y]);
        Assert.AreEqual(0.6, r[1], 0.02);
    }

    [TestMethod]
    public void CategoryAndContinuous_RecoversThePolyserialCorrelation()
    {
        var (a, b) = Correlated(50_000, -0.7, 2);
        var x = Discretize(a, [-1, 0.2, 1.1]);
        var rank = b.Select((v, i) => (v, i)).OrderBy(p => p.v).Select(p => p.i).ToArray();
        var scores = new double[b.Length];
        for (int k = 0; k < rank.Length; k++)
        {
            scores[rank[k]] = StandardNormal.InverseCdf((k + 0.5) / rank.Length);
        }

        var y = new LatentCoordinate(scores, [], [0]);
        // A continuous coordinate: its Hermite expansion is z itself.
        var continuous = y with { InteriorBoundaries = Enumerable.Range(1, 999).Select(k => k / 1000.0).ToArray(), IntervalMeans = Enumerable.Range(0, 1000).Select(k => StandardNormal.IntervalMean(k / 1000.0, (k + 1) / 1000.0)).ToArray() };
        var r = LatentCorrelation.Estimate([x, continuous]);
        Assert.AreEqual(-0.7, r[1], 0.02);
    }

    [TestMethod]
    public void Hermite_CoefficientsOfTheIdentity_AreOneThenZero()
    {
        var fine = new LatentCoordinate([], Enumerable.Range(1, 9999).Select(k => k / 10000.0).ToArray(),
            Enumerable.Range(0, 10000).Select(k => StandardNormal.IntervalMean(k / 10000.0, (k + 1) / 10000.0)).ToArray());
        var c = LatentCorrelation.HermiteCoefficients(fine);
        Assert.AreEqual(1, c[1], 1e-3);
        Assert.AreEqual(0, c[2], 1e-3);
        Assert.AreEqual(0, c[3], 1e-3);
    }
}
