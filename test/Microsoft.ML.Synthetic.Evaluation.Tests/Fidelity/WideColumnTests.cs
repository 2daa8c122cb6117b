using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Fidelity;

/// <summary>The paths that keep wide categorical columns cheap give the same numbers as the dense definitions.</summary>
[TestClass]
public sealed class WideColumnTests
{
    [TestMethod]
    public void SparseContingency_EqualsTheDenseTableOnTheSameCounts()
    {
        var random = new Random(4);
        int[] Codes(int n, int k) => Enumerable.Range(0, n).Select(_ => random.Next(-1, k)).ToArray();
        int[] ra = Codes(500, 7), rb = Codes(500, 5), sa = Codes(400, 7), sb = Codes(400, 5);
        for (int i = 0; i < 500; i++) rb[i] = ra[i] >= 0 && random.NextDouble() < 0.6 ? ra[i] % 5 : rb[i];   // some association

        double dense = ContingencySimilarity.Compute(ra, rb, sa, sb, 7, 5, 0.01, out double denseV);
        double sparse = SparseContingency.Compute(ra, rb, sa, sb, 7, 5, 0.01, out double sparseV);
        Assert.AreEqual(dense, sparse, 1e-12);
        Assert.AreEqual(denseV, sparseV, 1e-12);
        Assert.IsGreaterThan(0.01, denseV);
    }

    [TestMethod]
    public void ContingencySimilarity_TwoColumnsWith50000LevelsEach_UsesTheSparseTable()
    {
        // (50,001)² cells would be 2.5 billion ints: an int overflow before, now counted sparsely.
        var a = Enumerable.Range(0, 1000).Select(i => i * 50).ToArray();
        var b = a.Select(x => 49_999 - x).ToArray();
        double score = ContingencySimilarity.Compute(a, b, a, b, 50_000, 50_000, 0, out _);
        Assert.AreEqual(1.0, score, 1e-12);
        Assert.IsGreaterThan((long)ContingencySimilarity.DenseCellLimit, 50_001L * 50_001L);
    }

    private sealed class Row
    {
        public float X { get; set; }

        public string K { get; set; } = "";

        public string L { get; set; } = "";
    }

    [TestMethod]
    public void MixedPoints_DistancesEqualThoseOfTheDenseOneHotVectors()
    {
        var ml = new MLContext(1);
        var random = new Random(2);
        TabularData Table() => TabularData.FromDataView(ml.Data.LoadFromEnumerable(Enumerable.Range(0, 60).Select(_ =>
            new Row { X = (float)random.NextDouble() * 10, K = random.Next(4).ToString(), L = random.Next(2).ToString() }).ToArray()));
        var tables = AlignedTables.Create(Table(), Table(), null);
        var encoding = tables.FitEncoding();
        var rows = Enumerable.Range(0, 60).ToArray();
        var real = new MixedPoints(encoding, tables.Real, rows);
        var synthetic = new MixedPoints(encoding, tables.Synthetic, rows);

        // Dense vectors: X scaled by the real range, then each category one-hot times 1/√2.
        double h = Math.Sqrt(0.5);
        var x = tables.Real.ValuesOf(0);
        double min = x.Min(), range = x.Max() - min;
        double[] Dense(TabularData t, int i)
        {
            var v = new double[1 + tables.Categories[1].Length + tables.Categories[2].Length];
            v[0] = (t.ValuesOf(0)[i] - min) / range;
            v[1 + t.CodesOf(1)[i]] = h;
            v[1 + tables.Categories[1].Length + t.CodesOf(2)[i]] = h;
            return v;
        }

        static double Squared(double[] a, double[] b) => a.Zip(b, (p, q) => (p - q) * (p - q)).Sum();
        var center = Enumerable.Range(0, 60).Select(i => Dense(tables.Real, i)).Aggregate(new double[7], (s, v) => s.Zip(v, (p, q) => p + q).ToArray()).Select(v => v / 60).ToArray();
        var realCenter = real.Center();
        for (int i = 0; i < 60; i += 7)
        {
            for (int j = 0; j < 60; j += 5)
            {
                Assert.AreEqual(Squared(Dense(tables.Real, i), Dense(tables.Synthetic, j)), real.SquaredDistance(i, synthetic, j), 1e-5);
            }

            Assert.AreEqual(Squared(Dense(tables.Synthetic, i), center), realCenter.SquaredDistance(synthetic, i), 1e-5);
        }
    }
}
