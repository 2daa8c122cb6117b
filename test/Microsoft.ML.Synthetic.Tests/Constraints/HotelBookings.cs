using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Tests.Constraints;

/// <summary>
/// A small hotel-bookings table whose rules are facts: cities with the country they are in (published geography:
/// Paris, Lyon and Marseille are in France, Berlin, Munich and Hamburg in Germany, Madrid and Barcelona in Spain,
/// Rome and Milan in Italy), check-out after check-in, a nightly rate within its season's band, adult guests'
/// ages, deposits in steps of 5, positive amounts, discounts of zero or less, and no more rooms than guests.
/// </summary>
internal static class HotelBookings
{
    /// <summary>The (city, country) pairs of the table.</summary>
    public static readonly (string City, string Country)[] Cities =
    [
        ("Paris", "France"), ("Lyon", "France"), ("Marseille", "France"),
        ("Berlin", "Germany"), ("Munich", "Germany"), ("Hamburg", "Germany"),
        ("Madrid", "Spain"), ("Barcelona", "Spain"),
        ("Rome", "Italy"), ("Milan", "Italy"),
    ];

    public sealed class Booking
    {
        public string City { get; set; } = "";
        public string Country { get; set; } = "";
        public int CheckIn { get; set; }
        public int CheckOut { get; set; }
        public double RateLow { get; set; }
        public double Rate { get; set; }
        public double RateHigh { get; set; }
        public int Age { get; set; }
        public int Deposit { get; set; }
        public double Amount { get; set; }
        public int Discount { get; set; }
        public int Guests { get; set; }
        public int Rooms { get; set; }
    }

    /// <summary>The bookings (seeded).</summary>
    public static List<Booking> Rows(int count = 300, int seed = 7)
    {
        var random = new Random(seed);
        var rows = new List<Booking>(count);
        for (int i = 0; i < count; i++)
        {
            var (city, country) = Cities[random.Next(Cities.Length)];
            int checkIn = random.Next(1, 331);
            int nights = 1 + random.Next(14);
            double low = 60 + (10 * random.Next(5));
            double rate = low + (40 * random.NextDouble());
            int guests = 1 + random.Next(4);
            rows.Add(new Booking
            {
                City = city,
                Country = country,
                CheckIn = checkIn,
                CheckOut = checkIn + nights,
                RateLow = low,
                Rate = rate,
                RateHigh = rate + (40 * random.NextDouble()),
                Age = random.Next(18, 91),
                Deposit = 5 * random.Next(21),
                Amount = Math.Round(rate * nights, 2),
                Discount = random.NextDouble() < 0.5 ? 0 : -random.Next(1, 21),
                Guests = guests,
                Rooms = 1 + random.Next(guests),
            });
        }

        return rows;
    }

    public static IDataView View(MLContext ml, int count = 300) => ml.Data.LoadFromEnumerable(Rows(count));

    /// <summary>One constraint of each kind over the table's columns (none shares a column with another), each kept as <paramref name="handling"/> says (the custom rule: by rejection).</summary>
    public static TableConstraint[] Constraints(MLContext ml, ConstraintHandling handling = ConstraintHandling.Auto)
    {
        var c = ml.Synthetic().Constraints;
        return
        [
            c.Inequality(nameof(Booking.CheckIn), nameof(Booking.CheckOut), strict: true, handling),
            c.Range(nameof(Booking.RateLow), nameof(Booking.Rate), nameof(Booking.RateHigh), handling: handling),
            c.ScalarRange(nameof(Booking.Age), 18, 90, handling: handling),
            c.FixedIncrements(nameof(Booking.Deposit), 5, handling),
            c.Positive(nameof(Booking.Amount), strict: true, handling),
            c.Negative(nameof(Booking.Discount), handling: handling),
            c.FixedCombinations([nameof(Booking.City), nameof(Booking.Country)], handling),
            c.Custom("rooms ≤ guests", row => row.Number(nameof(Booking.Rooms)) <= row.Number(nameof(Booking.Guests))),
        ];
    }

    public static TabularDataOptions Options(MLContext ml, ConstraintHandling handling = ConstraintHandling.Auto) => new() { Constraints = Constraints(ml, handling) };
}
