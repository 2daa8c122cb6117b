using System.Globalization;
using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.EndToEnd;

/// <summary>
/// Hotel bookings with every kind of column issue 15 covers, built from published facts: cities with the country they
/// are in (Paris, Lyon: France; Berlin, Munich, Hamburg: Germany; Madrid, Barcelona: Spain; Rome, Milan: Italy), all
/// four on Central European Time — UTC+1, and UTC+2 from the last Sunday of March to the last Sunday of October at
/// 01:00 UTC (EU Directive 2000/84/EC) — with arrival at 15:00 local time; guests' e-mails built from the most frequent
/// US given names (SSA) and surnames (2010 census) on RFC 2606's reserved domains, so that they have the very form the
/// e-mail generator writes and would collide with it if it did not check. Also shared by the <c>mixed</c> benchmark
/// group (linked into the benchmark runner).
/// </summary>
internal static class MixedBookings
{
    /// <summary>The (city, country) pairs of the table.</summary>
    public static readonly (string City, string Country)[] Cities =
    [
        ("Paris", "France"), ("Lyon", "France"),
        ("Berlin", "Germany"), ("Munich", "Germany"), ("Hamburg", "Germany"),
        ("Madrid", "Spain"), ("Barcelona", "Spain"),
        ("Rome", "Italy"), ("Milan", "Italy"),
    ];

    /// <summary>Room types and their list rate per night (euros).</summary>
    public static readonly (string Room, double ListRate)[] Rooms = [("Single", 90), ("Double", 140), ("Suite", 320)];

    private static readonly string[] GivenNames = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "elizabeth"];
    private static readonly string[] Surnames = ["smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez"];

    public sealed class Booking
    {
        public long BookingId { get; set; }
        public string Email { get; set; } = "";
        public DateTime BookedOn { get; set; }
        public DateTimeOffset ArrivalAt { get; set; }
        public TimeSpan Stay { get; set; }
        public string RoomType { get; set; } = "";
        public double Rate { get; set; }
        public double ListRate { get; set; }
        public string City { get; set; } = "";
        public string Country { get; set; } = "";
    }

    /// <summary>The bookings of 2025 (seeded): distinct ids 3 apart, booked 1–180 days before arrival, 1–14 nights, rate at most the list rate.</summary>
    public static List<Booking> Rows(int count, int seed = 11)
    {
        var random = new Random(seed);
        var rows = new List<Booking>(count);
        for (int i = 0; i < count; i++)
        {
            var (city, country) = Cities[random.Next(Cities.Length)];
            var (room, list) = Rooms[random.Next(Rooms.Length)];
            var booked = new DateTime(2025, 1, 1).AddDays(random.Next(365));
            var arrivalDay = booked.AddDays(1 + random.Next(180));
            var offset = CentralEuropeanOffset(arrivalDay.AddHours(15));
            string given = GivenNames[random.Next(GivenNames.Length)], family = Surnames[random.Next(Surnames.Length)];
            rows.Add(new Booking
            {
                BookingId = 500_000 + (3L * i),
                Email = random.Next(3) switch
                {
                    0 => $"{given}.{family}@example.com",
                    1 => string.Create(CultureInfo.InvariantCulture, $"{given}{family}{random.Next(100)}@example.org"),
                    _ => $"{given[0]}{family}@example.net",
                },
                BookedOn = booked,
                ArrivalAt = new DateTimeOffset(arrivalDay.AddHours(15), offset),
                Stay = TimeSpan.FromDays(1 + random.Next(14)),
                RoomType = room,
                ListRate = list,
                Rate = Math.Round(list * (1 - (0.3 * random.NextDouble())), 2),
                City = city,
                Country = country,
            });
        }

        return rows;
    }

    public static IDataView View(MLContext ml, int count) => ml.Data.LoadFromEnumerable(Rows(count));

    /// <summary>The table's facts as constraints: booked before arrival, a positive stay, rate ≤ list rate, real city/country pairs.</summary>
    public static TableConstraint[] Constraints(MLContext ml)
    {
        var c = ml.Synthetic().Constraints;
        return
        [
            c.Inequality(nameof(Booking.BookedOn), nameof(Booking.ArrivalAt), strict: true),
            c.Positive(nameof(Booking.Stay), strict: true),
            c.Inequality(nameof(Booking.Rate), nameof(Booking.ListRate)),
            c.FixedCombinations(nameof(Booking.City), nameof(Booking.Country)),
        ];
    }

    /// <summary>The id and the e-mail declared (regenerated, never modelled), and the constraints.</summary>
    public static TabularDataOptions Options(MLContext ml) => new()
    {
        Metadata = TableMetadata.Empty
            .With(nameof(Booking.BookingId), ColumnMetadata.Identifier())
            .With(nameof(Booking.Email), ColumnMetadata.Pii(PiiType.Email)),
        Constraints = Constraints(ml),
    };

    /// <summary>The number of rows of <paramref name="rows"/> breaking a fact, checked here from the facts themselves (not with the library's constraint code).</summary>
    public static int Violations(IReadOnlyList<Booking> rows)
    {
        var pairs = Cities.ToHashSet();
        return rows.Count(r =>
            !(DateTime.SpecifyKind(r.BookedOn, DateTimeKind.Utc) < r.ArrivalAt.UtcDateTime)
            || !(r.Stay > TimeSpan.Zero)
            || !(r.Rate <= r.ListRate)
            || !pairs.Contains((r.City, r.Country)));
    }

    /// <summary>UTC+2 from the last Sunday of March to the last Sunday of October (switching at 01:00 UTC), else UTC+1.</summary>
    private static TimeSpan CentralEuropeanOffset(DateTime local)
    {
        static DateTime LastSunday(int year, int month)
        {
            var last = new DateTime(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(int)last.DayOfWeek);
        }

        // Local switch times: 02:00 CET → 03:00 CEST in March, 03:00 CEST → 02:00 CET in October (both 01:00 UTC).
        var start = LastSunday(local.Year, 3).AddHours(2);
        var end = LastSunday(local.Year, 10).AddHours(3);
        return local >= start && local < end ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1);
    }
}
