using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Report;

[TestClass]
public sealed class HtmlReportTests
{
    private static readonly Lazy<QualityReport> Report = new(() =>
    {
        var real = AdultFixture.Train.SelectRows(Enumerable.Range(0, 4000).ToArray());
        var synthetic = AdultFixture.ShuffleColumns(AdultFixture.Test.SelectRows(Enumerable.Range(0, 3000).ToArray()), 2);
        var holdout = AdultFixture.Test.SelectRows(Enumerable.Range(3000, 2000).ToArray());
        var options = new EvaluationOptions
        {
            Seed = 4,
            Detection = { MaxRowsPerTable = 1500, Iterations = 20 },
            Privacy = { BaselineRows = 500, MembershipRows = 500 },
            Utility = { LabelColumn = "income" },
            Fairness = { ProtectedAttribute = "sex" },
        };
        return new MLContext(seed: 1).Synthetic().Evaluate(real.ToDataView(), synthetic.ToDataView(), holdout.ToDataView(), options);
    });

    [TestMethod]
    public void Html_IsOneSelfContainedPageWithEmbeddedPlots()
    {
        string html = Report.Value.ToHtml();
        StringAssert.StartsWith(html, "<!DOCTYPE html>");
        StringAssert.Contains(html, "</html>");
        Assert.DoesNotMatchRegex(new Regex("<script|<link|<iframe|src=\"(?!data:)|url\\(", RegexOptions.IgnoreCase), html);

        var images = Regex.Matches(html, "src=\"data:image/png;base64,([^\"]+)\"");
        Assert.HasCount(Report.Value.Fidelity.Shapes.Count + 2, images, "shape scores, pair heat map, one distribution per column");
        foreach (Match image in images)
        {
            var png = Convert.FromBase64String(image.Groups[1].Value);
            CollectionAssert.AreEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8], "PNG signature");
            int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
            int height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
            Assert.IsTrue(width >= 300 && height >= 200, $"{width}×{height}");
            Assert.IsGreaterThan(5000, png.Length, "a drawn plot, not an empty canvas");
        }

        foreach (var section in new[] { "Column shapes", "Column pair trends", "Detection", "Utility: predicting income", "Privacy", "Fairness: sex" })
        {
            StringAssert.Contains(html, section);
        }
    }

    [TestMethod]
    public void SaveHtml_WritesTheSamePage()
    {
        string path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.html");
        try
        {
            Report.Value.SaveHtml(path);
            Assert.AreEqual(Report.Value.ToHtml(), File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Renders the page in headless Chromium where it is installed (Debian package <c>chromium</c>).</summary>
    [TestMethod]
    public void Html_RendersInAHeadlessBrowser()
    {
        string? chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            const string missing = "No Chromium on this machine (Debian: apt-get install chromium); the page was not rendered.";
            // CI's .ci/run installs Chromium, so there its absence fails the test (as Microsoft.ML.Synthetic.Tests' MissingTool does).
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail($"{missing} CI=true, and .ci/run installs it.");
            Assert.Inconclusive(missing);
            return;
        }

        string dir = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string page = Path.Combine(dir, "report.html"), shot = Path.Combine(dir, "shot.png");
            Report.Value.SaveHtml(page);
            var start = new ProcessStartInfo(chromium)
            {
                ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={Path.Combine(dir, "profile")}", $"--screenshot={shot}", "--window-size=1280,4000", new Uri(page).AbsoluteUri },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            Assert.IsTrue(process.WaitForExit(60_000), "chromium did not finish");
            Assert.IsTrue(File.Exists(shot), process.StandardError.ReadToEnd());
            Assert.IsGreaterThan(50_000, new FileInfo(shot).Length, "a rendered page with plots");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
