using Spectre.Console;

namespace Microsoft.ML.Synthetic.Cli.Output;

/// <summary>
/// Where synthml writes: results (scores, the model description) to standard output, progress and errors to
/// standard error, so that output can be piped while progress stays on the screen.
/// </summary>
internal static class Terminal
{
    /// <summary>Results (tables). Redirected output is not wrapped at 80 columns, so that files and pipes get whole lines.</summary>
    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    /// <summary>Progress, notes and errors.</summary>
    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    /// <summary>Whether standard error is a terminal that can show live progress bars.</summary>
    public static bool Interactive => Error.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;

    /// <summary>A line of results on standard output, as is.</summary>
    public static void Line(string text) => Console.Out.WriteLine(text);

    /// <summary>A progress note on standard error.</summary>
    public static void Note(string text) => Error.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    /// <summary>An error message on standard error, prefixed with <c>synthml: error:</c>.</summary>
    public static void Fail(string text) => Error.MarkupLine($"[red]synthml: error:[/] {Markup.Escape(text)}");

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = 240;
        }

        return console;
    }
}
