using Microsoft.ML;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests;

/// <summary>Evaluate scores DateTime, DateTimeOffset and TimeSpan columns as numbers, as SDMetrics does.</summary>
[TestClass]
public sealed class EvaluateDateTimeTests
{
    private sealed class Row
    {
        public DateTime Day { get; set; }
        public DateTimeOffset Stamp { get; set; }
        public TimeSpan Wait { get; set; }
        public double Amount { get; set; }
        public string Segment { get; set; } = "";
    }

    /// <summary>Dates 1850–2150 with Amount following the date, instants in 2024, durations in minutes.</summary>
    private static List<Row> Rows(int count, int seed, double shiftYears = 0)
    {
        var random = new Random(seed);
        var first = new DateTime(1850, 3, 1);
        var rows = new List<Row>();
        for (int i = 0; i < count; i++)
        {
            int days = random.Next(0, 110_000);
            var day = first.AddDays(days);
            rows.Add(new Row
            {
                Day = day.AddDays(shiftYears * 365.25),
                Stamp = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)).AddSeconds(random.Next(0, 90 * 86400)),
                Wait = TimeSpan.FromMinutes(random.Next(1, 600)),
                Amount = (days / 1000.0) + random.NextDouble(),
                Segment = day.Year < 2000 ? "old" : "new",
            });
        }

        return rows;
    }

    [TestMethod]
    public void Evaluate_DateTimeColumns_ScoredAsNumbers()
    {
        var ml = new MLContext(seed: 1);
        var real = ml.Data.LoadFromEnumerable(Rows(400, 1));
        var options = new EvaluationOptions { Seed = 1, Privacy = new() { Enabled = false } };

        var same = ml.Synthetic().Evaluate(real, ml.Data.LoadFromEnumerable(Rows(400, 2)), options: options);
        var shifted = ml.Synthetic().Evaluate(real, ml.Data.LoadFromEnumerable(Rows(400, 2, shiftYears: 100)), options: options);

        Console.WriteLine($"same distribution: overall {same.OverallQuality:F3}, Day {Shape(same, "Day"):F3}; Day 100 years later: overall {shifted.OverallQuality:F3}, Day {Shape(shifted, "Day"):F3}");
        foreach (var column in new[] { "Day", "Stamp", "Wait" })
        {
            var shape = same.Fidelity.Shapes.Single(s => s.Column == column);
            Assert.AreEqual("KSComplement", shape.Metric, $"{column} is compared as a number");
            Assert.IsGreaterThan(0.85, shape.Score, column);
        }

        Assert.IsNotNull(same.Detection, "detection ran on the date columns too");
        // The same rows a century later: about a third of the dates overlap the real range, so the KS distance is ≈ 1/3.
        Assert.IsLessThan(0.75, Shape(shifted, "Day"));
        Assert.IsGreaterThan(0.5, Shape(shifted, "Day"));
        Assert.IsLessThan(same.OverallQuality, shifted.OverallQuality);
    }

    private static double Shape(QualityReport report, string column) => report.Fidelity.Shapes.Single(s => s.Column == column).Score;
}
