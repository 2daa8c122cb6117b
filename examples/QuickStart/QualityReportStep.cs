using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic;
using Microsoft.ML.Synthetic.Evaluation;

/// <summary>The quality-report step of the quick start: compare synthetic rows with real ones, write report.html and report.json.</summary>
internal static class QualityReportStep
{
    /// <summary>Adult as the file has it: numbers as Single, categories as text.</summary>
    public static IDataView LoadAdult(MLContext ml)
    {
        string[] numbers = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
        string[] order = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];
        var columns = order.Select((name, i) => new TextLoader.Column(name, numbers.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
        return ml.Data.LoadFromTextFile(FindData("adult.csv"), columns, separatorChar: ',', hasHeader: true);
    }

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

    /// <summary>The examples' data folder, found from the working directory or the program's folder upwards.</summary>
    private static string FindData(string file)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "data", file), Path.Combine(dir.FullName, "examples", "data", file) })
                {
                    if (File.Exists(candidate)) return candidate;
                }
            }
        }

        throw new FileNotFoundException($"Cannot find {file}: run from the repository or the examples folder.", file);
    }
}

/// <summary>Prints each evaluation stage as it starts (synchronously, so lines come in order).</summary>
internal sealed class ConsoleProgress : IProgress<EvaluationProgress>
{
    public void Report(EvaluationProgress value) => Console.Error.WriteLine($"  evaluating: {value.Stage} ({value.Fraction:P0})");
}
