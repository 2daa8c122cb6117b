using Microsoft.ML.Synthetic.Evaluation.Report;

namespace Microsoft.ML.Synthetic.Evaluation;

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
}
