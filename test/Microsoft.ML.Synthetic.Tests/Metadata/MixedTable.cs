using System.Globalization;

namespace Microsoft.ML.Synthetic.Tests.Metadata;

/// <summary>A table with every column kind metadata knows: typed dates, durations, ids, PII text, categories, Booleans and floats with NaN.</summary>
internal static class MixedTable
{
    public const int Rows = 60;

    public sealed class Row
    {
        public int CustomerId { get; set; }
        public DateTime Created { get; set; }
        public DateTimeOffset Updated { get; set; }
        public TimeSpan Session { get; set; }
        public string Email { get; set; } = "";
        public string Phone { get; set; } = "";
        public string Plan { get; set; } = "";
        public bool Active { get; set; }
        public float Height { get; set; }
        public float Visits { get; set; }
        public string Code { get; set; } = "";
        public string Joined { get; set; } = "";
        public string Stamp { get; set; } = "";
    }

    public static IDataView Load(MLContext ml) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, Rows).Select(i => new Row
    {
        CustomerId = 1000 + i,
        Created = new DateTime(1950, 1, 1).AddDays(i * 400.5),
        Updated = new DateTimeOffset(2020, 3, 1, 12, 0, 0, TimeSpan.FromHours(i % 3)).AddMinutes(i * 97),
        Session = TimeSpan.FromSeconds(30 + i * 7),
        Email = $"user{i}.name@example{i % 4}.com",
        Phone = $"+1 (555) 01{i % 100:00}-{i * 37 % 10000:0000}",
        Plan = (i % 3) switch { 0 => "free", 1 => "pro", _ => "team" },
        Active = i % 2 == 0,
        Height = i % 7 == 0 ? float.NaN : 150.25f + (i * 0.5f),
        Visits = i % 5 == 0 ? float.NaN : i * 3,
        Code = string.Create(CultureInfo.InvariantCulture, $"AB-{i * 13:0000}"),
        Joined = new DateTime(2001, 1, 1).AddDays(i * 11).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Stamp = new DateTimeOffset(2021, 5, 1, 8, 30, 15, TimeSpan.FromHours(-5)).AddHours(i * 5).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture),
    }).ToList());
}
