using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML.Synthetic.Cli.Files;
using Microsoft.ML.Synthetic.Cli.Output;

namespace Microsoft.ML.Synthetic.Cli.Commands;

// Inside Microsoft.ML, "Command" would name ML.NET's namespace Microsoft.ML.Command.
using Command = System.CommandLine.Command;

/// <summary><c>synthml sample model.bin -n 1000000 -o out.csv [--seed 7] [--where income=">50K"]... [--shard 0/8]</c>.</summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model file written by 'synthml fit'." };
        var rows = new Option<long>("--rows", "-n") { Description = "How many rows to sample.", Required = true };
        rows.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() < 0)
            {
                r.AddError("--rows must be 0 or more.");
            }
        });
        var output = CommonOptions.Output($"The table to write ({TableFiles.Supported}); rows stream to it in constant memory.", required: true);
        var seed = CommonOptions.Seed("sampling (default: the seed the model was fitted with)");
        var where = new Option<string[]>("--where", "-w")
        {
            Description = "A condition every row satisfies, repeatable: column=category (income=\">50K\") or column=low..high (age=30..40; dates in ISO 8601: joined=1900-01-01..1999-12-31).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "Write only shard k of n of the -n rows (k/n, shards numbered from 0: --shard 0/3, 1/3, 2/3). The shards' rows, in shard order, are exactly the rows of the unsharded sample with the same seed, whichever machine writes which shard.",
        };
        shard.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && ParseShard(text) is null)
            {
                r.AddError($"--shard must be k/n with n 1 or more and k from 0 to n - 1 (shards are numbered from 0, e.g. 0/3), not '{text}'.");
            }
        });
        var command = new Command("sample", "Sample synthetic rows from a model into a table file.") { model, rows, output, seed, where, shard };
        CommandRunner.SetAction(command, (parse, cancellation) => RunAsync(
            parse.GetRequiredValue(model), parse.GetValue(rows), parse.GetRequiredValue(output), parse.GetValue(seed),
            parse.GetValue(where) ?? [], parse.GetValue(shard) is { } text ? ParseShard(text) : null, cancellation));
        return command;
    }

    /// <summary>"k/n" as (k, n) when 0 ≤ k &lt; n; otherwise null.</summary>
    internal static (int Index, int Count)? ParseShard(string text)
    {
        string[] parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k < n
            ? (k, n)
            : null;
    }

    private static async Task RunAsync(string modelPath, long rows, string outputPath, int? seed, string[] where, (int Index, int Count)? shard, CancellationToken cancellation)
    {
        TableFiles.FormatOf(outputPath);
        var synthetic = new MLContext().Synthetic();
        var model = ModelFile.Load(synthetic, modelPath);
        var conditions = WhereConditions.Parse(where, model.TableSchema, modelPath);
        IDataView sample;
        try
        {
            sample = shard is { } k ? model.SampleShard(rows, k.Index, k.Count, conditions, seed)
                : conditions is null ? model.Sample(rows, seed) : model.Sample(rows, conditions, seed);
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage($"{modelPath}: --where: {CliException.MessageOf(e)}", e);
        }

        long written = sample.GetRowCount() ?? rows;
        string part = shard is { } p ? $"shard {p.Index}/{p.Count} ({written} of {rows} rows)" : $"{rows} rows";
        Terminal.Note($"Sampling {part} to {outputPath}…");
        var clock = Stopwatch.StartNew();
        try
        {
            await Task.Run(() => TableFiles.Write(synthetic, sample, outputPath), CancellationToken.None).WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The writer cannot be stopped mid-file, and ends with the process: remove what it wrote so far.
            File.Delete(OutputFile.PartialPath(outputPath));
            throw;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        Terminal.Line(FormattableString.Invariant(
            $"{outputPath}: {part}{(conditions is null ? "" : $" where {conditions}")} in {seconds:F1} s ({written / Math.Max(seconds, 1e-9):N0} rows/s)."));
    }
}
