using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers;

/// <summary>
/// The invariants every synthesizer must keep. A synthesizer's test class derives from this one and says how to
/// create its estimator (small and fast: these run on a 600-row table).
/// </summary>
public abstract class SynthesizerContractTests
{
    /// <summary>The estimator under test, configured to fit the contract table in a few seconds.</summary>
    protected abstract IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml);

    /// <summary>A row of the contract table: correlated numbers, an integer, two categories, missing values.</summary>
    protected sealed class ContractRow
    {
        public float X { get; set; }
        public double Y { get; set; }
        public int Count { get; set; }
        public string Color { get; set; } = "";
        public bool Flag { get; set; }
    }

    /// <summary>600 rows: Y follows X, Color depends on X, Flag on Color; X has 5 % missing values.</summary>
    protected static IDataView ContractData(MLContext ml)
    {
        var random = new Random(123);
        var rows = new List<ContractRow>();
        for (int i = 0; i < 600; i++)
        {
            double x = random.NextDouble() * 10;
            string color = x < 3 ? "red" : x < 7 ? "green" : "blue";
            rows.Add(new ContractRow
            {
                X = random.NextDouble() < 0.05 ? float.NaN : (float)x,
                Y = (2 * x) + random.NextDouble(),
                Count = random.Next(0, 5),
                Color = color,
                Flag = color == "blue" ? random.NextDouble() < 0.8 : random.NextDouble() < 0.2,
            });
        }

        return ml.Data.LoadFromEnumerable(rows);
    }

    private static TabularData Table(IDataView view) => TabularData.FromDataView(view);

    /// <summary>Asserts that two tables hold the same rows (values and category codes, column by column).</summary>
    internal static void AssertSameRows(TabularData a, TabularData b)
    {
        Assert.AreEqual(a.RowCount, b.RowCount);
        for (int i = 0; i < a.Columns.Count; i++)
        {
            switch (a.Columns[i])
            {
                case ContinuousColumn c:
                    CollectionAssert.AreEqual(c.Values, ((ContinuousColumn)b.Columns[i]).Values, $"column {c.Name}");
                    break;
                case CategoricalColumn c:
                    CollectionAssert.AreEqual(c.Codes, ((CategoricalColumn)b.Columns[i]).Codes, $"column {c.Name}");
                    break;
            }
        }
    }

    [TestMethod]
    public void Sample_KeepsTheTrainingSchema()
    {
        var ml = new MLContext(seed: 1);
        var data = ContractData(ml);
        var model = CreateEstimator(ml).Fit(data);
        var sample = model.Sample(100, seed: 3);

        Assert.AreEqual(data.Schema.Count, sample.Schema.Count);
        for (int i = 0; i < data.Schema.Count; i++)
        {
            Assert.AreEqual(data.Schema[i].Name, sample.Schema[i].Name);
            Assert.AreEqual(data.Schema[i].Type, sample.Schema[i].Type, data.Schema[i].Name);
        }

        var table = Table(sample);
        Assert.AreEqual(100, table.RowCount);
        var count = (ContinuousColumn)table["Count"];
        Assert.IsTrue(count.Values.All(v => v == Math.Round(v)), "an integer column stays integer");
        var colors = ((CategoricalColumn)table["Color"]).Categories;
        Assert.IsTrue(colors.All(c => c is "red" or "green" or "blue"), "only categories seen in training");
    }

    [TestMethod]
    public void Sample_SameSeed_GivesIdenticalRows_OtherSeedDiffers()
    {
        var ml = new MLContext(seed: 1);
        var model = CreateEstimator(ml).Fit(ContractData(ml));
        AssertSameRows(Table(model.Sample(300, seed: 5)), Table(model.Sample(300, seed: 5)));
        AssertSameRows(Table(model.Sample(300, seed: 5)), model.SampleTable(300, null, 5));
        var a = (ContinuousColumn)Table(model.Sample(300, seed: 5))["Y"];
        var b = (ContinuousColumn)Table(model.Sample(300, seed: 6))["Y"];
        CollectionAssert.AreNotEqual(a.Values, b.Values);
    }

    /// <summary>
    /// Whether the context seed makes training reproducible; false for differentially private synthesizers, whose
    /// training noise is secret (two fits with one context seed must then differ).
    /// </summary>
    protected virtual bool TrainingFollowsTheContextSeed => true;

    [TestMethod]
    public void Fit_SameContextSeed_GivesTheSameModel()
    {
        var first = CreateEstimator(new MLContext(seed: 9)).Fit(ContractData(new MLContext(seed: 9)));
        var second = CreateEstimator(new MLContext(seed: 9)).Fit(ContractData(new MLContext(seed: 9)));
        if (TrainingFollowsTheContextSeed)
        {
            AssertSameRows(first.SampleTable(200, null, 4), second.SampleTable(200, null, 4));
        }
        else
        {
            var a = (ContinuousColumn)first.SampleTable(200, null, 4)["Y"];
            var b = (ContinuousColumn)second.SampleTable(200, null, 4)["Y"];
            CollectionAssert.AreNotEqual(a.Values, b.Values, "DP training noise must not follow the context seed");
        }
    }

    [TestMethod]
    public void ConditionalSample_SatisfiesTheConditionInEveryRow()
    {
        var ml = new MLContext(seed: 1);
        var model = CreateEstimator(ml).Fit(ContractData(ml));
        var table = Table(model.Sample(400, new SampleConditions { ["Color"] = "blue" }, seed: 2));
        var color = (CategoricalColumn)table["Color"];
        Assert.IsTrue(color.Codes.All(c => color.Categories[c] == "blue"));
    }

    [TestMethod]
    public void ConditionalSample_UnseenValueOrUnknownColumn_IsAnErrorNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var model = CreateEstimator(ml).Fit(ContractData(ml));
        var unseen = Assert.ThrowsExactly<ArgumentException>(() => model.Sample(10, new SampleConditions { ["Color"] = "purple" }));
        StringAssert.Contains(unseen.Message, "'Color'");
        StringAssert.Contains(unseen.Message, "purple");
        var unknown = Assert.ThrowsExactly<ArgumentException>(() => model.Sample(10, new SampleConditions { ["Shape"] = "round" }));
        StringAssert.Contains(unknown.Message, "'Shape'");
    }

    [TestMethod]
    public void SaveAndLoad_SamplesIdenticalRows()
    {
        var ml = new MLContext(seed: 1);
        var model = CreateEstimator(ml).Fit(ContractData(ml));
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = ml.Synthetic().Synthesizers.Load(stream);
        AssertSameRows(model.SampleTable(500, null, 8), loaded.SampleTable(500, null, 8));
        Assert.AreEqual(model.TrainingSchema.Count, loaded.TrainingSchema.Count);
    }

    [TestMethod]
    public void Fit_EmptyData_IsAClearError()
    {
        var ml = new MLContext(seed: 1);
        var empty = ml.Data.LoadFromEnumerable(new List<ContractRow>());
        var e = Assert.ThrowsExactly<ArgumentException>(() => CreateEstimator(ml).Fit(empty));
        StringAssert.Contains(e.Message, "no rows");
    }

    [TestMethod]
    public void Fit_InfinityInAColumn_IsAnErrorNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var rows = new[] { new ContractRow { X = 1, Y = 1, Color = "red" }, new ContractRow { X = 2, Y = double.PositiveInfinity, Color = "blue" } };
        var e = Assert.ThrowsExactly<ArgumentException>(() => CreateEstimator(ml).Fit(ml.Data.LoadFromEnumerable(rows)));
        StringAssert.Contains(e.Message, "'Y'");
    }
}
