using Microsoft.ML;
using Microsoft.ML.Synthetic.Constraints;
using Microsoft.ML.Synthetic.Synthesizers.Steps;
using Microsoft.ML.Synthetic.Tests.Constraints;
using static Microsoft.ML.Synthetic.Tests.Constraints.HotelBookings;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Steps;

/// <summary>The table steps are bijections on the training rows, and their model side is what the published transforms say.</summary>
[TestClass]
public sealed class TableStepsTests
{
    private static (TableSteps Steps, TabularData User, TabularData Model) Fit(params TableConstraint[] constraints)
    {
        var ml = new MLContext(seed: 1);
        var table = TabularData.FromDataView(View(ml, 200));
        var (steps, model) = ConstraintSteps.Fit(constraints, table);
        return (steps!, table, model);
    }

    private static ConstraintCatalog C => new MLContext().Synthetic().Constraints;

    [TestMethod]
    public void ForwardThenReverse_EveryBuiltInStep_GivesTheTrainingRowsBack()
    {
        var (steps, user, model) = Fit([.. HotelBookings.Constraints(new MLContext(), ConstraintHandling.Transform).Where(c => !c.Name.StartsWith("Custom", StringComparison.Ordinal))]);
        Assert.AreEqual(7, steps.Steps.Count);
        var back = steps.Reverse(model, new Random(1));
        Assert.AreEqual(user.Columns.Count, back.Columns.Count);
        for (int i = 0; i < user.Columns.Count; i++)
        {
            switch (user.Columns[i])
            {
                case ContinuousColumn c:
                    var b = ((ContinuousColumn)back.Columns[i]).Values;
                    for (int r = 0; r < c.Length; r++)
                    {
                        Assert.AreEqual(c.Values[r], b[r], 1e-9 * Math.Max(1, Math.Abs(c.Values[r])), $"{c.Name} row {r}");
                    }

                    break;
                case CategoricalColumn c:
                    CollectionAssert.AreEqual(c.Codes, ((CategoricalColumn)back.Columns[i]).Codes, c.Name);
                    break;
            }
        }
    }

    [TestMethod]
    public void Inequality_ModelSeesLogOfTheDifference()
    {
        var (_, user, model) = Fit(C.Inequality(nameof(Booking.CheckIn), nameof(Booking.CheckOut)));
        var checkIn = ((ContinuousColumn)user[nameof(Booking.CheckIn)]).Values;
        var checkOut = ((ContinuousColumn)user[nameof(Booking.CheckOut)]).Values;
        var modelled = ((ContinuousColumn)model[nameof(Booking.CheckOut)]).Values;
        CollectionAssert.AreEqual(checkIn, ((ContinuousColumn)model[nameof(Booking.CheckIn)]).Values);
        for (int r = 0; r < modelled.Length; r++)
        {
            Assert.AreEqual(Math.Log(checkOut[r] - checkIn[r] + 1), modelled[r], 1e-12);
        }
    }

    [TestMethod]
    public void ScalarRange_ModelSeesTheLogitOfTheScaledValue()
    {
        var (_, user, model) = Fit(C.ScalarRange(nameof(Booking.Age), 10, 100, handling: ConstraintHandling.Transform));
        var age = ((ContinuousColumn)user[nameof(Booking.Age)]).Values;
        var modelled = ((ContinuousColumn)model[nameof(Booking.Age)]).Values;
        for (int r = 0; r < age.Length; r++)
        {
            double s = 0.025 + (0.95 * (age[r] - 10) / 90);   // SDV's ScalarRange scaling
            Assert.AreEqual(Math.Log(s / (1 - s)), modelled[r], 1e-9);
        }

        Assert.IsFalse(model.Schema.Columns[model.IndexOf(nameof(Booking.Age))].IsInteger, "the logit is not a whole number");
    }

    [TestMethod]
    public void FixedCombinations_ModelSeesOneColumnOfTheSeenPairs()
    {
        var (_, _, model) = Fit(C.FixedCombinations(nameof(Booking.City), nameof(Booking.Country)));
        Assert.AreEqual(-1, model.IndexOf(nameof(Booking.Country)));
        var combined = (CategoricalColumn)model["City+Country"];
        Assert.AreEqual(Cities.Length, combined.CategoryCount, "each city is in one country, so there are as many pairs as cities");
        CollectionAssert.Contains(combined.Categories.ToArray(), "Lyon | France");
    }

    [TestMethod]
    public void FixedIncrements_ModelSeesWholeNumbers()
    {
        var (_, user, model) = Fit(C.FixedIncrements(nameof(Booking.Deposit), 5));
        var deposit = ((ContinuousColumn)user[nameof(Booking.Deposit)]).Values;
        CollectionAssert.AreEqual(deposit.Select(d => d / 5).ToArray(), ((ContinuousColumn)model[nameof(Booking.Deposit)]).Values);
        Assert.IsTrue(model.Schema.Columns[model.IndexOf(nameof(Booking.Deposit))].IsInteger);
    }

    [TestMethod]
    public void Reverse_AnyModelValue_KeepsTheRule()
    {
        // Reversing arbitrary model-side values (not only forward images) must land inside the rule.
        var (steps, _, model) = Fit(
            C.Inequality(nameof(Booking.CheckIn), nameof(Booking.CheckOut)),
            C.ScalarRange(nameof(Booking.Age), 18, 90, handling: ConstraintHandling.Transform),
            C.Negative(nameof(Booking.Discount), handling: ConstraintHandling.Transform));
        var random = new Random(3);
        var noisy = new TabularData(model.Schema, [.. model.Columns.Select(c => c is ContinuousColumn cc
            ? new ContinuousColumn(cc.Name, [.. cc.Values.Select(_ => Whole((random.NextDouble() - 0.5) * 60, cc.IsInteger))], cc.IsInteger)
            : c)]);
        var back = steps.Reverse(noisy, random);
        static double Whole(double x, bool isInteger) => isInteger ? Math.Round(x) : x; // synthesizers round whole-number columns
        var rejected = new long[steps.Rules.Count + 1];
        Assert.IsTrue(steps.Accept(back, null, rejected).All(v => v), $"rejected: {string.Join(", ", rejected)}");
    }

    [TestMethod]
    public void Fit_RulesSharingAChangedColumn_KeepsTheLaterOneByRejection()
    {
        var (steps, _, _) = Fit(
            C.Inequality(nameof(Booking.CheckIn), nameof(Booking.CheckOut)),
            C.Positive(nameof(Booking.CheckOut)));
        Assert.AreEqual(1, steps.Steps.Count);
        Assert.AreEqual(2, steps.Rules.Count);
    }
}
