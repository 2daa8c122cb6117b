using System.Globalization;
using System.Text;

namespace Microsoft.ML.Synthetic.Cli.Tests;

/// <summary>synthml fit / sample / evaluate on a CSV with date columns declared in the metadata JSON.</summary>
[TestClass]
public sealed class DateColumnTests
{
    [TestMethod]
    public void FitSampleEvaluate_DateColumnsDeclaredInMetadata_WritesDatesInTheirFormatWithinTheTrainingRange()
    {
        using var folder = new TestFolder();
        var random = new Random(3);
        var csv = new StringBuilder("joined,visit,wait,amount,plan\n");
        var first = new DateTime(1850, 3, 1);
        for (int i = 0; i < 300; i++)
        {
            int days = i == 0 ? 0 : i == 1 ? 109_900 : random.Next(0, 109_901);
            var visit = new DateTime(2024, 1, 1).AddMinutes(random.Next(0, 60 * 24 * 90));
            csv.Append(CultureInfo.InvariantCulture, $"{(i % 30 == 29 ? "" : first.AddDays(days).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))},");
            csv.Append(CultureInfo.InvariantCulture, $"{visit:yyyy-MM-ddTHH:mm:ss},{TimeSpan.FromMinutes(random.Next(1, 600)):c},{(days / 1000.0) + random.NextDouble():F3},{(days < 50_000 ? "old" : "new")}\n");
        }

        string data = folder.Write("dates.csv", csv.ToString());
        string meta = folder.Write("dates.json", """
            {
              "schemaVersion": 1,
              "columns": [
                { "name": "joined", "kind": "datetime", "format": "dd/MM/yyyy" },
                { "name": "visit", "kind": "datetime" },
                { "name": "wait", "kind": "duration" }
              ]
            }
            """);
        string model = folder.File("dates.model"), sample = folder.File("sample.csv");

        var fit = SynthmlProcess.Run(folder.Path, "fit", data, "--metadata", meta, "--seed", "1", "-o", model);
        Assert.AreEqual(0, fit.ExitCode, fit.ToString());
        var sampled = SynthmlProcess.Run(folder.Path, "sample", model, "-n", "300", "--seed", "2", "-o", sample);
        Assert.AreEqual(0, sampled.ExitCode, sampled.ToString());

        var (header, rows) = CsvFile.Read(sample);
        CollectionAssert.AreEqual(new[] { "joined", "visit", "wait", "amount", "plan" }, header);
        var joined = rows.Where(r => r[0].Length > 0).Select(r => DateTime.ParseExact(r[0], "dd/MM/yyyy", CultureInfo.InvariantCulture)).ToList();
        Assert.IsTrue(joined.Count > 200, "most dates generated; missing ones are empty fields");
        Assert.IsTrue(joined.All(d => d >= first && d <= first.AddDays(109_900)), $"dates within the training range; got {joined.Min():d} to {joined.Max():d}");
        var visits = rows.Select(r => DateTime.ParseExact(r[1], "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)).ToList();
        Assert.IsTrue(visits.All(v => v.Year == 2024 && v.Second == 0), "ISO 8601 visits in 2024, whole minutes as in training");
        Assert.IsTrue(rows.All(r => TimeSpan.ParseExact(r[2], "c", CultureInfo.InvariantCulture) is { Seconds: 0 } w && w > TimeSpan.Zero), "durations in whole minutes");

        var inspect = SynthmlProcess.Run(folder.Path, "inspect", model);
        Assert.AreEqual(0, inspect.ExitCode, inspect.ToString());
        Console.WriteLine(inspect.Output);
        StringAssert.Contains(inspect.Output, "00:01:00 to", "the duration's range is shown as TimeSpans, not seconds");

        string century = folder.File("century.csv");
        var conditioned = SynthmlProcess.Run(folder.Path, "sample", model, "-n", "100", "--seed", "4",
            "--where", "joined=1900-01-01..1999-12-31", "--where", "visit=2024-02-01..2024-02-29T23:59:59", "-o", century);
        Assert.AreEqual(0, conditioned.ExitCode, conditioned.ToString());
        var (_, inCentury) = CsvFile.Read(century);
        Assert.IsTrue(inCentury.All(r => DateTime.ParseExact(r[0], "dd/MM/yyyy", CultureInfo.InvariantCulture).Year is >= 1900 and <= 1999), "every joined date in the 20th century");
        Assert.IsTrue(inCentury.All(r => DateTime.ParseExact(r[1], "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture).Month == 2), "every visit in February 2024");

        string report = folder.File("report.json");
        var evaluate = SynthmlProcess.Run(folder.Path, "evaluate", data, sample, "--metadata", meta, "--quick", "--seed", "3", "-o", report);
        Assert.AreEqual(0, evaluate.ExitCode, evaluate.ToString());
        StringAssert.Contains(File.ReadAllText(report), "\"joined\"", "the date column is scored");
    }
}
