using Microsoft.ML.Synthetic.Evaluation.Statistics;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Statistics;

/// <summary>The quantile sketch keeps the total weight and every rank within its stated bound, through adds and merges.</summary>
[TestClass]
public sealed class MergeableQuantileSketchTests
{
    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(7)]
    public void EveryRank_WithinTheStatedBound_AfterMerges(int parts)
    {
        var random = new Random(parts);
        var values = Enumerable.Range(0, 50_000).Select(_ => Math.Round(random.NextDouble() * 1e4) / 10).ToArray();
        var sketches = Enumerable.Range(0, parts).Select(_ => new MergeableQuantileSketch(64)).ToArray();
        for (int i = 0; i < values.Length; i++) sketches[i % parts].Add(values[i], 1 + (i % 3));
        var merged = new MergeableQuantileSketch(64);
        foreach (var s in sketches) merged.Merge(s);

        long n = values.Select((_, i) => 1L + (i % 3)).Sum();
        Assert.AreEqual(n, merged.Count);
        var (points, counts) = merged.Points();
        Assert.AreEqual(n, counts.Sum(), "compression keeps the total weight");
        Assert.IsGreaterThan(0, merged.RankErrorBound);
        Assert.IsLessThanOrEqualTo(n * Math.Floor(Math.Log2((double)n / 64)) / (2 * 64), merged.RankErrorBound, "at most n/(2k) per level");

        var weighted = values.Select((v, i) => (v, w: 1L + (i % 3))).OrderBy(p => p.v).ToArray();
        long trueRank = 0, sketchRank = 0, worst = 0;
        int j = 0, q = 0;
        while (j < weighted.Length)
        {
            double x = weighted[j].v;
            while (j < weighted.Length && weighted[j].v <= x) trueRank += weighted[j++].w;
            while (q < points.Length && points[q] <= x) sketchRank += counts[q++];
            worst = Math.Max(worst, Math.Abs(trueRank - sketchRank));
        }

        Console.WriteLine($"{parts} parts: worst rank error {worst} of {n}, bound {merged.RankErrorBound}");
        Assert.IsLessThanOrEqualTo(merged.RankErrorBound, worst);
    }
}
