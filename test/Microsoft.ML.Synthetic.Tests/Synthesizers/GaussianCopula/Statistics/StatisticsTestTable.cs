using Microsoft.ML;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula.Statistics;

/// <summary>A small correlated table for the partition tests: a normal column, a whole-number one, one with missing values, and categories with missing values.</summary>
internal static class StatisticsTestTable
{
    public sealed class Row
    {
        public float X { get; set; }

        public float Count { get; set; }

        public float Income { get; set; }

        public string Kind { get; set; } = "";

        public string City { get; set; } = "";
    }

    public static List<Row> Create(int n, int seed = 5)
    {
        var random = new Random(seed);
        var rows = new List<Row>(n);
        string[] kinds = ["a", "b", "c", "d"];
        string[] cities = ["Oslo", "Lima", "Pune"];
        for (int i = 0; i < n; i++)
        {
            double z = Normal(random);
            double w = (0.7 * z) + (0.71 * Normal(random));
            rows.Add(new Row
            {
                X = (float)Math.Round(z, 3),
                Count = (float)Math.Max(0, Math.Round(3 + (2 * w))),
                Income = random.NextDouble() < 0.1 ? float.NaN : (float)Math.Exp(1 + (0.5 * w)),
                Kind = kinds[Math.Clamp((int)((z + 2) * 1.2), 0, 3)],
                City = random.NextDouble() < 0.05 ? "" : cities[random.Next(3)],
            });
        }

        return rows;
    }

    /// <summary>Contiguous partitions of unequal sizes.</summary>
    public static List<List<Row>> Split(List<Row> rows, int k)
    {
        var parts = new List<List<Row>>();
        int start = 0;
        for (int p = 0; p < k; p++)
        {
            int end = p == k - 1 ? rows.Count : start + ((rows.Count / k) + (p % 2 == 0 ? 13 : -13));
            parts.Add(rows.GetRange(start, end - start));
            start = end;
        }

        return parts;
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    /// <summary>
    /// Asserts two copulas have the same schema, marginals and encodings (parameters to <paramref name="tolerance"/>)
    /// and correlation (to <paramref name="correlationTolerance"/>, default <paramref name="tolerance"/>).
    /// </summary>
    public static void AssertSameModel(GaussianCopulaModel expected, GaussianCopulaModel actual, double tolerance, double? correlationTolerance = null)
    {
        var se = expected.TableSchema.Columns;
        var sa = actual.TableSchema.Columns;
        Assert.HasCount(se.Count, sa);
        for (int c = 0; c < se.Count; c++)
        {
            Assert.AreEqual(se[c].Name, sa[c].Name);
            CollectionAssert.AreEqual(se[c].Categories.ToArray(), sa[c].Categories.ToArray(), $"categories of {se[c].Name}");
            Assert.AreEqual(se[c].IsInteger, sa[c].IsInteger, se[c].Name);
            Assert.AreEqual(se[c].Min, sa[c].Min, se[c].Name);
            Assert.AreEqual(se[c].Max, sa[c].Max, se[c].Name);
            Assert.AreEqual(se[c].MissingText, sa[c].MissingText, se[c].Name);
        }

        for (int c = 0; c < expected.CopulaColumns.Count; c++)
        {
            switch (expected.CopulaColumns[c], actual.CopulaColumns[c])
            {
                case (ContinuousCopulaColumn e, ContinuousCopulaColumn a):
                    Assert.AreEqual(e.Marginal.Kind, a.Marginal.Kind, e.Name);
                    AssertClose(e.Marginal.Parameters, a.Marginal.Parameters, tolerance, $"marginal of {e.Name}");
                    Assert.AreEqual(e.KsStatistic, a.KsStatistic, tolerance, e.Name);
                    Assert.AreEqual(e.Whole, a.Whole, e.Name);
                    Assert.AreEqual(e.Missing is null, a.Missing is null, e.Name);
                    if (e.Missing is not null)
                    {
                        CollectionAssert.AreEqual(e.Missing.Counts, a.Missing!.Counts, e.Name);
                    }

                    break;
                case (CategoricalCopulaColumn e, CategoricalCopulaColumn a):
                    CollectionAssert.AreEqual(e.Encoding.Levels, a.Encoding.Levels, e.Name);
                    CollectionAssert.AreEqual(e.Encoding.Counts, a.Encoding.Counts, e.Name);
                    break;
                default:
                    Assert.Fail($"column {c} has different kinds");
                    break;
            }
        }

        var re = expected.Correlation;
        var ra = actual.Correlation;
        Assert.AreEqual(re.GetLength(0), ra.GetLength(0));
        for (int i = 0; i < re.GetLength(0); i++)
        {
            for (int j = 0; j < re.GetLength(1); j++)
            {
                Assert.AreEqual(re[i, j], ra[i, j], correlationTolerance ?? tolerance, $"correlation [{i}, {j}]: {re[i, j]:R} vs {ra[i, j]:R}");
            }
        }
    }

    public static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.HasCount(expected.Length, actual, what);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i], actual[i], tolerance * Math.Max(1, Math.Abs(expected[i])), $"{what} [{i}]");
        }
    }
}
