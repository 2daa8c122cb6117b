using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.GaussianCopula;

/// <summary>Each bad input of the issue: a clear error naming the column, or a documented correct result.</summary>
[TestClass]
public sealed class GaussianCopulaBadInputTests
{
    private sealed class Row
    {
        public float Value { get; set; }
        public int Count { get; set; }
        public string Label { get; set; } = "";
    }

    private static IDataView Rows(MLContext ml, params Row[] rows) => ml.Data.LoadFromEnumerable(rows);

    [TestMethod]
    public void AllMissingContinuousColumn_IsAnErrorNamingIt()
    {
        var ml = new MLContext(1);
        var data = Rows(ml, new Row { Value = float.NaN, Label = "a" }, new Row { Value = float.NaN, Label = "b" });
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.GaussianCopula().Fit(data));
        StringAssert.Contains(e.Message, "'Value'");
        StringAssert.Contains(e.Message, "missing");
    }

    [TestMethod]
    public void AllMissingCategoricalColumn_IsAnErrorNamingIt()
    {
        var ml = new MLContext(1);
        var data = Rows(ml, new Row { Value = 1, Label = "?" }, new Row { Value = 2, Label = "" });
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.GaussianCopula().Fit(data));
        StringAssert.Contains(e.Message, "'Label'");
    }

    [TestMethod]
    public void ConstantColumns_AreReproducedAsConstant()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 200).Select(i => new Row { Value = 2.5f, Count = i % 7, Label = "only" }).ToArray();
        var model = ml.Synthetic().Synthesizers.GaussianCopula().Fit(Rows(ml, rows));
        var sample = model.SampleTable(500, null, 3);
        Assert.IsTrue(((ContinuousColumn)sample["Value"]).Values.All(v => v == 2.5));
        var label = (CategoricalColumn)sample["Label"];
        Assert.IsTrue(label.Codes.All(c => label.Categories[c] == "only"));
        StringAssert.Contains(model.Columns[0].Distribution, "constant");
    }

    [TestMethod]
    public void NaNWhereTheUserSaidItIsNotAllowed_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(1);
        var data = Rows(ml, new Row { Value = 1, Label = "a" }, new Row { Value = float.NaN, Label = "b" });
        var estimator = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = new TabularDataOptions { AllowNaN = false } });
        var e = Assert.ThrowsExactly<ArgumentException>(() => estimator.Fit(data));
        StringAssert.Contains(e.Message, "'Value'");
    }

    [TestMethod]
    public void InfinityInATableBuiltByHand_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(1);
        var table = TabularData.FromDataView(Rows(ml, new Row { Value = 1, Label = "a" }, new Row { Value = 2, Label = "b" }));
        ((ContinuousColumn)table["Value"]).Values[1] = double.PositiveInfinity;
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.GaussianCopula().Fit(table));
        StringAssert.Contains(e.Message, "'Value'");
    }

    [TestMethod]
    public void SingleRow_IsReproducedExactly()
    {
        var ml = new MLContext(1);
        var model = ml.Synthetic().Synthesizers.GaussianCopula().Fit(Rows(ml, new Row { Value = 4.25f, Count = 3, Label = "x" }));
        var sample = model.SampleTable(50, null, 1);
        Assert.IsTrue(((ContinuousColumn)sample["Value"]).Values.All(v => v == 4.25));
        Assert.IsTrue(((ContinuousColumn)sample["Count"]).Values.All(v => v == 3));
        Assert.IsTrue(((CategoricalColumn)sample["Label"]).Codes.All(c => c == 0));
    }

    [TestMethod]
    public void ConditionOnAnUnknownColumn_IsAnErrorNamingIt()
    {
        var ml = new MLContext(1);
        var model = ml.Synthetic().Synthesizers.GaussianCopula().Fit(Rows(ml, new Row { Value = 1, Label = "a" }, new Row { Value = 2, Label = "b" }));
        var e = Assert.ThrowsExactly<ArgumentException>(() => model.Sample(5, new SampleConditions { ["Colour"] = "a" }));
        StringAssert.Contains(e.Message, "'Colour'");
    }

    [TestMethod]
    public void WholeNumberRangeWithoutAWholeNumber_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 100).Select(i => new Row { Value = i, Count = i % 10, Label = "a" }).ToArray();
        var model = ml.Synthetic().Synthesizers.GaussianCopula().Fit(Rows(ml, rows));
        var e = Assert.ThrowsExactly<ArgumentException>(() => model.SampleTable(5, new SampleConditions { ["Count"] = SampleCondition.Between(3.2, 3.7) }, 1));
        StringAssert.Contains(e.Message, "'Count'");
    }

    private sealed class FlagRow
    {
        public float Value { get; set; }
        public bool Flag { get; set; }
    }

    [TestMethod]
    public void ConditionOnABooleanValueNeverSeen_IsAnErrorNamingTheColumn()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 50).Select(i => new FlagRow { Value = i, Flag = false }).ToArray();
        var model = ml.Synthetic().Synthesizers.GaussianCopula().Fit(ml.Data.LoadFromEnumerable(rows));
        var e = Assert.ThrowsExactly<ArgumentException>(() => model.SampleTable(5, new SampleConditions { ["Flag"] = true }, 1));
        StringAssert.Contains(e.Message, "'Flag'");
        var falseRows = model.SampleTable(20, new SampleConditions { ["Flag"] = false }, 1);
        Assert.IsTrue(((CategoricalColumn)falseRows["Flag"]).Codes.All(c => c >= 0));
    }

    [TestMethod]
    public void MarginalForAnUnknownOrCategoricalColumn_IsAnErrorNamingIt()
    {
        var ml = new MLContext(1);
        var data = Rows(ml, new Row { Value = 1, Label = "a" }, new Row { Value = 2, Label = "b" });
        var unknown = new GaussianCopulaOptions { ColumnMarginals = { ["Weight"] = MarginalKind.Normal } };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.GaussianCopula(unknown).Fit(data)).Message, "'Weight'");
        var categorical = new GaussianCopulaOptions { ColumnMarginals = { ["Label"] = MarginalKind.Normal } };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.GaussianCopula(categorical).Fit(data)).Message, "'Label'");
    }
}
