using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.ML.Synthetic.Cli.Files;
using Microsoft.ML.Synthetic.Cli.Output;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Microsoft.ML.Synthetic.Cli.Commands;

// Inside Microsoft.ML, "Command" would name ML.NET's namespace Microsoft.ML.Command.
using Command = System.CommandLine.Command;

/// <summary>
/// <c>synthml cluster sample model.bin -n 100000000 --shards 64 -o out/ (--local-silos 3 | --gateway host:30000 …)</c>:
/// sampling on an Orleans cluster (see src/Microsoft.ML.Synthetic.Orleans/README.md).
/// </summary>
internal static class ClusterCommand
{
    public static Command Create() => new("cluster", "Run on an Orleans cluster: a local one in this process (--local-silos) or one reached through its gateways (--gateway).")
    {
        Sample(),
        Fit(),
    };

    /// <summary>Where the cluster is: silos started here, or the gateways of a running cluster.</summary>
    private sealed class Connection
    {
        public Option<int?> LocalSilos { get; } = new("--local-silos") { Description = "Start this many silos in this process (on localhost ports) and run on them." };

        public Option<string[]> Gateways { get; } = new("--gateway", "-g")
        {
            Description = "host:port of a silo's gateway of a running cluster (repeatable); the silos run AddSyntheticGrains().",
            Arity = ArgumentArity.ZeroOrMore,
        };

        public Option<string> ClusterId { get; } = new("--cluster-id") { Description = "The cluster's ClusterId (with --gateway).", DefaultValueFactory = _ => "synthml" };

        public Option<string> ServiceId { get; } = new("--service-id") { Description = "The cluster's ServiceId (with --gateway).", DefaultValueFactory = _ => "synthml" };

        public Option<int> PerSilo { get; } = new("--per-silo") { Description = "How many shards or partitions one silo works on at once.", DefaultValueFactory = _ => 2 };

        public void AddTo(Command command)
        {
            LocalSilos.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int?>() is < 1 or > 64)
                {
                    r.AddError("--local-silos must be from 1 to 64.");
                }
            });
            PerSilo.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < 1)
                {
                    r.AddError("--per-silo must be 1 or more.");
                }
            });
            foreach (var option in new Option[] { LocalSilos, Gateways, ClusterId, ServiceId, PerSilo })
            {
                command.Options.Add(option);
            }

            command.Validators.Add(r =>
            {
                bool local = r.GetValue(LocalSilos) is not null, remote = r.GetValue(Gateways) is { Length: > 0 };
                if (local == remote)
                {
                    r.AddError("Give either --local-silos N (a cluster in this process) or --gateway host:port (a running cluster), not both or neither.");
                }
            });
        }

        public Task<LocalOrleansCluster> OpenAsync(ParseResult parse, CancellationToken cancellation) =>
            parse.GetValue(LocalSilos) is { } n
                ? LocalOrleansCluster.StartAsync(n, cancellation)
                : LocalOrleansCluster.ConnectAsync([.. (parse.GetValue(Gateways) ?? []).Select(ParseGateway)], parse.GetRequiredValue(ClusterId), parse.GetRequiredValue(ServiceId), cancellation);

        public ClusterWorkOptions Options(ParseResult parse) => new() { MaxConcurrentPerSilo = parse.GetValue(PerSilo) };
    }

    private static Command Fit()
    {
        var data = new Argument<string[]>("data") { Description = "Parquet files with the same columns (the partitions), at the same paths on every silo.", Arity = ArgumentArity.OneOrMore };
        var seed = CommonOptions.Seed("the model's default sampling");
        var metadata = CommonOptions.Metadata();
        var output = CommonOptions.Output("The model file to write.", required: true);
        var connection = new Connection();
        var command = new Command("fit", "Fit a Gaussian copula on an Orleans cluster from Parquet partitions: the silos compute each file's statistics, this process merges them and fits (the same model as 'synthml fit -s copula' on the concatenated files).")
        {
            data, seed, metadata, output,
        };
        connection.AddTo(command);
        CommandRunner.SetAction(command, async (parse, cancellation) =>
        {
            string[] files = parse.GetRequiredValue(data);
            string outputPath = parse.GetRequiredValue(output);
            foreach (string file in files)
            {
                if (!File.Exists(file))
                {
                    throw CliException.Input($"{file}: no such file (give Parquet files every silo can read at this path).");
                }
            }

            var dataOptions = parse.GetValue(metadata) is { } metadataPath ? new TabularDataOptions { Metadata = TableMetadata.Load(metadataPath) } : null;
            await using var cluster = await connection.OpenAsync(parse, cancellation).ConfigureAwait(false);
            Terminal.Note($"Fitting a Gaussian copula to {files.Length} Parquet files on {cluster.Description}…");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var model = await new ClusterFitter(cluster.Client, connection.Options(parse))
                .FitCopulaAsync([.. files.Select(Path.GetFullPath)], new GaussianCopulaOptions { Seed = parse.GetValue(seed), DataOptions = dataOptions }, new PartitionNotes(), cancellation)
                .ConfigureAwait(false);
            ModelFile.Save(model, outputPath);
            Terminal.Line(FormattableString.Invariant($"{outputPath}: Gaussian copula with {model.TableSchema.Columns.Count} columns, fitted on {files.Length} Parquet files in {clock.Elapsed.TotalSeconds:F1} s."));
        });
        return command;
    }

    private static Command Sample()
    {
        var model = new Argument<string>("model") { Description = "A model file written by 'synthml fit', at the same path on every silo (shared storage)." };
        var rows = new Option<long>("--rows", "-n") { Description = "How many rows to sample.", Required = true };
        rows.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() < 0)
            {
                r.AddError("--rows must be 0 or more.");
            }
        });
        var shards = new Option<int>("--shards") { Description = "How many Parquet files (part-00000.parquet …) to split the sample into; each is written by one grain.", Required = true };
        shards.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--shards must be 1 or more.");
            }
        });
        var output = CommonOptions.Output("The directory the shard files go to, at the same path on every silo; it must hold no part-*.parquet file yet.", required: true);
        var seed = CommonOptions.Seed("sampling (default: the seed the model was fitted with)");
        var where = new Option<string[]>("--where", "-w")
        {
            Description = "A condition every row satisfies, repeatable, as in 'synthml sample'.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var connection = new Connection();
        var command = new Command("sample", "Sample synthetic rows on an Orleans cluster into Parquet shards; their rows, in shard order, are exactly 'synthml sample' with the same seed.")
        {
            model, rows, shards, output, seed, where,
        };
        connection.AddTo(command);
        CommandRunner.SetAction(command, (parse, cancellation) => RunSampleAsync(
            parse.GetRequiredValue(model), parse.GetValue(rows), parse.GetValue(shards), parse.GetRequiredValue(output), parse.GetValue(seed),
            parse.GetValue(where) ?? [], connection, parse, cancellation));
        return command;
    }

    private static async Task RunSampleAsync(string modelPath, long rows, int shardCount, string output, int? seed, string[] where,
        Connection connection, ParseResult parse, CancellationToken cancellation)
    {
        // Read the model here too: a missing or damaged file, or a bad --where, is an input error before any silo starts.
        var model = ModelFile.Load(new MLContext().Synthetic(), modelPath);
        var conditions = WhereConditions.Parse(where, model.TableSchema, modelPath);
        await using var cluster = await connection.OpenAsync(parse, cancellation).ConfigureAwait(false);
        Terminal.Note($"Sampling {rows} rows in {shardCount} shards on {cluster.Description} to {output}…");
        var sampler = new ClusterSampler(cluster.Client, connection.Options(parse));
        var progress = new ShardNotes();
        ClusterSampleResult result;
        try
        {
            result = await sampler.SampleToParquetAsync(Path.GetFullPath(modelPath), rows, shardCount, output, seed, conditions, progress, cancellation).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage($"{output}: {CliException.MessageOf(e)}", e);
        }

        double seconds = result.Elapsed.TotalSeconds;
        Terminal.Line(FormattableString.Invariant(
            $"{output}: {result.RowCount} rows in {result.Shards.Count} shards on {result.Shards.Select(s => s.Silo).Distinct().Count()} silos in {seconds:F1} s ({result.RowCount / Math.Max(seconds, 1e-9):N0} rows/s){(result.Reassignments > 0 ? $", {result.Reassignments} shard attempts reassigned" : "")}."));
    }

    /// <summary>host:port as an endpoint (a host name is looked up).</summary>
    private static IPEndPoint ParseGateway(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw CliException.Usage($"--gateway must be host:port (e.g. 10.0.0.5:30000), not '{text}'.");
        }

        string host = text[..colon];
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).FirstOrDefault()
            ?? throw CliException.Usage($"--gateway: the host '{host}' has no address.");
        return new IPEndPoint(address, port);
    }

    /// <summary>A line per finished or reassigned shard, written as it happens (Progress&lt;T&gt; would post it to the thread pool, after the summary).</summary>
    private sealed class ShardNotes : IProgress<ClusterSampleProgress>
    {
        public void Report(ClusterSampleProgress value) => Terminal.Note(FormattableString.Invariant(
            $"  {value.ShardsFinished}/{value.ShardCount} shards, {value.RowsWritten:N0} rows{(value.Reassignments > 0 ? $", {value.Reassignments} reassigned" : "")}"));
    }

    /// <summary>A line per summarised or reassigned partition.</summary>
    private sealed class PartitionNotes : IProgress<ClusterFitProgress>
    {
        public void Report(ClusterFitProgress value) => Terminal.Note(FormattableString.Invariant(
            $"  pass {value.Pass} of 2: {value.PartitionsFinished}/{value.PartitionCount} files{(value.Reassignments > 0 ? $", {value.Reassignments} reassigned" : "")}"));
    }
}
