namespace Microsoft.ML.Synthetic.Benchmarks.Evaluation;

/// <summary>
/// A generated 8-column table with one wide categorical column (<c>city</c>, Zipf-like over thousands of levels),
/// for the evaluation's resource benchmark: four numbers (two of them depending on others), the wide column and
/// three narrow categories (one depending on another). Two draws with different seeds are two samples of the same
/// distribution, so the report's scores are what a perfect synthesizer would get.
/// </summary>
internal static class WideCategoryTable
{
    private static readonly string[] Segments = ["retail", "small business", "enterprise", "public", "student"];
    private static readonly string[] Channels = ["web", "phone", "branch"];
    private static readonly string[] Flags = ["yes", "no"];

    /// <summary>One row as ML.NET reads it from an enumerable.</summary>
    public sealed class Row
    {
        public float Age { get; set; }

        public float Income { get; set; }

        public float Hours { get; set; }

        public float Score { get; set; }

        public string City { get; set; } = "";

        public string Segment { get; set; } = "";

        public string Channel { get; set; } = "";

        public string Flag { get; set; } = "";
    }

    /// <summary>
    /// <paramref name="rows"/> rows drawn with <paramref name="seed"/>; <c>city</c> has <paramref name="levels"/> possible
    /// values, or with <paramref name="identifier"/> holds a distinct text per row (an identifier-like column).
    /// </summary>
    public static IDataView Draw(MLContext ml, int rows, int levels, int seed, bool identifier = false) =>
        ml.Data.LoadFromEnumerable(Rows(rows, levels, seed, identifier).ToArray());

    /// <summary>
    /// The same rows as <see cref="Draw"/>, generated while a cursor reads them (nothing is held: every cursor draws
    /// them again from the seed), for tables larger than memory.
    /// </summary>
    public static IDataView Stream(MLContext ml, long rows, int levels, int seed) =>
        ml.Data.LoadFromEnumerable(new Regenerated(() => Rows(rows, levels, seed, identifier: false)));

    private static IEnumerable<Row> Rows(long rows, int levels, int seed, bool identifier)
    {
        var random = new Random(seed);
        var cities = Enumerable.Range(0, levels).Select(i => $"city-{i:D5}").ToArray();
        var cumulative = new double[levels];
        double total = 0;
        for (int i = 0; i < levels; i++) cumulative[i] = total += 1.0 / Math.Pow(i + 1, 0.7);
        for (long r = 0; r < rows; r++)
        {
            double age = Math.Round(Math.Clamp(40 + 12 * Normal(random), 18, 90));
            int segment = Math.Min(Segments.Length - 1, (int)(random.NextDouble() * random.NextDouble() * Segments.Length * 1.6));
            int channel = (segment + (random.NextDouble() < 0.6 ? 0 : random.Next(Channels.Length))) % Channels.Length;
            int city = Array.BinarySearch(cumulative, random.NextDouble() * total);
            yield return new Row
            {
                Age = (float)age,
                Income = (float)Math.Round(Math.Exp(10 + 0.01 * age + 0.6 * Normal(random)), 2),
                Hours = random.Next(10, 61),
                Score = (float)(0.5 * (age - 40) / 12 + Normal(random)),
                City = identifier ? $"id-{seed}-{r:D7}" : cities[city < 0 ? ~city : city],
                Segment = Segments[segment],
                Channel = Channels[channel],
                Flag = Flags[random.NextDouble() < 0.3 ? 0 : 1],
            };
        }
    }

    /// <summary>An enumerable that starts its sequence afresh for every enumeration (one per ML.NET cursor).</summary>
    private sealed class Regenerated(Func<IEnumerable<Row>> start) : IEnumerable<Row>
    {
        public IEnumerator<Row> GetEnumerator() => start().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
