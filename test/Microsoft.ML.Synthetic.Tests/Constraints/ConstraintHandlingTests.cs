using Microsoft.ML;
using Microsoft.ML.Synthetic.Constraints;
using static Microsoft.ML.Synthetic.Tests.Constraints.HotelBookings;

namespace Microsoft.ML.Synthetic.Tests.Constraints;

/// <summary>Which rules <see cref="ConstraintHandling"/> transforms and which it keeps by rejection, and that the choice is saved with the model.</summary>
[TestClass]
public sealed class ConstraintHandlingTests
{
    private sealed class Row
    {
        public float Whole { get; set; }
        public float Spiky { get; set; }
        public float Smooth { get; set; }
        public float Higher { get; set; }
    }

    /// <summary>Whole numbers 1–50; a column that is 0 in a fifth of the rows and continuous otherwise; a continuous column; a continuous column above the whole numbers.</summary>
    private static TabularData Table()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(i =>
        {
            float whole = random.Next(1, 51);
            return new Row { Whole = whole, Spiky = i % 5 == 0 ? 0 : (float)random.NextDouble(), Smooth = 1 + (float)random.NextDouble(), Higher = whole + 1 + (float)random.NextDouble() };
        });
        return TabularData.FromDataView(new MLContext(seed: 1).Data.LoadFromEnumerable(rows));
    }

    private static string[] Transformed(params TableConstraint[] rules) =>
        [.. ConstraintSteps.Fit(rules, Table()).Steps!.ChangedColumns.Order(StringComparer.Ordinal)];

    [TestMethod]
    public void Auto_BoundOnWholeNumbers_IsKeptByRejection()
    {
        var c = new MLContext().Synthetic().Constraints;
        CollectionAssert.AreEqual(Array.Empty<string>(), Transformed(c.ScalarRange(nameof(Row.Whole), 0, 100)));
    }

    [TestMethod]
    public void Auto_BoundOnAColumnWithAPointMass_IsKeptByRejection()
    {
        var c = new MLContext().Synthetic().Constraints;
        CollectionAssert.AreEqual(Array.Empty<string>(), Transformed(c.Positive(nameof(Row.Spiky))));
    }

    [TestMethod]
    public void Auto_BoundOnAContinuousColumn_AndInequality_AreTransformed()
    {
        var c = new MLContext().Synthetic().Constraints;
        CollectionAssert.AreEqual(new[] { nameof(Row.Higher), nameof(Row.Smooth) }, Transformed(c.Positive(nameof(Row.Smooth)), c.Inequality(nameof(Row.Whole), nameof(Row.Higher), strict: true)));
    }

    [TestMethod]
    public void Transform_ForcesTheTransformOnWholeNumbers_AndRejectKeepsColumnsAsTheyAre()
    {
        var c = new MLContext().Synthetic().Constraints;
        CollectionAssert.AreEqual(new[] { nameof(Row.Whole) }, Transformed(c.ScalarRange(nameof(Row.Whole), 0, 100, handling: ConstraintHandling.Transform)));
        var (steps, modelTable) = ConstraintSteps.Fit([c.Inequality(nameof(Row.Whole), nameof(Row.Higher), handling: ConstraintHandling.Reject)], Table());
        Assert.AreEqual(0, steps!.Steps.Count);
        Assert.AreEqual(1, steps.Rules.Count, "the rule is still checked on every sampled row");
        CollectionAssert.AreEqual(((ContinuousColumn)Table()[nameof(Row.Higher)]).Values, ((ContinuousColumn)modelTable[nameof(Row.Higher)]).Values);
    }

    [TestMethod]
    public void Handling_NotAValue_ThrowsNamingTheRule()
    {
        var c = new MLContext().Synthetic().Constraints;
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => c.Positive("amount", handling: (ConstraintHandling)7));
        StringAssert.Contains(e.Message, "Positive(amount ≥ 0)");
    }

    [TestMethod]
    public void SaveLoad_KeepsEachRulesHandling_AndRowsStillFollowTheRules()
    {
        var ml = new MLContext(seed: 1);
        var c = ml.Synthetic().Constraints;
        var options = new TabularDataOptions
        {
            Constraints =
            [
                c.Inequality(nameof(Booking.CheckIn), nameof(Booking.CheckOut), strict: true, ConstraintHandling.Reject),
                c.FixedCombinations([nameof(Booking.City), nameof(Booking.Country)], ConstraintHandling.Transform),
                c.ScalarRange(nameof(Booking.Age), 18, 90),
            ],
        };
        var model = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = options }).Fit(View(ml));
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = (SynthesizerModelBase)ml.Synthetic().Synthesizers.Load(stream);
        CollectionAssert.AreEqual(new[] { ConstraintHandling.Reject, ConstraintHandling.Transform, ConstraintHandling.Auto }, loaded.TableSteps!.Rules.Select(r => r.Handling).ToArray());
        var rows = loaded.SampleTable(500, seed: 2);
        var (checkIn, checkOut) = (((ContinuousColumn)rows[nameof(Booking.CheckIn)]).Values, ((ContinuousColumn)rows[nameof(Booking.CheckOut)]).Values);
        Assert.IsTrue(Enumerable.Range(0, rows.RowCount).All(r => checkIn[r] < checkOut[r]), "a rule kept by rejection holds after loading");
    }
}
