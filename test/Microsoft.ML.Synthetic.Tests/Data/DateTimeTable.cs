using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Tests.Data;

/// <summary>
/// A table with a date column from 1850-03-01 to 2150-12-31 (whole days, a few missing), a DateTimeOffset column of
/// whole seconds (mostly +02:00), a TimeSpan column of whole minutes, a number that follows the date, and a category.
/// </summary>
internal static class DateTimeTable
{
    public static readonly DateTime First = new(1850, 3, 1);
    public static readonly DateTime Last = new(2150, 12, 31);

    public sealed class Row
    {
        public DateTime Day { get; set; }
        public DateTimeOffset Stamp { get; set; }
        public TimeSpan Wait { get; set; }
        public double Amount { get; set; }
        public string Segment { get; set; } = "";
    }

    public static List<Row> Rows(int count, int seed = 7)
    {
        var random = new Random(seed);
        int days = (int)(Last - First).TotalDays;
        var rows = new List<Row>();
        for (int i = 0; i < count; i++)
        {
            // Both ends are in the data, so the training range is exactly [First, Last].
            var day = i == 0 ? First : i == 1 ? Last : First.AddDays(random.Next(days + 1));
            var offset = TimeSpan.FromHours(i % 10 == 0 ? -5 : 2);
            rows.Add(new Row
            {
                Day = i % 25 == 24 ? default : day,
                Stamp = new DateTimeOffset(2024, 1, 1, 0, 0, 0, offset).AddSeconds(random.Next(0, 90 * 86400)),
                Wait = TimeSpan.FromMinutes(random.Next(1, 600)),
                Amount = ((day - First).TotalDays / 1000) + random.NextDouble(),
                Segment = day.Year < 2000 ? "old" : "new",
            });
        }

        return rows;
    }

    public static IDataView Load(MLContext ml, int count = 300, int seed = 7) => ml.Data.LoadFromEnumerable(Rows(count, seed));

    /// <summary>The values of a DateTime, DateTimeOffset or TimeSpan column of a view.</summary>
    public static List<T> Values<T>(IDataView view, string column) => view.GetColumn<T>(column).ToList();

    /// <summary>The text of a text column of a view.</summary>
    public static List<string> Texts(IDataView view, string column) =>
        Values<ReadOnlyMemory<char>>(view, column).Select(v => v.ToString()).ToList();
}
