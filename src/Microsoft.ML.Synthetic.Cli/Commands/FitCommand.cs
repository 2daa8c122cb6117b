using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML.Synthetic.Cli.Files;
using Microsoft.ML.Synthetic.Cli.Output;

namespace Microsoft.ML.Synthetic.Cli.Commands;

// Inside Microsoft.ML, "Command" would name ML.NET's namespace Microsoft.ML.Command.
using Command = System.CommandLine.Command;

/// <summary><c>synthml fit data.csv --synthesizer copula|arf|tvae|ctgan|diffusion [--epochs N] [--seed S] [--metadata meta.json] -o model.bin</c>.</summary>
internal static class FitCommand
{
    private static readonly string[] Synthesizers = ["copula", "arf", "tvae", "ctgan", "diffusion"];

    public static Command Create()
    {
        var data = new Argument<string>("data") { Description = $"The training table ({TableFiles.Supported})." };
        var synthesizer = new Option<string>("--synthesizer", "-s")
        {
            Description = "copula (Gaussian copula: seconds), arf (adversarial random forest: seconds), tvae, ctgan or diffusion (deep models: minutes; a progress bar shows the epochs).",
            DefaultValueFactory = _ => "copula",
        };
        synthesizer.AcceptOnlyFromAmong(Synthesizers);
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs of tvae and ctgan (default 300) or diffusion (default 600)." };
        epochs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--epochs must be at least 1.");
            }
        });
        var seed = CommonOptions.Seed("training and of the model's default sampling");
        var metadata = CommonOptions.Metadata();
        var output = CommonOptions.Output("The model file to write.", required: true);

        var command = new Command("fit", "Fit a synthesizer to a table and save the model.") { data, synthesizer, epochs, seed, metadata, output };
        CommandRunner.SetAction(command, (parse, cancellation) => RunAsync(
            parse.GetRequiredValue(data), parse.GetRequiredValue(synthesizer), parse.GetValue(epochs), parse.GetValue(seed),
            parse.GetValue(metadata), parse.GetRequiredValue(output), cancellation));
        return command;
    }

    private static async Task RunAsync(string dataPath, string synthesizer, int? epochs, int? seed, string? metadataPath, string outputPath, CancellationToken cancellation)
    {
        if (epochs is not null && synthesizer is "copula" or "arf")
        {
            throw CliException.Usage($"--epochs applies to tvae, ctgan and diffusion; {synthesizer} is not trained in epochs.");
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw CliException.Input($"{outputPath}: the folder {folder} does not exist.");
        }

        var metadata = MetadataFile.Load(metadataPath);
        var synthetic = new MLContext(seed).Synthetic();
        var table = TableFiles.Read(synthetic, dataPath, metadata);

        var clock = Stopwatch.StartNew();
        ISynthesizerModel model;
        try
        {
            model = await FitAsync(synthetic, table, synthesizer, epochs ?? (synthesizer == "diffusion" ? new DiffusionOptions().Epochs : 300), seed, metadata.DataOptions(), cancellation).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw CliException.Input($"{dataPath}: cannot fit {synthesizer} on this table: {CliException.MessageOf(e)}", e);
        }

        ModelFile.Save(model, outputPath);
        Terminal.Line(FormattableString.Invariant(
            $"{outputPath}: {ModelDescription.Kind(model)} with {model.TableSchema.Columns.Count} columns, fitted on {dataPath} in {clock.Elapsed.TotalSeconds:F1} s."));
    }

    private static Task<ISynthesizerModel> FitAsync(SyntheticCatalog synthetic, IDataView table, string synthesizer, int epochs, int? seed,
        TabularDataOptions dataOptions, CancellationToken cancellation)
    {
        switch (synthesizer)
        {
            case "tvae":
                return TrainingProgress.RunAsync<ISynthesizerModel>("TVAE", epochs, progress => synthetic.Synthesizers.Tvae(new TvaeOptions
                {
                    Epochs = epochs, Seed = seed, DataOptions = dataOptions, Progress = progress, CancellationToken = cancellation,
                }).Fit(table));
            case "ctgan":
                return TrainingProgress.RunAsync<ISynthesizerModel>("CTGAN", epochs, progress => synthetic.Synthesizers.Ctgan(new CtganOptions
                {
                    Epochs = epochs, Seed = seed, DataOptions = dataOptions, Progress = progress, CancellationToken = cancellation,
                }).Fit(table));
            case "diffusion":
                return TrainingProgress.RunAsync<ISynthesizerModel>("Diffusion", epochs, progress => synthetic.Synthesizers.Diffusion(new DiffusionOptions
                {
                    Epochs = epochs, Seed = seed, DataOptions = dataOptions, Progress = progress, CancellationToken = cancellation,
                }).Fit(table));
            case "arf":
                Terminal.Note("Fitting an adversarial random forest…");
                return Task.Run<ISynthesizerModel>(() => synthetic.Synthesizers.Arf(new ArfOptions
                {
                    Seed = seed, DataOptions = dataOptions, CancellationToken = cancellation,
                }).Fit(table), cancellation);
            default:
                Terminal.Note("Fitting a Gaussian copula…");
                return Task.Run<ISynthesizerModel>(() => synthetic.Synthesizers.GaussianCopula(new GaussianCopulaOptions
                {
                    Seed = seed, DataOptions = dataOptions, CancellationToken = cancellation,
                }).Fit(table), cancellation);
        }
    }
}
