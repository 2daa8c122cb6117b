using System.Collections.Concurrent;
using Microsoft.ML;
using static Microsoft.ML.Synthetic.Tests.Constraints.HotelBookings;

namespace Microsoft.ML.Synthetic.Tests.Constraints;

/// <summary>
/// Every synthesizer, fitted once (small and fast) on the hotel bookings with one constraint of each kind, samples
/// rows that all follow every constraint. Each check is written here from the rule itself, not with the library's own;
/// a missing value follows a rule.
/// </summary>
public abstract class ConstraintsHoldTests
{
    private const int SampledRows = 1000;
    private static readonly ConcurrentDictionary<Type, Lazy<TabularData>> Samples = new();

    /// <summary>How every rule is kept (default: each rule's default).</summary>
    private protected virtual ConstraintHandling Handling => ConstraintHandling.Auto;

    /// <summary>The synthesizer under test, reading its data with <paramref name="dataOptions"/>.</summary>
    private protected abstract IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml, TabularDataOptions dataOptions);

    private TabularData Sample() => Samples.GetOrAdd(GetType(), _ => new Lazy<TabularData>(() =>
    {
        var ml = new MLContext(seed: 1);
        var model = CreateEstimator(ml, Options(ml, Handling)).Fit(View(ml));
        return model.SampleTable(SampledRows, seed: 3);
    })).Value;

    private double[] Numbers(string column) => ((ContinuousColumn)Sample()[column]).Values;

    private string?[] Texts(string column)
    {
        var c = (CategoricalColumn)Sample()[column];
        return [.. c.Codes.Select(code => code < 0 ? null : c.Categories[code])];
    }

    /// <summary>A rule holds in a row where one of its values is missing (as in SDV; MST's public domain has a missing cell for every column).</summary>
    private static bool Missing(params double[] values) => values.Any(double.IsNaN);

    private void AssertEveryRow(Func<int, bool> holds, string rule)
    {
        var sample = Sample();
        Assert.AreEqual(SampledRows, sample.RowCount);
        var broken = Enumerable.Range(0, sample.RowCount).Where(r => !holds(r)).Take(5).ToList();
        Assert.AreEqual(0, broken.Count, $"{rule} is broken in sampled rows {string.Join(", ", broken)}");
    }

    [TestMethod]
    public void Inequality_EverySampledCheckOutIsAfterCheckIn()
    {
        var (a, b) = (Numbers(nameof(Booking.CheckIn)), Numbers(nameof(Booking.CheckOut)));
        AssertEveryRow(r => Missing(a[r], b[r]) || a[r] < b[r], "CheckIn < CheckOut");
    }

    [TestMethod]
    public void Range_EverySampledRateLiesInItsBand()
    {
        var (low, rate, high) = (Numbers(nameof(Booking.RateLow)), Numbers(nameof(Booking.Rate)), Numbers(nameof(Booking.RateHigh)));
        AssertEveryRow(r => (Missing(low[r], rate[r]) || low[r] <= rate[r]) && (Missing(rate[r], high[r]) || rate[r] <= high[r]), "RateLow ≤ Rate ≤ RateHigh");
    }

    [TestMethod]
    public void ScalarRange_EverySampledAgeIsBetween18And90()
    {
        var age = Numbers(nameof(Booking.Age));
        AssertEveryRow(r => Missing(age[r]) || (age[r] >= 18 && age[r] <= 90), "18 ≤ Age ≤ 90");
    }

    [TestMethod]
    public void FixedIncrements_EverySampledDepositIsAMultipleOf5()
    {
        var deposit = Numbers(nameof(Booking.Deposit));
        AssertEveryRow(r => Missing(deposit[r]) || deposit[r] % 5 == 0, "Deposit a multiple of 5");
    }

    [TestMethod]
    public void Positive_EverySampledAmountIsAboveZero()
    {
        var amount = Numbers(nameof(Booking.Amount));
        AssertEveryRow(r => Missing(amount[r]) || amount[r] > 0, "Amount > 0");
    }

    [TestMethod]
    public void Negative_EverySampledDiscountIsZeroOrLess()
    {
        var discount = Numbers(nameof(Booking.Discount));
        AssertEveryRow(r => Missing(discount[r]) || discount[r] <= 0, "Discount ≤ 0");
    }

    [TestMethod]
    public void FixedCombinations_EverySampledCityIsInItsRealCountry()
    {
        var (city, country) = (Texts(nameof(Booking.City)), Texts(nameof(Booking.Country)));
        var real = Cities.ToHashSet();
        AssertEveryRow(r => real.Contains((city[r]!, country[r]!)), "(City, Country) a real pair");
    }

    [TestMethod]
    public void Custom_EverySampledBookingHasNoMoreRoomsThanGuests()
    {
        var (rooms, guests) = (Numbers(nameof(Booking.Rooms)), Numbers(nameof(Booking.Guests)));
        AssertEveryRow(r => Missing(rooms[r], guests[r]) || rooms[r] <= guests[r], "Rooms ≤ Guests");
    }
}

[TestClass]
public sealed class GaussianCopulaConstraintsHoldTests : ConstraintsHoldTests
{
    private protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml, TabularDataOptions dataOptions) =>
        ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = dataOptions });
}

/// <summary>Every rule kept by rejection alone (the copula's acceptance on this table is about a quarter).</summary>
[TestClass]
public sealed class GaussianCopulaRejectConstraintsHoldTests : ConstraintsHoldTests
{
    private protected override ConstraintHandling Handling => ConstraintHandling.Reject;

    private protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml, TabularDataOptions dataOptions) =>
        ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { DataOptions = dataOptions });
}

[TestClass]
public sealed class TvaeConstraintsHoldTests : ConstraintsHoldTests
{
    private protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml, TabularDataOptions dataOptions) =>
        ml.Synthetic().Synthesizers.Tvae(new TvaeOptions { Epochs = 3, BatchSize = 100, CompressDims = [32], DecompressDims = [32], EmbeddingDim = 16, DataOptions = dataOptions });
}

[TestClass]
public sealed class CtganConstraintsHoldTests : ConstraintsHoldTests
{
    private protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml, TabularDataOptions dataOptions) =>
        ml.Synthetic().Synthesizers.Ctgan(new CtganOptions { Epochs = 2, BatchSize = 100, GeneratorDims = [32], DiscriminatorDims = [32], EmbeddingDim = 16, DataOptions = dataOptions });
}

[TestClass]
public sealed class ArfConstraintsHoldTests : ConstraintsHoldTests
{
    private protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml, TabularDataOptions dataOptions) =>
        ml.Synthetic().Synthesizers.Arf(new ArfOptions { Trees = 5, MaxIterations = 2, DataOptions = dataOptions });
}

/// <summary>Every rule kept by rejection alone.</summary>
[TestClass]
public sealed class ArfRejectConstraintsHoldTests : ConstraintsHoldTests
{
    private protected override ConstraintHandling Handling => ConstraintHandling.Reject;

    private protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml, TabularDataOptions dataOptions) =>
        ml.Synthetic().Synthesizers.Arf(new ArfOptions { Trees = 5, MaxIterations = 2, DataOptions = dataOptions });
}

/// <summary>Every rule transformed, the bounds on whole-number columns (Age, Discount) too.</summary>
[TestClass]
public sealed class ArfTransformConstraintsHoldTests : ConstraintsHoldTests
{
    private protected override ConstraintHandling Handling => ConstraintHandling.Transform;

    private protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml, TabularDataOptions dataOptions) =>
        ml.Synthetic().Synthesizers.Arf(new ArfOptions { Trees = 5, MaxIterations = 2, DataOptions = dataOptions });
}

[TestClass]
public sealed class DiffusionConstraintsHoldTests : ConstraintsHoldTests
{
    private protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml, TabularDataOptions dataOptions)
    {
        var options = Synthesizers.Diffusion.DiffusionTestData.Tiny();
        options.DataOptions = dataOptions;
        return ml.Synthetic().Synthesizers.Diffusion(options);
    }
}

/// <summary>MST keeps constraints by rejection alone (its public bounds describe the declared columns); its noise is seeded here.</summary>
[TestClass]
public sealed class MstConstraintsHoldTests : ConstraintsHoldTests
{
    private protected override IEstimator<ISynthesizerModel> CreateEstimator(MLContext ml, TabularDataOptions dataOptions) =>
        ml.Synthetic().Synthesizers.Mst(new MstOptions
        {
            Epsilon = 10,
            Delta = 1e-6,
            Bins = 10,
            Iterations = 200,
            SelectionIterations = 50,
            NonPrivateReproducibleSeed = 17,
            DataOptions = dataOptions,
            PublicBounds =
            {
                [nameof(Booking.CheckIn)] = (1, 330), [nameof(Booking.CheckOut)] = (2, 344),
                [nameof(Booking.RateLow)] = (60, 100), [nameof(Booking.Rate)] = (60, 140), [nameof(Booking.RateHigh)] = (60, 180),
                [nameof(Booking.Age)] = (18, 90), [nameof(Booking.Deposit)] = (0, 100), [nameof(Booking.Amount)] = (0, 1960),
                [nameof(Booking.Discount)] = (-20, 0), [nameof(Booking.Guests)] = (1, 4), [nameof(Booking.Rooms)] = (1, 4),
            },
            PublicCategories =
            {
                [nameof(Booking.City)] = [.. Cities.Select(c => c.City)],
                [nameof(Booking.Country)] = [.. Cities.Select(c => c.Country).Distinct()],
            },
        });
}
