using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Oversampling;
using static Microsoft.ML.Synthetic.Tests.Oversampling.OversamplingTestData;
using static Microsoft.ML.Synthetic.Tests.Oversampling.SmoteTests;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

/// <summary>Each variant checked against its published definition, recomputed here independently in double precision.</summary>
[TestClass]
public sealed class VariantPropertyTests
{
    private sealed class PointRow
    {
        public float X { get; set; }
        public float Y { get; set; }
        public string Label { get; set; } = "";
    }

    /// <summary>
    /// Minority clusters: A inside a dense majority cloud, B beside a sparse one, C alone; far away a large majority
    /// cloud makes the majority count large.
    /// </summary>
    private static IDataView Clusters(MLContext ml, int seed)
    {
        var random = new Random(seed);
        var rows = new List<PointRow>();
        void Cloud(string label, int n, double x, double y, double size)
        {
            for (int i = 0; i < n; i++)
            {
                rows.Add(new PointRow { X = (float)(x + (size * random.NextDouble())), Y = (float)(y + (size * random.NextDouble())), Label = label });
            }
        }

        Cloud("min", 30, 0, 0, 1);
        Cloud("maj", 200, 0, 0, 1);
        Cloud("min", 30, 10, 0, 1);
        Cloud("maj", 10, 10, 0, 1);
        Cloud("min", 30, 20, 0, 1);
        Cloud("maj", 1500, 50, 50, 5);
        return ml.Data.LoadFromEnumerable(rows);
    }

    private static (double[][] Points, bool[] Minority) AllPoints(TabularData table, int realRows)
    {
        var x = ((ContinuousColumn)table["X"]).Values;
        var y = ((ContinuousColumn)table["Y"]).Values;
        var label = (CategoricalColumn)table["Label"];
        return (Enumerable.Range(0, realRows).Select(r => new[] { x[r], y[r] }).ToArray(),
            Enumerable.Range(0, realRows).Select(r => label.Categories[label.Codes[r]] == "min").ToArray());
    }

    private static int[] NearestOthers(double[][] points, int i, int m) =>
        Enumerable.Range(0, points.Length).Where(j => j != i)
            .OrderBy(j => Math.Pow(points[i][0] - points[j][0], 2) + Math.Pow(points[i][1] - points[j][1], 2)).ThenBy(j => j)
            .Take(m).ToArray();

    [TestMethod]
    public void Adasyn_RowsPerRegionFollowTheDensityRatios()
    {
        var ml = new MLContext(1);
        var data = Clusters(ml, 3);
        var rows = ml.Synthetic().Resampling.Adasyn("Label", nNeighbors: 5, seed: 2).Resample(data);
        var table = TabularData.FromDataView(rows);
        int real = (int)rows.RealRowCount;
        var (points, minority) = AllPoints(table, real);

        // He et al. 2008: r_i = Δ_i / K over the K nearest neighbours among all rows; g_i = rint(r_i / Σr × G).
        int g = minority.Count(m => !m) - minority.Count(m => m);
        var minRows = Enumerable.Range(0, real).Where(i => minority[i]).ToArray();
        var r = minRows.Select(i => NearestOthers(points, i, 5).Count(j => !minority[j]) / 5.0).ToArray();
        var perRow = r.Select(v => (int)Math.Round(v / r.Sum() * g, MidpointRounding.ToEven)).ToArray();
        int Expected(double x0) => minRows.Select((row, i) => (row, i)).Where(p => points[p.row][0] >= x0 && points[p.row][0] <= x0 + 1).Sum(p => perRow[p.i]);

        var newX = ((ContinuousColumn)table["X"]).Values.Skip(real).ToArray();
        Assert.AreEqual(perRow.Sum(), newX.Length, "total = Σ rint(r_i / Σr × G)");
        Assert.AreEqual(Expected(0), newX.Count(x => x <= 1.0001), "cluster A");
        Assert.AreEqual(Expected(10), newX.Count(x => x >= 9.9999 && x <= 11.0001), "cluster B");
        Assert.AreEqual(0, newX.Count(x => x >= 19.9999), "cluster C has no other-class neighbours: no rows");
        Assert.IsTrue(Expected(0) > 2 * Expected(10), "the cluster inside the dense majority gets more rows");
    }

    [TestMethod]
    [DataRow(BorderlineSmoteKind.Borderline1)]
    [DataRow(BorderlineSmoteKind.Borderline2)]
    public void BorderlineSmote_GrowsOnlyFromDangerRows(BorderlineSmoteKind kind)
    {
        var ml = new MLContext(1);
        var data = Clusters(ml, 5);
        const int k = 5, m = 10;
        var rows = ml.Synthetic().Resampling.BorderlineSmote("Label", kind, kNeighbors: k, mNeighbors: m, seed: 2).Resample(data);
        var table = TabularData.FromDataView(rows);
        int real = (int)rows.RealRowCount;
        var (points, minority) = AllPoints(table, real);
        var minRows = Enumerable.Range(0, real).Where(i => minority[i]).ToArray();

        // Han et al. 2005: DANGER when m/2 ≤ m' < m of the m nearest neighbours (all rows) are of another class.
        var danger = minRows.Where(i =>
        {
            int other = NearestOthers(points, i, m).Count(j => !minority[j]);
            return other >= m / 2.0 && other < m;
        }).ToArray();
        var safe = minRows.Except(danger).ToArray();
        Assert.IsTrue(danger.Length > 5 && safe.Length > 20, $"danger {danger.Length}, safe {safe.Length}");

        var minPoints = minRows.Select(i => points[i]).ToArray();
        var position = minRows.Select((row, i) => (row, i)).ToDictionary(p => p.row, p => p.i);
        var sameClassNn = Knn(minPoints, k);
        var x = ((ContinuousColumn)table["X"]).Values;
        var y = ((ContinuousColumn)table["Y"]).Values;
        var majRows = Enumerable.Range(0, real).Where(i => !minority[i]).ToArray();
        int towardsOthers = 0;
        for (int r = real; r < table.RowCount; r++)
        {
            var p = new[] { x[r], y[r] };
            bool own = danger.Any(d => sameClassNn[position[d]].Any(j => OnSegment(p, points[d], minPoints[j], 1e-5)));
            if (!own && kind == BorderlineSmoteKind.Borderline2)
            {
                // Borderline-SMOTE2: towards one of the k nearest rows of other classes, at most halfway.
                own = danger.Any(d => majRows.OrderBy(j => Math.Pow(points[d][0] - points[j][0], 2) + Math.Pow(points[d][1] - points[j][1], 2)).ThenBy(j => j).Take(k)
                    .Any(j => OnSegment(p, points[d], points[j], 1e-5) && Dist(p, points[d]) <= (0.5 * Dist(points[j], points[d])) + 1e-5));
                towardsOthers += own ? 1 : 0;
            }

            Assert.IsTrue(own, $"new row ({p[0]}, {p[1]}) does not come from a DANGER row");
        }

        Assert.AreEqual(0, x.Skip(real).Count(v => v >= 19.9999), "the lone cluster is safe: no rows");
        if (kind == BorderlineSmoteKind.Borderline2)
        {
            Assert.IsTrue(towardsOthers > 0);
        }
    }

    private static double Dist(double[] a, double[] b) => Math.Sqrt(Math.Pow(a[0] - b[0], 2) + Math.Pow(a[1] - b[1], 2));

    [TestMethod]
    public void SmoteNc_ContinuousOnSegments_CategoriesAreTheNeighboursMostFrequent()
    {
        var ml = new MLContext(1);
        var data = MixedData(ml);
        const int k = 5;
        var rows = ml.Synthetic().Resampling.SmoteNc("Label", kNeighbors: k, seed: 9).Resample(data);
        var table = TabularData.FromDataView(rows);
        int real = (int)rows.RealRowCount;
        var label = (CategoricalColumn)table["Label"];
        var x1 = ((ContinuousColumn)table["X1"]).Values;
        var x2 = ((ContinuousColumn)table["X2"]).Values;
        var color = (CategoricalColumn)table["Color"];
        var shape = (CategoricalColumn)table["Shape"];
        foreach (var cls in new[] { "b", "c" })
        {
            var members = Enumerable.Range(0, real).Where(r => label.Categories[label.Codes[r]] == cls).ToArray();
            // Median of the population standard deviations of the continuous features within the class.
            double Std(double[] v) { var s = members.Select(r => v[r]).ToArray(); double mu = s.Average(); return Math.Sqrt(s.Average(t => (t - mu) * (t - mu))); }
            double[] stds = [Std(x1), Std(x2)];
            double med = stds.Average();   // two features: the median is their mean
            double Distance(int a, int b) => Math.Pow(x1[a] - x1[b], 2) + Math.Pow(x2[a] - x2[b], 2)
                + (color.Codes[a] != color.Codes[b] ? med * med / 2 : 0) + (shape.Codes[a] != shape.Codes[b] ? med * med / 2 : 0);
            var nn = members.ToDictionary(a => a, a => members.Where(b => b != a).OrderBy(b => Distance(a, b)).ThenBy(b => b).Take(k).ToArray());
            bool Modal(int[] neighbours, int[] codes, int value)
            {
                var votes = neighbours.GroupBy(n => codes[n]).ToDictionary(g => g.Key, g => g.Count());
                return votes.TryGetValue(value, out var v) && v == votes.Values.Max();
            }

            var made = Enumerable.Range(real, table.RowCount - real).Where(r => label.Categories[label.Codes[r]] == cls).ToArray();
            Assert.IsTrue(made.Length > 200);
            foreach (int r in made)
            {
                var p = new[] { x1[r], x2[r] };
                bool ok = members.Any(a => Modal(nn[a], color.Codes, color.Codes[r]) && Modal(nn[a], shape.Codes, shape.Codes[r])
                    && nn[a].Any(b => OnSegment(p, [x1[a], x2[a]], [x1[b], x2[b]], 1e-5)));
                Assert.IsTrue(ok, $"class {cls}, row {r}: no base whose k nearest neighbours give these categories and this segment");
            }
        }
    }

    [TestMethod]
    public void Smoten_EachValueIsTheModeOfABaseAndItsVdmNeighbours()
    {
        var ml = new MLContext(1);
        var mixed = TabularData.FromDataView(MixedData(ml));
        var data = mixed.SelectRows(Enumerable.Range(0, mixed.RowCount).ToArray());
        var view = ml.Transforms.DropColumns("X1", "X2").Fit(data.ToDataView()).Transform(data.ToDataView());
        const int k = 3;
        var rows = ml.Synthetic().Resampling.Smoten("Label", kNeighbors: k, seed: 4).Resample(view);
        var table = TabularData.FromDataView(rows);
        int real = (int)rows.RealRowCount;
        var label = (CategoricalColumn)table["Label"];
        var features = new[] { (CategoricalColumn)table["Color"], (CategoricalColumn)table["Shape"] };
        var classes = label.Categories.ToArray();

        // Value difference metric on all real rows: δ(a, b) = Σ_c |P(c|a) − P(c|b)|, Δ² = Σ_f δ².
        double Delta(CategoricalColumn f, int a, int b)
        {
            double sum = 0;
            foreach (var c in Enumerable.Range(0, classes.Length))
            {
                double Pa(int v) => (double)Enumerable.Range(0, real).Count(r => f.Codes[r] == v && label.Codes[r] == c) / Enumerable.Range(0, real).Count(r => f.Codes[r] == v);
                sum += Math.Abs(Pa(a) - Pa(b));
            }

            return sum * sum;
        }

        var deltas = features.Select(f => Enumerable.Range(0, f.CategoryCount).Select(a => Enumerable.Range(0, f.CategoryCount).Select(b => Delta(f, a, b)).ToArray()).ToArray()).ToArray();
        foreach (var cls in new[] { "b", "c" })
        {
            var members = Enumerable.Range(0, real).Where(r => label.Categories[label.Codes[r]] == cls).ToArray();
            double Distance(int a, int b) => deltas[0][features[0].Codes[a]][features[0].Codes[b]] + deltas[1][features[1].Codes[a]][features[1].Codes[b]];
            var groups = members.ToDictionary(a => a, a => members.Where(b => b != a).OrderBy(b => Distance(a, b)).ThenBy(b => b).Take(k).Prepend(a).ToArray());
            int Mode(int[] group, CategoricalColumn f) => group.GroupBy(g => f.Codes[g]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            var made = Enumerable.Range(real, table.RowCount - real).Where(r => label.Categories[label.Codes[r]] == cls).ToArray();
            Assert.IsTrue(made.Length > 200);
            foreach (int r in made)
            {
                Assert.IsTrue(members.Any(a => Mode(groups[a], features[0]) == features[0].Codes[r] && Mode(groups[a], features[1]) == features[1].Codes[r]),
                    $"class {cls}: ({features[0].Categories[features[0].Codes[r]]}, {features[1].Categories[features[1].Codes[r]]}) is no base's mode");
            }
        }
    }
}
