using Microsoft.ML.Synthetic.Evaluation.Report;

namespace Microsoft.ML.Synthetic;

public sealed partial class QualityReport
{
    /// <summary>The report as indented JSON: every figure and every per-column and per-pair detail (undefined numbers as null).</summary>
    public string ToJson() => JsonReportWriter.ToJson(this);

    /// <summary>Writes <see cref="ToJson"/> to a file.</summary>
    public void SaveJson(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        SaveJson(stream);
    }

    /// <summary>Writes <see cref="ToJson"/> to a stream (left open).</summary>
    public void SaveJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonReportWriter.Write(this, stream);
    }

    /// <summary>
    /// The report as one self-contained HTML page: summary table, column-shape scores, a heat map of pair-trend
    /// differences, real-vs-synthetic distribution plots per column and the detection, utility, privacy and
    /// fairness tables. Plots are PNGs drawn with ScottPlot and embedded in the page; it needs no other file.
    /// </summary>
    public string ToHtml() => HtmlReportWriter.ToHtml(this);

    /// <summary>Writes <see cref="ToHtml"/> to a file (UTF-8).</summary>
    public void SaveHtml(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, ToHtml(), new System.Text.UTF8Encoding(false));
    }

    /// <summary>Writes <see cref="ToHtml"/> to a stream (UTF-8, left open).</summary>
    public void SaveHtml(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(ToHtml());
        stream.Write(bytes);
    }
}
