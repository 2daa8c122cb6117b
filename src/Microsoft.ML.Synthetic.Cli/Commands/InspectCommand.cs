using System.CommandLine;
using Microsoft.ML.Synthetic.Cli.Files;
using Microsoft.ML.Synthetic.Cli.Output;

namespace Microsoft.ML.Synthetic.Cli.Commands;

// Inside Microsoft.ML, "Command" would name ML.NET's namespace Microsoft.ML.Command.
using Command = System.CommandLine.Command;

/// <summary><c>synthml inspect model.bin</c>: kind, columns and types, what the model learned, privacy ledger.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model file written by 'synthml fit'." };
        var command = new Command("inspect", "Describe a model: its kind, columns and types, what it learned, and its privacy ledger.") { model };
        CommandRunner.SetAction(command, (parse, _) =>
        {
            string path = parse.GetRequiredValue(model);
            var synthetic = new MLContext().Synthetic();
            ModelDescription.Write(Terminal.Out, synthetic, ModelFile.Load(synthetic, path), path);
            return Task.CompletedTask;
        });
        return command;
    }
}
