using System.CommandLine;
using Spectre.Console;
using Microsoft.ML.Synthetic.Cli.Output;

namespace Microsoft.ML.Synthetic.Cli.Commands;

// Inside Microsoft.ML, "Command" would name ML.NET's namespace Microsoft.ML.Command.
using Command = System.CommandLine.Command;

/// <summary>Runs a command line: parse errors are usage errors, and what a command throws becomes an exit code and a message.</summary>
internal static class CommandRunner
{
    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the command it names.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Terminal.Fail(error.Message);
            }

            string command = parse.CommandResult.Command == root ? "" : parse.CommandResult.Command.Name + " ";
            Terminal.Error.WriteLine($"Run 'synthml {command}--help' for usage.");
            return ExitCodes.UsageError;
        }

        // Ctrl+C and SIGTERM cancel the command's token; training stops at the next step and partial files are removed.
        // Only if that takes longer than the timeout (a very busy machine) is the process ended as is.
        var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(10) };
        return await parse.InvokeAsync(invocation).ConfigureAwait(false);
    }

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="run"/>, with errors mapped to exit codes.</summary>
    public static void SetAction(Command command, Func<ParseResult, CancellationToken, Task> run) =>
        command.SetAction(async (parse, cancellation) =>
        {
            try
            {
                await run(parse, cancellation).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                Terminal.Fail("cancelled.");
                return ExitCodes.Cancelled;
            }
            catch (CliException e)
            {
                Terminal.Fail(e.Message);
                return e.ExitCode;
            }
#pragma warning disable CA1031 // Any other failure is a bug: say so, with the stack trace, and exit with its own code.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Terminal.Fail($"internal failure (please report it): {e}");
                return ExitCodes.InternalError;
            }
        });
}
