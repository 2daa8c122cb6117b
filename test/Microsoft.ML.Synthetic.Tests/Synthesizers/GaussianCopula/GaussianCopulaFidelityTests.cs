using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;
using static Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula.CopulaTestHelpers;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula;

/// <summary>Fixed-seed property tests: what the copula samples matches the data it learned from.</summary>
[TestClass]
public sealed class GaussianCopulaFidelityTests
{
    private static TabularData? s_adult;
    private static GaussianCopulaModel? s_adultModel;
    private static TabularData? s_adultSample;

    private sealed class Pair
    {
        public double A { get; set; }
        public double B { get; set; }
    }

    private static IDataView BivariateNormal(MLContext ml, int n, double rho, int seed)
    {
        var rng = new Xoshiro256StarStar((ulong)seed);
        var rows = new Pair[n];
        for (int i = 0; i < n; i++)
        {
            double z1 = ZigguratNormal.Next(rng), z2 = ZigguratNormal.Next(rng);
            rows[i] = new Pair { A = 10 + (2 * z1), B = -3 + (0.5 * ((rho * z1) + (Math.Sqrt(1 - (rho * rho)) * z2))) };
        }

        return ml.Data.LoadFromEnumerable(rows);
    }

    [TestMethod]
    public void BivariateNormal_Correlation07_IsSampledWithin003()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.GaussianCopula().Fit(BivariateNormal(ml, 20_000, 0.7, seed: 5));
        var sample = model.SampleTable(20_000, null, seed: 11);
        double r = Pearson(((ContinuousColumn)sample["A"]).Values, ((ContinuousColumn)sample["B"]).Values);
        Assert.AreEqual(0.7, r, 0.03, $"sampled correlation {r}");
        Assert.AreEqual(0.7, model.Correlation[0, 1], 0.03, "latent correlation");
        foreach (var column in model.Columns)
        {
            Assert.AreEqual(MarginalKind.Normal, column.Marginal, $"{column.Name}: {column.Distribution}");
        }
    }

    private static (TabularData Real, GaussianCopulaModel Model, TabularData Sample) Adult()
    {
        if (s_adultModel is null)
        {
            var ml = new MLContext(seed: 42);
            s_adult = TabularData.FromDataView(TestData.LoadAdult(ml));
            s_adultModel = ml.Synthetic().Synthesizers.GaussianCopula().Fit(s_adult);
            s_adultSample = s_adultModel.SampleTable(s_adult.RowCount, null, seed: 7);
        }

        return (s_adult!, s_adultModel, s_adultSample!);
    }

    [TestMethod]
    public void Adult_EveryContinuousColumn_HasKsAtMost005()
    {
        var (real, _, sample) = Adult();
        foreach (var name in TestData.AdultContinuous)
        {
            double ks = KsStatistic(((ContinuousColumn)real[name]).Values, ((ContinuousColumn)sample[name]).Values);
            Assert.IsLessThanOrEqualTo(0.05, ks, $"{name}: KS {ks}");
        }
    }

    [TestMethod]
    public void Adult_EveryCategoryFrequency_IsWithin15PercentagePoints()
    {
        var (real, _, sample) = Adult();
        foreach (var name in TestData.AdultCategorical)
        {
            var expected = Frequencies((CategoricalColumn)real[name]);
            var actual = Frequencies((CategoricalColumn)sample[name]);
            foreach (var (category, share) in expected)
            {
                double got = actual.GetValueOrDefault(category);
                Assert.AreEqual(share, got, 0.015, $"{name} = '{category}': real {share:P2}, synthetic {got:P2}");
            }

            Assert.IsTrue(actual.Keys.All(expected.ContainsKey), $"{name}: only categories seen in training");
        }
    }

    [TestMethod]
    public void Adult_WholeNumberColumns_StayWholeAndWithinTheObservedRange()
    {
        var (real, model, sample) = Adult();
        foreach (var name in TestData.AdultContinuous)
        {
            var values = ((ContinuousColumn)sample[name]).Values;
            var observed = ((ContinuousColumn)real[name]).ObservedValues();
            Assert.IsTrue(values.All(v => v == Math.Round(v)), name);
            Assert.IsTrue(values.Min() >= observed.Min() && values.Max() <= observed.Max(), name);
            Assert.IsTrue(model.Columns.Single(c => c.Name == name).WholeNumbers, name);
        }
    }

    /// <summary>The code of the category whose text, trimmed, is <paramref name="text"/> (the loader may keep Adult's leading spaces).</summary>
    internal static int Code(CategoricalColumn column, string text) =>
        column.Categories.Select((c, i) => (c, i)).Single(p => p.c.Trim() == text).i;

    [TestMethod]
    public void Adult_CorrelationWithACategory_IsKept()
    {
        // Men work longer hours than women in Adult; the synthetic rows keep the difference.
        var (real, _, sample) = Adult();
        static double Gap(TabularData t)
        {
            var sex = (CategoricalColumn)t["sex"];
            var hours = ((ContinuousColumn)t["hours-per-week"]).Values;
            int male = Code(sex, "Male");
            double m = Enumerable.Range(0, t.RowCount).Where(i => sex.Codes[i] == male).Average(i => hours[i]);
            double f = Enumerable.Range(0, t.RowCount).Where(i => sex.Codes[i] != male).Average(i => hours[i]);
            return m - f;
        }

        double realGap = Gap(real), syntheticGap = Gap(sample);
        Assert.IsGreaterThan(3.0, realGap);
        Assert.AreEqual(realGap, syntheticGap, 0.3 * realGap, $"real gap {realGap:F2} h, synthetic {syntheticGap:F2} h");
    }
}
