using Microsoft.ML;
using Microsoft.ML.Synthetic.Tests.Synthesizers;
using static Microsoft.ML.Synthetic.Tests.Constraints.HotelBookings;

namespace Microsoft.ML.Synthetic.Tests.Constraints;

/// <summary>How constraints reach sampling: training checks, seeds, streaming, conditions, saving and the rejection limit (Gaussian copula: fast).</summary>
[TestClass]
public sealed class ConstraintSamplingTests
{
    private static readonly Lazy<(MLContext Ml, ISynthesizerModel Model)> Fitted = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var c = ml.Synthetic().Constraints;
        var options = new TabularDataOptions
        {
            Constraints =
            [
                c.Inequality(nameof(Booking.CheckIn), nameof(Booking.CheckOut), strict: true),
                c.FixedCombinations(nameof(Booking.City), nameof(Booking.Country)),
                c.FixedIncrements(nameof(Booking.Deposit), 5),
                c.ScalarRange(nameof(Booking.Age), 18, 90),
            ],
        };
        return (ml, ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = options }).Fit(View(ml)));
    });

    private static ISynthesizerModel Model => Fitted.Value.Model;

    private static void AssertAllHold(TabularData rows)
    {
        var checkIn = ((ContinuousColumn)rows[nameof(Booking.CheckIn)]).Values;
        var checkOut = ((ContinuousColumn)rows[nameof(Booking.CheckOut)]).Values;
        var deposit = ((ContinuousColumn)rows[nameof(Booking.Deposit)]).Values;
        var city = (CategoricalColumn)rows[nameof(Booking.City)];
        var country = (CategoricalColumn)rows[nameof(Booking.Country)];
        var real = Cities.ToHashSet();
        for (int r = 0; r < rows.RowCount; r++)
        {
            Assert.IsTrue(checkIn[r] < checkOut[r], $"row {r}: check-out {checkOut[r]} not after check-in {checkIn[r]}");
            Assert.AreEqual(0, deposit[r] % 5, $"row {r}: deposit {deposit[r]}");
            Assert.IsTrue(real.Contains((city.Categories[city.Codes[r]], country.Categories[country.Codes[r]])), $"row {r}: {city.Categories[city.Codes[r]]} is not in {country.Categories[country.Codes[r]]}");
        }
    }

    [TestMethod]
    public void Sample_HasTheUsersSchemaNotTheModelledOne()
    {
        var names = Model.TrainingSchema.Select(c => c.Name).ToArray();
        CollectionAssert.AreEqual(typeof(Booking).GetProperties().Select(p => p.Name).ToArray(), names);
        Assert.AreEqual(typeof(int), Model.TrainingSchema[nameof(Booking.CheckOut)].Type.RawType);
    }

    [TestMethod]
    public void Sample_SameSeed_GivesIdenticalRows_AndStreamingEqualsSampleTable()
    {
        var a = Model.SampleTable(9000, seed: 5);
        var b = Model.SampleTable(9000, seed: 5);
        SynthesizerContractTests.AssertSameRows(a, b);
        var streamed = TabularData.FromDataView(Model.Sample(9000, seed: 5));
        Assert.AreEqual(9000, streamed.RowCount);
        CollectionAssert.AreEqual(((ContinuousColumn)a[nameof(Booking.CheckOut)]).Values, ((ContinuousColumn)streamed[nameof(Booking.CheckOut)]).Values);
        AssertAllHold(a);
    }

    [TestMethod]
    public void SampleConditions_OnTransformedAndUntouchedColumns_HoldWithEveryConstraint()
    {
        var conditions = new SampleConditions
        {
            [nameof(Booking.City)] = "Lyon",                                 // modelled as the combined column: kept by rejection
            [nameof(Booking.CheckOut)] = SampleCondition.Between(100, 200),  // modelled as a log difference: kept by rejection
            [nameof(Booking.Guests)] = SampleCondition.Between(2, 3),         // untouched: the copula conditions on it
        };
        var rows = Model.SampleTable(300, conditions, seed: 2);
        Assert.AreEqual(300, rows.RowCount);
        AssertAllHold(rows);
        var city = (CategoricalColumn)rows[nameof(Booking.City)];
        var country = (CategoricalColumn)rows[nameof(Booking.Country)];
        Assert.IsTrue(city.Codes.All(c => city.Categories[c] == "Lyon"));
        Assert.IsTrue(country.Codes.All(c => country.Categories[c] == "France"), "Lyon is in France");
        Assert.IsTrue(((ContinuousColumn)rows[nameof(Booking.CheckOut)]).Values.All(v => v is >= 100 and <= 200));
        Assert.IsTrue(((ContinuousColumn)rows[nameof(Booking.Guests)]).Values.All(v => v is >= 2 and <= 3));
    }

    [TestMethod]
    public void SaveLoad_KeepsTheStepsAndGivesIdenticalRows()
    {
        using var stream = new MemoryStream();
        Model.Save(stream);
        stream.Position = 0;
        var loaded = Fitted.Value.Ml.Synthetic().Synthesizers.Load(stream);
        CollectionAssert.AreEqual(Model.TrainingSchema.Select(c => c.Name).ToArray(), loaded.TrainingSchema.Select(c => c.Name).ToArray());
        SynthesizerContractTests.AssertSameRows(Model.SampleTable(500, seed: 4), loaded.SampleTable(500, seed: 4));
    }

    [TestMethod]
    public void Load_TruncatedSteps_ThrowsInvalidDataExceptionNamingThePart()
    {
        using var stream = new MemoryStream();
        Model.Save(stream);
        var bytes = stream.ToArray();
        // Cut the body's last 10 bytes (the rules' end) and fix the header so that the checksum matches.
        var body = bytes.AsSpan(bytes.Length - BodyLength(bytes)).ToArray()[..^10];
        using var cut = new MemoryStream();
        Microsoft.ML.Synthetic.Synthesizers.ModelFiles.ModelContainer.Write(cut, "GaussianCopula", GaussianCopulaModel.FormatVersion, body);
        cut.Position = 0;
        var e = Assert.ThrowsExactly<InvalidDataException>(() => Fitted.Value.Ml.Synthetic().Synthesizers.Load(cut));
        StringAssert.Contains(e.Message, "table steps");
    }

    private static int BodyLength(byte[] file) => (int)BitConverter.ToInt64(file, 10 + 4 + 1 + "GaussianCopula".Length + 4);

    [TestMethod]
    public void Save_WithCustomConstraint_ThrowsNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var c = ml.Synthetic().Constraints;
        var options = new TabularDataOptions { Constraints = [c.Custom("rooms ≤ guests", row => row.Number(nameof(Booking.Rooms)) <= row.Number(nameof(Booking.Guests)))] };
        var model = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = options }).Fit(View(ml, 100));
        var e = Assert.ThrowsExactly<NotSupportedException>(() => model.Save(new MemoryStream()));
        StringAssert.Contains(e.Message, "Custom(rooms ≤ guests)");
    }

    [TestMethod]
    public void Fit_TrainingRowsBreakAConstraint_ThrowsNamingTheConstraintAndRows()
    {
        var ml = new MLContext(seed: 1);
        var options = new TabularDataOptions { Constraints = [ml.Synthetic().Constraints.Inequality(nameof(Booking.CheckOut), nameof(Booking.CheckIn))] };
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = options }).Fit(View(ml, 50)));
        StringAssert.Contains(e.Message, "Inequality(CheckOut ≤ CheckIn)");
        StringAssert.Contains(e.Message, "50 of 50 rows break it");
        StringAssert.Contains(e.Message, "row 0 (CheckOut = ");
    }

    [TestMethod]
    public void Fit_ConstraintOnUnknownOrWrongKindColumn_ThrowsNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var c = ml.Synthetic().Constraints;
        var unknown = new TabularDataOptions { Constraints = [c.Positive("Price")] };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = unknown }).Fit(View(ml, 50))).Message, "'Price'");
        var wrongKind = new TabularDataOptions { Constraints = [c.Positive(nameof(Booking.City))] };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = wrongKind }).Fit(View(ml, 50))).Message, "needs column 'City' to be a number column");
    }

    [TestMethod]
    public void Sample_RuleAlmostNoRowCanFollow_ThrowsStatingTheAcceptanceRate()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(100);
        var seen = rows.Select(r => r.Rate).ToHashSet();
        var options = new TabularDataOptions { Constraints = [ml.Synthetic().Constraints.Custom("rate seen in training", row => seen.Contains(row.Number(nameof(Booking.Rate))))] };
        var model = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = options }).Fit(ml.Data.LoadFromEnumerable(rows));
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => model.SampleTable(10, seed: 1));
        StringAssert.Contains(e.Message, "Could not sample 10 rows");
        StringAssert.Contains(e.Message, "(0.00 %) were accepted");
        StringAssert.Contains(e.Message, "Custom(rate seen in training)");
    }
}
