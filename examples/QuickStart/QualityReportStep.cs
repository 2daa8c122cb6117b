using Microsoft.ML;
using Microsoft.ML.Synthetic;

/// <summary>The quality-report step of the quick start: compare synthetic rows with real ones, write report.html and report.json.</summary>
internal static class QualityReportStep
{
    /// <summary>Evaluates <paramref name="synthetic"/> against <paramref name="real"/> (and the holdout), writes both report files and prints the headline figures.</summary>
    public static QualityReport Run(MLContext ml, IDataView real, IDataView synthetic, IDataView holdout, string outputDirectory)
    {
        var options = new EvaluationOptions
        {
            Utility = { LabelColumn = "income" },
            Fairness = { ProtectedAttribute = "sex" },
            Progress = new ConsoleProgress(),
        };
        var report = ml.Synthetic().Evaluate(real, synthetic, holdout, options);
        Directory.CreateDirectory(outputDirectory);
        string html = Path.Combine(outputDirectory, "report.html"), json = Path.Combine(outputDirectory, "report.json");
        report.SaveHtml(html);
        report.SaveJson(json);
        Console.WriteLine($"Overall quality: {report.OverallQuality:F3} (column shapes {report.Fidelity.ColumnShapes:F3}, column pair trends {report.Fidelity.ColumnPairTrends:F3})");
        Console.WriteLine($"Detection: {report.Detection?.Score:F3} · TSTR/TRTR AUC ratio: {report.Utility?.TstrTrtrRatio:F3} · median DCR: {report.Privacy?.MedianDcrToReal:F4}");
        Console.WriteLine($"Wrote {html} and {json}");
        return report;
    }
}

/// <summary>Prints each evaluation stage as it starts (synchronously, so lines come in order).</summary>
internal sealed class ConsoleProgress : IProgress<EvaluationProgress>
{
    public void Report(EvaluationProgress value) => Console.Error.WriteLine($"  evaluating: {value.Stage} ({value.Fraction:P0})");
}
