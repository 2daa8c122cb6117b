using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Oversampling;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

/// <summary>SMOTEN and SMOTE-NC state the categories they accept per column and name the column above it.</summary>
[TestClass]
public sealed class CardinalityLimitTests
{
    /// <summary>60 rows: X (Single), City (a key with <paramref name="levels"/> values, 5 used), Label (Boolean, every 4th row true).</summary>
    private static IDataView Table(int levels)
    {
        var random = new Random(3);
        var categories = Enumerable.Range(0, levels).Select(i => $"c{i}").ToArray();
        var x = Enumerable.Range(0, 60).Select(_ => random.NextDouble()).ToArray();
        var city = Enumerable.Range(0, 60).Select(_ => random.Next(5)).ToArray();
        var label = Enumerable.Range(0, 60).Select(i => i % 4 == 0 ? 1 : 0).ToArray();
        var infos = new List<TableColumnInfo>
        {
            new("X", ColumnKind.Continuous, NumberDataViewType.Double, false, [], x.Min(), x.Max(), null, null),
            new("City", ColumnKind.Categorical, new KeyDataViewType(typeof(uint), levels), false, categories, double.NaN, double.NaN, null, null),
            new("Label", ColumnKind.Categorical, BooleanDataViewType.Instance, false, [bool.FalseString, bool.TrueString], double.NaN, double.NaN, null, null),
        };
        TableColumn[] columns = [new ContinuousColumn("X", x, false), new CategoricalColumn("City", city, categories), new CategoricalColumn("Label", label, [bool.FalseString, bool.TrueString])];
        return new TabularData(new TabularSchema(infos), columns).ToDataView();
    }

    [TestMethod]
    public void Smoten_ColumnAboveTheLimit_ThrowsNamingColumnAndLimit()
    {
        var ml = new MLContext(1);
        var view = ml.Transforms.DropColumns("X").Fit(Table(Smoten.MaxCategories + 1)).Transform(Table(Smoten.MaxCategories + 1));
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Resampling.Smoten("Label", kNeighbors: 3, seed: 1).Resample(view));
        StringAssert.Contains(e.Message, "column 'City' has 65,537 categories");
        StringAssert.Contains(e.Message, "at most 65,536");
    }

    [TestMethod]
    public void Smoten_WideColumnUnderTheLimit_ResamplesWithoutAValuesByValuesTable()
    {
        var ml = new MLContext(1);
        var view = ml.Transforms.DropColumns("X").Fit(Table(20_000)).Transform(Table(20_000));
        var rows = ml.Synthetic().Resampling.Smoten("Label", kNeighbors: 3, seed: 1).Resample(view);
        Assert.AreEqual(90L, TabularData.FromDataView(rows).RowCount, "45 majority rows, 15 minority + 30 new");
    }

    [TestMethod]
    public void SmoteNc_ColumnAboveTheLimit_ThrowsNamingColumnAndLimit()
    {
        var ml = new MLContext(1);
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Resampling.SmoteNc("Label", kNeighbors: 3, seed: 1).Resample(Table(SmoteNc.MaxCategories + 1)));
        StringAssert.Contains(e.Message, "column 'City' has 4,097 categories");
        StringAssert.Contains(e.Message, "at most 4,096");
    }

    [TestMethod]
    public void ValueDifferenceMetric_ComputedAboveTheTableLimit_EqualsTheDefinition()
    {
        var random = new Random(5);
        int values = ValueDifferenceMetric.TableLimit + 300, classes = 3;
        var codes = Enumerable.Range(0, 20_000).Select(_ => random.Next(values)).ToArray();
        var rowClass = codes.Select(c => (c + random.Next(2)) % classes).ToArray();
        var metric = new ValueDifferenceMetric(codes, rowClass, values, classes);
        double P(int value, int cls) => codes.Where((c, r) => c == value && rowClass[r] == cls).Count() / (double)Math.Max(1, codes.Count(c => c == value));
        foreach (var (a, b) in new[] { (0, 1), (5, 1200), (1300, 17), (9, 9) })
        {
            double sum = Enumerable.Range(0, classes).Sum(c => Math.Abs(P(a, c) - P(b, c)));
            Assert.AreEqual(sum * sum, metric[a, b], 1e-12, $"δ({a}, {b})");
        }
    }
}
