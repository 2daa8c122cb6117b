using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula.Statistics;

/// <summary>The value sketch: exact within its capacity; past it every rank within the tracked bound, which is within εn; merges independent of order.</summary>
[TestClass]
public sealed class ValueSketchTests
{
    [TestMethod]
    public void WithinCapacity_CountsAreExact()
    {
        var sketch = new ValueSketch(64);
        foreach (var v in new double[] { 3, 1, 3, 2, 3, 1 })
        {
            sketch.Add(v);
        }

        var (values, weights) = sketch.WeightedPoints();
        CollectionAssert.AreEqual(new double[] { 1, 2, 3 }, values);
        CollectionAssert.AreEqual(new long[] { 2, 1, 3 }, weights);
        Assert.AreEqual(0L, sketch.RankErrorBound);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(7)]
    public void PastCapacity_EveryRankIsWithinTheBound(int parts)
    {
        var random = new Random(11);
        int n = 20_000;
        var data = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 1000, 2) + (random.Next(4) == 0 ? 0 : 0.001)).ToArray();
        var sketches = Enumerable.Range(0, parts).Select(_ => new ValueSketch(64)).ToArray();
        for (int i = 0; i < n; i++)
        {
            sketches[i * parts / n].Add(data[i]);
        }

        var merged = ValueSketch.Merge(sketches);
        Assert.AreEqual(n, merged.Count);
        Assert.IsFalse(merged.IsExact);
        Assert.IsLessThanOrEqualTo(ValueSketch.Epsilon(n, merged.LevelSize) * n, merged.RankErrorBound, "tracked bound ≤ εn");
        var (values, weights) = merged.WeightedPoints();
        Assert.AreEqual(n, weights.Sum());
        Assert.AreEqual(data.Min(), values[0]);
        Assert.AreEqual(data.Max(), values[^1]);

        Array.Sort(data);
        long cumulative = 0;
        double worst = 0;
        for (int i = 0; i < values.Length; i++)
        {
            cumulative += weights[i];
            // Estimated rank of values[i] (items ≤ it) against the true count of data ≤ it.
            int upper = UpperBound(data, values[i]);
            worst = Math.Max(worst, Math.Abs(cumulative - upper));
            Assert.IsLessThanOrEqualTo(merged.RankErrorBound, Math.Abs(cumulative - upper), $"rank of {values[i]}");
        }

        Assert.IsGreaterThan(0, worst, "the sketch is approximate");
    }

    [TestMethod]
    public void MergeOrder_DoesNotChangeTheSketch()
    {
        var random = new Random(2);
        var sketches = Enumerable.Range(0, 5).Select(_ => new ValueSketch(32)).ToArray();
        foreach (var s in sketches)
        {
            for (int i = 0; i < 500; i++)
            {
                s.Add(random.Next(10_000));
            }
        }

        var a = ValueSketch.Merge(sketches).WeightedPoints();
        var b = ValueSketch.Merge(sketches.Reverse().ToArray()).WeightedPoints();
        CollectionAssert.AreEqual(a.Values, b.Values);
        CollectionAssert.AreEqual(a.Weights, b.Weights);
    }

    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
