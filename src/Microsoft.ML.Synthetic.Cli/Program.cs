using System.CommandLine;
using Microsoft.ML.Synthetic.Cli;
using Microsoft.ML.Synthetic.Cli.Commands;

var root = new RootCommand($"synthml: fit synthesizers to tables, sample synthetic rows, score them and inspect models (SyntheticML).{Environment.NewLine}{ExitCodes.Help}")
{
    FitCommand.Create(),
    SampleCommand.Create(),
    EvaluateCommand.Create(),
    InspectCommand.Create(),
    ClusterCommand.Create(),
};
return await CommandRunner.RunAsync(root, args).ConfigureAwait(false);
