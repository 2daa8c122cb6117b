using System.CommandLine;
using System.Globalization;
using Microsoft.ML.Synthetic.Cli.Files;
using Microsoft.ML.Synthetic.Cli.Output;
using Spectre.Console;

namespace Microsoft.ML.Synthetic.Cli.Commands;

// Inside Microsoft.ML, "Command" would name ML.NET's namespace Microsoft.ML.Command.
using Command = System.CommandLine.Command;

/// <summary><c>synthml evaluate real.csv synthetic.csv [--holdout test.csv] [-o report.html|report.json]</c>.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var real = new Argument<string>("real") { Description = $"The real table the synthesizer was fitted on ({TableFiles.Supported})." };
        var fake = new Argument<string>("synthetic") { Description = "The synthetic table to score." };
        var holdout = new Option<string?>("--holdout") { Description = "Real rows the synthesizer never saw: enables the privacy overfitting test and, with --label, utility (TSTR)." };
        var label = new Option<string?>("--label") { Description = "A label column for the utility scores (train on synthetic, test on the holdout); needs --holdout." };
        var quick = new Option<bool>("--quick") { Description = "Fidelity only: no detection, privacy or kernel metrics (seconds instead of minutes on large tables)." };
        var seed = CommonOptions.Seed("the evaluation's subsampling and classifiers");
        var metadata = CommonOptions.Metadata();
        var output = CommonOptions.Output("The report to write: .html (self-contained, with plots) or .json.", required: false);
        var command = new Command("evaluate", "Score a synthetic table against the real one and print the headline scores.")
        {
            real, fake, holdout, label, quick, seed, metadata, output,
        };
        CommandRunner.SetAction(command, (parse, cancellation) =>
        {
            var files = new ReportFiles(parse.GetRequiredValue(real), parse.GetRequiredValue(fake), parse.GetValue(holdout), parse.GetValue(output));
            return RunAsync(files, parse.GetValue(label), parse.GetValue(quick), parse.GetValue(seed), parse.GetValue(metadata), cancellation);
        });
        return command;
    }

    private static async Task RunAsync(ReportFiles files, string? label, bool quick, int? seed, string? metadataPath, CancellationToken cancellation)
    {
        var save = ReportWriter(files.Output);
        if (label is not null && files.Holdout is null)
        {
            throw CliException.Usage("--label needs --holdout: utility trains on the synthetic rows and tests on real rows the synthesizer never saw.");
        }

        var metadata = MetadataFile.Load(metadataPath);
        var synthetic = new MLContext(seed).Synthetic();
        IDataView Read(string path) => TableFiles.Read(synthetic, path, metadata);

        var realTable = Read(files.Real);
        var syntheticTable = Read(files.Synthetic);
        var holdoutTable = files.Holdout is null ? null : Read(files.Holdout);
        var options = quick ? EvaluationOptions.QualityOnly(seed) : new EvaluationOptions { Seed = seed };
        options.ReadOptions = metadata.DataOptions();
        options.Utility.LabelColumn = label;
        options.Progress = new StageNotes();
        QualityReport report;
        try
        {
            report = await Task.Run(() => synthetic.Evaluate(realTable, syntheticTable, holdoutTable, options, cancellation), cancellation).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw CliException.Input($"cannot score {files.Synthetic} against {files.Real}: {CliException.MessageOf(e)}", e);
        }

        var table = new Table().AddColumns("score", "value");
        foreach (var (name, value) in report.Scores)
        {
            table.AddRow(Markup.Escape(name), value.ToString("0.####", CultureInfo.InvariantCulture));
        }

        Terminal.Out.Write(table);
        foreach (string warning in report.Warnings)
        {
            Terminal.Line("warning: " + warning);
        }

        if (files.Output is not null)
        {
            OutputFile.Write(files.Output, "writing the report", partial => save!(report, partial));
            Terminal.Line($"{files.Output}: report written.");
        }
    }

    /// <summary>How to save the report, by the output's extension (checked before any work is done).</summary>
    private static Action<QualityReport, string>? ReportWriter(string? output) => output is null ? null : Path.GetExtension(output).ToUpperInvariant() switch
    {
        ".HTML" or ".HTM" => (report, path) => report.SaveHtml(path),
        ".JSON" => (report, path) => report.SaveJson(path),
        _ => throw CliException.Usage($"{output}: a report is written as .html or .json, not '{Path.GetExtension(output)}'."),
    };

    private sealed record ReportFiles(string Real, string Synthetic, string? Holdout, string? Output);

    /// <summary>One note per evaluation stage on standard error.</summary>
    private sealed class StageNotes : IProgress<EvaluationProgress>
    {
        private string? _stage;

        public void Report(EvaluationProgress value)
        {
            if (value.Stage != _stage && value.Stage != "done")
            {
                _stage = value.Stage;
                Terminal.Note($"Evaluating: {value.Stage}…");
            }
        }
    }
}
