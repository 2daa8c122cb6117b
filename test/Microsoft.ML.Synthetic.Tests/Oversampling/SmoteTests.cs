using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Oversampling;
using static Microsoft.ML.Synthetic.Tests.Oversampling.OversamplingTestData;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

[TestClass]
public sealed class SmoteTests
{
    /// <summary>Points of one class, as doubles (test-side copy).</summary>
    internal static (double[][] Real, double[][] New) Points(TabularData table, int realRows, string cls, params string[] features)
    {
        var label = (CategoricalColumn)table["Label"];
        var cols = features.Select(f => ((ContinuousColumn)table[f]).Values).ToArray();
        double[] Row(int r) => cols.Select(c => c[r]).ToArray();
        var rows = Enumerable.Range(0, table.RowCount).Where(r => label.Categories[label.Codes[r]] == cls).ToArray();
        return (rows.Where(r => r < realRows).Select(Row).ToArray(), rows.Where(r => r >= realRows).Select(Row).ToArray());
    }

    /// <summary>The k nearest other points of each point (double precision, brute force).</summary>
    internal static int[][] Knn(double[][] points, int k) =>
        points.Select((p, i) => points.Select((q, j) => (j, d: p.Zip(q, (a, b) => (a - b) * (a - b)).Sum()))
            .Where(x => x.j != i).OrderBy(x => x.d).ThenBy(x => x.j).Take(k).Select(x => x.j).ToArray()).ToArray();

    /// <summary>Whether <paramref name="x"/> lies on the segment from <paramref name="a"/> to <paramref name="b"/>.</summary>
    internal static bool OnSegment(double[] x, double[] a, double[] b, double tolerance)
    {
        double dd = 0, t = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dd += (b[i] - a[i]) * (b[i] - a[i]);
            t += (x[i] - a[i]) * (b[i] - a[i]);
        }

        t = dd == 0 ? 0 : t / dd;
        if (t < -tolerance || t > 1 + tolerance)
        {
            return false;
        }

        double err = 0, scale = 1;
        for (int i = 0; i < a.Length; i++)
        {
            double p = a[i] + (t * (b[i] - a[i]));
            err = Math.Max(err, Math.Abs(x[i] - p));
            scale = Math.Max(scale, Math.Abs(a[i]) + Math.Abs(b[i]));
        }

        return err <= tolerance * scale;
    }

    [TestMethod]
    public void NewPoints_LieOnSegmentsToOneOfTheKNearestSameClassNeighbours()
    {
        var ml = new MLContext(1);
        var data = NumericData(ml);
        const int k = 3;
        var rows = ml.Synthetic().Resampling.Smote("Label", kNeighbors: k, seed: 4).Resample(data);
        var table = TabularData.FromDataView(rows);
        foreach (var cls in new[] { "b", "c" })
        {
            var (real, made) = Points(table, (int)rows.RealRowCount, cls, "X1", "X2", "X3");
            var nn = Knn(real, k);
            Assert.IsTrue(made.Length > 100);
            foreach (var x in made)
            {
                bool found = Enumerable.Range(0, real.Length).Any(i => nn[i].Any(j => OnSegment(x, real[i], real[j], 1e-5)));
                Assert.IsTrue(found, $"class {cls}: ({string.Join(", ", x)}) is on no segment between a point and one of its {k} nearest neighbours");
            }

            // With k = 1 a segment to a farther neighbour is not allowed: the check above is not vacuous.
            var nn1 = Knn(real, 1);
            int onNearest = made.Count(x => Enumerable.Range(0, real.Length).Any(i => OnSegment(x, real[i], real[nn1[i][0]], 1e-5)));
            Assert.IsTrue(onNearest < made.Length, "some points use a neighbour other than the nearest");
        }
    }

    [TestMethod]
    public void NewPoints_StepsAreUniform()
    {
        // Two points per class at distance 1 on a line: the new x of class "b" is u in [0, 1), uniform.
        var ml = new MLContext(1);
        var rows = new List<NumericRow>();
        rows.Add(new NumericRow { X1 = 0, X2 = 0, X3 = 0, Label = "b" });
        rows.Add(new NumericRow { X1 = 1, X2 = 0, X3 = 0, Label = "b" });

        for (int i = 0; i < 4000; i++)
        {
            rows.Add(new NumericRow { X1 = 5, X2 = i, X3 = 0, Label = "a" });
        }

        var result = ml.Synthetic().Resampling.Smote("Label", kNeighbors: 1, seed: 2).Resample(ml.Data.LoadFromEnumerable(rows));
        var table = TabularData.FromDataView(result);
        var (_, made) = Points(table, (int)result.RealRowCount, "b", "X1");
        var xs = made.Select(p => p[0]).Order().ToArray();
        Assert.AreEqual(3998, xs.Length);
        // Kolmogorov–Smirnov distance to U[0,1]; 1.63/sqrt(n) is the 1 % critical value.
        double ks = xs.Select((x, i) => Math.Max(Math.Abs(x - ((double)i / xs.Length)), Math.Abs(x - ((double)(i + 1) / xs.Length)))).Max();
        Assert.IsTrue(ks < 1.63 / Math.Sqrt(xs.Length), $"KS = {ks}");
    }

    [TestMethod]
    public void CategoricalFeature_IsRejected_WithAHint()
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Resampling.Smote("Label", seed: 1).Fit(MixedData(ml)));
        StringAssert.Contains(e.Message, "'Color'");
        StringAssert.Contains(e.Message, "SMOTE-NC");
    }

    [TestMethod]
    public void FeatureColumnNames_OtherColumnsAreCopiedFromTheBaseRow()
    {
        // SMOTE builds a new row from a base row a of its class and one of a's k nearest neighbours in the class
        // (Euclidean on the listed features): the features lie on the segment a → neighbour and every other column is
        // a's own value. So each new row's Color and Shape must be those of a base whose segment it lies on; a Color
        // the class merely has (every class has every colour) does not pass.
        var ml = new MLContext(1);
        const int k = 3;
        var smote = new Smote(new SmoteOptions { FeatureColumnNames = ["X1", "X2"], KNeighbors = k });
        var rows = ml.Synthetic().Oversample("Label", smote, seed: 1).Resample(MixedData(ml));
        var table = TabularData.FromDataView(rows);
        int real = (int)rows.RealRowCount;
        var label = (CategoricalColumn)table["Label"];
        var color = (CategoricalColumn)table["Color"];
        var shape = (CategoricalColumn)table["Shape"];
        var x1 = ((ContinuousColumn)table["X1"]).Values;
        var x2 = ((ContinuousColumn)table["X2"]).Values;
        double[] Point(int r) => [x1[r], x2[r]];
        int checkedRows = 0, baseColorDiffersFromNeighbour = 0;
        foreach (int cls in Enumerable.Range(0, label.Categories.Count))
        {
            var members = Enumerable.Range(0, real).Where(r => label.Codes[r] == cls).ToArray();
            var nn = members.ToDictionary(a => a, a => members.Where(b => b != a)
                .OrderBy(b => Math.Pow(x1[a] - x1[b], 2) + Math.Pow(x2[a] - x2[b], 2)).ThenBy(b => b).Take(k).ToArray());
            foreach (int r in Enumerable.Range(real, table.RowCount - real).Where(r => label.Codes[r] == cls))
            {
                var bases = members.Where(a => nn[a].Any(b => OnSegment(Point(r), Point(a), Point(b), 1e-5))).ToArray();
                Assert.IsTrue(bases.Length > 0, $"new row {r}: on no segment from a row of its class to one of its {k} nearest neighbours");
                Assert.IsTrue(bases.Any(a => color.Codes[a] == color.Codes[r] && shape.Codes[a] == shape.Codes[r]),
                    $"new row {r}: Color '{color.Categories[color.Codes[r]]}', Shape '{shape.Categories[shape.Codes[r]]}' are not those of its base row");
                if (bases.All(a => nn[a].Where(b => OnSegment(Point(r), Point(a), Point(b), 1e-5)).All(b => color.Codes[b] != color.Codes[a]))) baseColorDiffersFromNeighbour++;
                checkedRows++;
            }
        }

        Assert.AreEqual(table.RowCount - real, checkedRows);
        Assert.IsTrue(checkedRows > 200, $"{checkedRows} new rows");
        // The check discriminates: for many new rows the neighbour's Color differs from the base's, so copying it
        // (or any other Color of the class) would fail.
        Assert.IsTrue(baseColorDiffersFromNeighbour > checkedRows / 10, $"{baseColorDiffersFromNeighbour} of {checkedRows} rows have a neighbour of another Color");
    }
}
