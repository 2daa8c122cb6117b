using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Tests.Data;

/// <summary>Rules are checked on dates as they are written (rounded to the column's step), not on the model's raw seconds.</summary>
[TestClass]
public sealed class WrittenFormTests
{
    private sealed class Visit
    {
        public DateTime Day { get; set; }
        public DateTime At { get; set; }
        public double Amount { get; set; }
    }

    /// <summary>Days of 2025 and an arrival 1–3 hours after that day's midnight: a day drawn after noon is written as the next day, after the arrival.</summary>
    private static List<Visit> Visits(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Visit { Day = new DateTime(2025, 1, 1).AddDays(i % 300), At = new DateTime(2025, 1, 1).AddDays(i % 300).AddHours(1 + (i % 3)), Amount = i % 7 })];

    [TestMethod]
    public void Of_DateColumn_RoundsToTheStepAndKeepsTheTrainingRange()
    {
        var ml = new MLContext(seed: 1);
        var table = TabularData.FromDataView(ml.Data.LoadFromEnumerable(Visits(300)));
        double day = TemporalEncoding.Seconds(new DateTime(2025, 3, 1));
        var raw = new TabularData(table.Schema,
        [
            new ContinuousColumn("Day", [day + (13 * 3600), day + (11 * 3600), TemporalEncoding.Seconds(new DateTime(2030, 1, 1)), double.NaN], isInteger: true),
            new ContinuousColumn("At", [day + 1800, day + 5399, day - (100 * 86400), day + 3600], isInteger: true),
            new ContinuousColumn("Amount", [0.5, 1.25, 2, 3], isInteger: false),
        ]);

        var written = WrittenForm.Of(raw);

        CollectionAssert.AreEqual(
            new[] { day + 86400, day, TemporalEncoding.Seconds(new DateTime(2025, 10, 27)), double.NaN },
            ((ContinuousColumn)written["Day"]).Values,
            "13:00 is written as the next day, 11:00 as the same day, 2030 as the last training day; missing stays missing");
        CollectionAssert.AreEqual(
            new[] { day + 3600, day + 3600, TemporalEncoding.Seconds(new DateTime(2025, 1, 1, 1, 0, 0)), day + 3600 },
            ((ContinuousColumn)written["At"]).Values,
            "whole hours (00:30 rounds up, 01:29:59 down), not before the first training time");
        Assert.AreSame(raw["Amount"], written["Amount"], "other columns as they are");
    }

    [TestMethod]
    public void Sample_InequalityBetweenADateAndATime_HoldsInTheWrittenRows()
    {
        var ml = new MLContext(seed: 1);
        var data = new TabularDataOptions { Constraints = [ml.Synthetic().Constraints.Inequality(nameof(Visit.Day), nameof(Visit.At), strict: true)] };
        var model = ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { Seed = 1, DataOptions = data }).Fit(ml.Data.LoadFromEnumerable(Visits(600)));

        var rows = ml.Data.CreateEnumerable<Visit>(model.Sample(3000, seed: 2), reuseRowObject: false).ToList();

        var broken = rows.Where(r => !(r.Day < r.At)).Take(3).Select(r => $"{r.Day:O} ≥ {r.At:O}").ToList();
        Assert.IsEmpty(broken, string.Join("; ", broken));
        Assert.IsTrue(rows.All(r => r.Day.TimeOfDay == TimeSpan.Zero), "days stay days");
    }
}
