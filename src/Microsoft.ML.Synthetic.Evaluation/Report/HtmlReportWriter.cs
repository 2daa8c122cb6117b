using System.Globalization;
using System.Net;
using System.Text;

namespace Microsoft.ML.Synthetic.Evaluation.Report;

/// <summary>
/// Writes a <see cref="QualityReport"/> as one self-contained HTML page: inline CSS, every plot an embedded PNG
/// (<c>data:</c> URI), no script and no external asset, so the file renders offline in any browser.
/// </summary>
internal static class HtmlReportWriter
{
    public static string ToHtml(QualityReport report)
    {
        var tables = report.Tables;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Synthetic data quality report</title>\n<style>")
            .Append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1200px;color:#222}")
            .Append("h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}")
            .Append("table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left}th{background:#f3f3f3}")
            .Append("td.n{text-align:right;font-variant-numeric:tabular-nums}.grid{display:flex;flex-wrap:wrap;gap:8px}.grid img{border:1px solid #eee}")
            .Append(".big{font-size:2.2em;font-weight:600}.warn{color:#a05a00}</style></head><body>\n");
        html.Append("<h1>Synthetic data quality report</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Real rows: {report.RealRows:N0} · synthetic rows: {report.SyntheticRows:N0}")
            .Append(report.HoldoutRows is { } h ? string.Create(CultureInfo.InvariantCulture, $" · holdout rows: {h:N0}") : "")
            .Append(CultureInfo.InvariantCulture, $" · columns: {tables.ColumnCount} · seed: {report.Seed}</p>\n");
        html.Append("<p>Overall quality (SDMetrics' definition: mean of column shapes and column pair trends)</p><p class=\"big\">")
            .Append(Format(report.OverallQuality)).Append("</p>\n");

        html.Append("<h2>Summary</h2>\n<table><tr><th>figure</th><th>value</th></tr>\n");
        foreach (var (name, value) in report.Scores) Row(html, name, Format(value));
        html.Append("</table>\n");

        if (report.Warnings.Count > 0)
        {
            html.Append("<h2>Warnings</h2><ul>");
            foreach (var w in report.Warnings) html.Append("<li class=\"warn\">").Append(Encode(w)).Append("</li>");
            html.Append("</ul>\n");
        }

        if (report.RowSamples.Count > 0)
        {
            html.Append("<h2>Rows used by capped metrics</h2>\n<p>Metrics whose cost grows with the square of the rows use a seeded sample of at most the cap per table.</p>");
            html.Append("<table><tr><th>metric</th><th>cap (option)</th><th>real rows</th><th>synthetic rows</th><th>holdout rows</th><th>sampled</th></tr>\n");
            foreach (var r in report.RowSamples)
            {
                string cap = r.Cap is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) : "none";
                Row(html, r.Metric, $"{cap} ({r.Option})", Count(r.RealRows), Count(r.SyntheticRows), Count(r.HoldoutRows), r.Sampled ? "yes" : "no");
            }

            html.Append("</table>\n");
        }

        var fidelity = report.Fidelity;
        html.Append("<h2>Column shapes</h2>\n");
        Image(html, Plots.ShapeScores(fidelity.Shapes), "column shape scores");
        html.Append("<table><tr><th>column</th><th>metric</th><th>score</th><th>Wasserstein (range-normalized)</th><th>Jensen–Shannon</th></tr>\n");
        foreach (var s in fidelity.Shapes) Row(html, s.Column, s.Metric, Format(s.Score), Format(s.WassersteinDistance), Format(s.JensenShannonDistance));
        html.Append("</table>\n");

        html.Append("<h2>Column pair trends</h2>\n");
        Image(html, Plots.PairDifferenceHeatmap(tables.Names, fidelity.Pairs), "heat map of pair-trend differences");
        html.Append("<p>The ten pairs reproduced worst:</p><table><tr><th>column 1</th><th>column 2</th><th>metric</th><th>score</th><th>real ρ</th><th>synthetic ρ</th></tr>\n");
        foreach (var p in fidelity.Pairs.Where(p => !double.IsNaN(p.Score)).OrderBy(p => p.Score).Take(10))
        {
            Row(html, p.Column1, p.Column2, p.Metric, Format(p.Score), Format(p.RealCorrelation), Format(p.SyntheticCorrelation));
        }

        html.Append("</table>\n");

        html.Append("<h2>Distributions: real vs synthetic</h2>\n<div class=\"grid\">");
        for (int c = 0; c < tables.ColumnCount; c++) Image(html, Plots.Distribution(tables, c), $"distribution of {tables.Names[c]}");
        html.Append("</div>\n");

        if (report.Detection is { } detection)
        {
            html.Append("<h2>Detection (classifier two-sample test)</h2>\n<p>1 = a classifier cannot tell synthetic rows from real ones.</p><table><tr><th>detector</th><th>mean AUC</th><th>fold AUCs</th><th>score</th></tr>\n");
            foreach (var d in detection.Detectors) Row(html, d.Detector, Format(d.MeanAuc), string.Join(", ", d.FoldAucs.Select(Format)), Format(d.Score));
            html.Append("</table>\n");
        }

        if (report.Utility is { } utility)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Utility: predicting {Encode(utility.LabelColumn)}</h2>\n<p>{Encode(utility.Task.ToString())} with {Encode(utility.Trainer)}; TSTR/TRTR ratio of {utility.PrimaryMetric}: {Format(utility.TstrTrtrRatio)}</p>");
            html.Append("<table><tr><th>setting</th><th>AUC</th><th>F1</th><th>accuracy</th><th>R²</th><th>RMSE</th></tr>\n");
            foreach (var (name, s) in new[] { ("TSTR (train synthetic, test real)", utility.Tstr), ("TRTR (train real, test real)", utility.Trtr), ("TRTS (train real, test synthetic)", utility.Trts) })
            {
                Row(html, name, Format(s.Auc), Format(s.F1), Format(s.Accuracy), Format(s.R2), Format(s.Rmse));
            }

            html.Append("</table>\n");
        }

        if (report.Privacy is { } privacy)
        {
            html.Append("<h2>Privacy</h2>\n<table><tr><th>figure</th><th>value</th></tr>\n");
            Row(html, "median distance to closest real record (DCR)", Format(privacy.MedianDcrToReal));
            Row(html, "5th percentile DCR", Format(privacy.FifthPercentileDcrToReal));
            Row(html, "exact copies of real rows", Format(privacy.ExactCopyRate));
            Row(html, "median DCR of random rows (baseline)", Format(privacy.MedianDcrRandomToReal));
            Row(html, "DCR baseline protection", Format(privacy.DcrBaselineProtection));
            Row(html, "share closer to training than holdout", Format(privacy.CloserToTrainingShare));
            Row(html, "expected share for a non-copying generator", Format(privacy.ExpectedCloserToTrainingShare));
            Row(html, "DCR overfitting protection", Format(privacy.DcrOverfittingProtection));
            Row(html, "NewRowSynthesis", Format(privacy.NewRowSynthesis));
            Row(html, "membership-inference AUC (0.5 = no signal)", Format(privacy.MembershipInferenceAuc));
            html.Append("</table>\n");
        }

        if (report.Fairness is { } fairness)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Fairness: {Encode(fairness.ProtectedAttribute)} and {Encode(fairness.LabelColumn)} = {Encode(fairness.PositiveClass)}</h2>\n");
            html.Append("<table><tr><th>data</th><th>demographic-parity difference</th><th>disparate-impact ratio</th></tr>\n");
            Row(html, "real", Format(fairness.Real.DemographicParityDifference), Format(fairness.Real.DisparateImpactRatio));
            Row(html, "synthetic", Format(fairness.Synthetic.DemographicParityDifference), Format(fairness.Synthetic.DisparateImpactRatio));
            html.Append("</table>\n<table><tr><th>group</th><th>real rows</th><th>real positive rate</th><th>synthetic positive rate</th></tr>\n");
            foreach (var g in fairness.Real.Groups)
            {
                var s = fairness.Synthetic.Groups.FirstOrDefault(x => x.Group == g.Group);
                Row(html, g.Group, g.Rows.ToString("N0", CultureInfo.InvariantCulture), Format(g.PositiveRate), Format(s?.PositiveRate ?? double.NaN));
            }

            html.Append("</table>\n");
            if (!double.IsNaN(fairness.TstrEqualizedOddsDifference))
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>TSTR model on the real holdout: equalized-odds difference {Format(fairness.TstrEqualizedOddsDifference)}, demographic-parity difference {Format(fairness.TstrDemographicParityDifference)}.</p>\n");
            }
        }

        html.Append("<p style=\"color:#888\">Generated by Microsoft.ML.Synthetic.Evaluation. Plots: ScottPlot.</p>\n</body></html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string first, params string[] values)
    {
        html.Append("<tr><td>").Append(Encode(first)).Append("</td>");
        foreach (var v in values) html.Append("<td class=\"n\">").Append(Encode(v)).Append("</td>");
        html.Append("</tr>\n");
    }

    private static void Image(StringBuilder html, byte[] png, string alt) =>
        html.Append("<img alt=\"").Append(Encode(alt)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">\n");

    private static string Count(int rows) => rows.ToString("N0", CultureInfo.InvariantCulture);

    private static string Format(double value) => double.IsNaN(value) ? "–" : value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
