using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Oversampling;
using static Microsoft.ML.Synthetic.Tests.Oversampling.OversamplingTestData;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

/// <summary>
/// The row counts each method produces equal imbalanced-learn's rule for the same strategy, on Adult (label
/// <c>income</c>) and on a 20-feature numeric set with a 5 % minority (20,000 rows here; the benchmark builds
/// the 200,000-row set the same way and checks the same rule).
/// </summary>
[TestClass]
public sealed class OversamplingCountRuleTests
{
    /// <summary>Columns F0..F19 (Single), Label (Boolean): every 20th row positive, shifted by 1 on F0..F4.</summary>
    internal static IDataView Wide(int n, int seed)
    {
        var random = new Random(seed);
        var infos = new List<TableColumnInfo>();
        var columns = new List<TableColumn>();
        var values = new double[20][];
        for (int j = 0; j < 20; j++)
        {
            values[j] = new double[n];
        }

        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 20 == 0 ? 1 : 0;
            for (int j = 0; j < 20; j++)
            {
                values[j][i] = (float)(Normal(random) + (labels[i] == 1 && j < 5 ? 1 : 0));
            }
        }

        for (int j = 0; j < 20; j++)
        {
            infos.Add(new TableColumnInfo($"F{j}", ColumnKind.Continuous, NumberDataViewType.Single, false, [], values[j].Min(), values[j].Max(), null, null));
            columns.Add(new ContinuousColumn($"F{j}", values[j], false));
        }

        infos.Add(new TableColumnInfo("Label", ColumnKind.Categorical, BooleanDataViewType.Instance, false, [bool.FalseString, bool.TrueString], double.NaN, double.NaN, null, null));
        columns.Add(new CategoricalColumn("Label", labels, [bool.FalseString, bool.TrueString]));
        return new TabularData(new TabularSchema(infos), columns).ToDataView();
    }

    [TestMethod]
    public void Wide5PercentMinority_SmoteAndBorderlineReachTheMajority_RatioStrategyFloors()
    {
        var ml = new MLContext(1);
        var data = Wide(20_000, 3);
        var synthetic = ml.Synthetic();
        Assert.AreEqual(19_000, ClassCounts(synthetic.Resampling.Smote("Label", seed: 1).Resample(data))["True"]);
        Assert.AreEqual(19_000, ClassCounts(synthetic.Resampling.BorderlineSmote("Label", seed: 1).Resample(data))["True"]);
        // int(19000 × 0.333) = 6327 rows after, i.e. 5327 new ones.
        var ratio = synthetic.Resampling.Smote("Label", strategy: SamplingStrategy.Ratio(0.333), seed: 1).Resample(data);
        Assert.AreEqual(6327, ClassCounts(ratio)["True"]);
        Assert.AreEqual(5327L, ratio.SyntheticRowCount);
    }

    [TestMethod]
    public void Wide5PercentMinority_AdasynTotalIsTheSumOfRoundedShares()
    {
        var ml = new MLContext(1);
        const int n = 20_000, k = 5;
        var data = Wide(n, 4);
        var rows = ml.Synthetic().Resampling.Adasyn("Label", nNeighbors: k, seed: 1).Resample(data);
        var table = TabularData.FromDataView(data);
        var x = Enumerable.Range(0, 20).Select(j => ((ContinuousColumn)table[$"F{j}"]).Values).ToArray();
        var label = ((CategoricalColumn)table["Label"]).Codes;
        var minority = Enumerable.Range(0, n).Where(i => label[i] == 1).ToArray();

        // r_i: share of the k nearest rows (all rows, itself excluded) that are negatives; brute force in double.
        var r = new double[minority.Length];
        Parallel.For(0, minority.Length, q =>
        {
            int i = minority[q];
            var best = new (double D, int J)[k];
            Array.Fill(best, (double.PositiveInfinity, int.MaxValue));
            for (int j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                double d = 0;
                for (int f = 0; f < 20; f++)
                {
                    double t = x[f][i] - x[f][j];
                    d += t * t;
                }

                if (d < best[k - 1].D)
                {
                    best[k - 1] = (d, j);
                    Array.Sort(best, (a, b) => a.D != b.D ? a.D.CompareTo(b.D) : a.J.CompareTo(b.J));
                }
            }

            r[q] = best.Count(b => label[b.J] == 0) / (double)k;
        });
        int g = (n - minority.Length) - minority.Length;
        long expected = r.Sum(v => (long)Math.Round(v / r.Sum() * g, MidpointRounding.ToEven));
        Assert.AreEqual(expected, rows.SyntheticRowCount);
    }

    [TestMethod]
    public void Adult_SmoteNc_BalancesIncome_NewCategoriesAreValuesOfTheClass()
    {
        var ml = new MLContext(1);
        var split = ml.Data.TrainTestSplit(TestData.LoadAdult(ml), testFraction: 0.2, seed: 42);
        var before = ClassCounts(split.TrainSet, "income");
        var rows = ml.Synthetic().Resampling.SmoteNc("income", seed: 1).Resample(split.TrainSet);
        var after = ClassCounts(rows, "income");
        int majority = before.Values.Max();
        Assert.IsTrue(after.Values.All(c => c == majority), string.Join(", ", after));
        Assert.AreEqual(before.Values.Sum(), (int)rows.RealRowCount);

        var table = TabularData.FromDataView(rows);
        var income = (CategoricalColumn)table["income"];
        int real = (int)rows.RealRowCount;
        foreach (var name in TestData.AdultCategorical.Where(c => c != "income"))
        {
            var column = (CategoricalColumn)table[name];
            var seen = new HashSet<(int, int)>(Enumerable.Range(0, real).Select(r => (income.Codes[r], column.Codes[r])));
            Assert.IsTrue(Enumerable.Range(real, table.RowCount - real).All(r => seen.Contains((income.Codes[r], column.Codes[r]))), name);
        }
    }

    [TestMethod]
    public void AdultSample_SmoteNc_EveryNewRowIsOnASegmentToANeighbour_WithTheNeighboursMostFrequentCategories()
    {
        var ml = new MLContext(1);
        var sample = ml.Data.TakeRows(TestData.LoadAdult(ml), 1500);
        const int k = 5;
        var rows = ml.Synthetic().Resampling.SmoteNc("income", kNeighbors: k, seed: 3).Resample(sample);
        var table = TabularData.FromDataView(rows);
        int real = (int)rows.RealRowCount;
        var income = (CategoricalColumn)table["income"];
        var cont = TestData.AdultContinuous.Select(c => ((ContinuousColumn)table[c]).Values).ToArray();
        var cats = TestData.AdultCategorical.Where(c => c != "income").Select(c => (CategoricalColumn)table[c]).ToArray();
        int minorityCode = Enumerable.Range(0, income.CategoryCount).OrderBy(c => income.Codes.Take(real).Count(x => x == c)).First();
        var members = Enumerable.Range(0, real).Where(r => income.Codes[r] == minorityCode).ToArray();

        // Chawla et al. 2002 / imbalanced-learn: Med = median of the class's continuous standard deviations; a category
        // mismatch adds Med²/2 to the squared distance (one-hot entries of Med/2); missing is a category of its own.
        var stds = cont.Select(v => { var x = members.Select(r => v[r]).ToArray(); double mu = x.Average(); return Math.Sqrt(x.Average(t => (t - mu) * (t - mu))); }).Order().ToArray();
        double med = 0.5 * (stds[2] + stds[3]);
        double Distance(int a, int b) => cont.Sum(v => (v[a] - v[b]) * (v[a] - v[b])) + (cats.Count(c => c.Codes[a] != c.Codes[b]) * med * med / 2);
        var nn = members.ToDictionary(a => a, a => members.Where(b => b != a).OrderBy(b => Distance(a, b)).ThenBy(b => b).Take(k).ToArray());
        bool Modal(int[] group, CategoricalColumn c, int value)
        {
            var votes = group.GroupBy(g => c.Codes[g]).ToDictionary(g => g.Key, g => g.Count());
            return votes.TryGetValue(value, out var n) && n == votes.Values.Max();
        }

        var made = Enumerable.Range(real, table.RowCount - real).ToArray();
        Assert.IsTrue(made.Length > 500);
        foreach (int r in made)
        {
            Assert.AreEqual(minorityCode, income.Codes[r]);
            var p = cont.Select(v => v[r]).ToArray();
            bool ok = members.Any(a => cats.All(c => Modal(nn[a], c, c.Codes[r]))
                && nn[a].Any(b => SmoteTests.OnSegment(p, cont.Select(v => v[a]).ToArray(), cont.Select(v => v[b]).ToArray(), 1e-5)));
            Assert.IsTrue(ok, $"row {r}: no minority row whose {k} SMOTE-NC neighbours give its segment and categories");
        }
    }
}
