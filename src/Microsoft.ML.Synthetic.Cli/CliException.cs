namespace Microsoft.ML.Synthetic.Cli;

/// <summary>
/// A failure the user can fix, with the exit code it maps to and a message that names the file, column and problem.
/// It is printed without a stack trace.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message, Exception? inner = null)
        : base(message, inner) => ExitCode = exitCode;

    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }

    /// <summary>A wrong command line (<see cref="ExitCodes.UsageError"/>).</summary>
    public static CliException Usage(string message, Exception? inner = null) => new(ExitCodes.UsageError, message, inner);

    /// <summary>An exception's message without the "(Parameter 'name')" that <see cref="ArgumentException"/> appends.</summary>
    public static string MessageOf(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    /// <summary>A file that cannot be used (<see cref="ExitCodes.InputError"/>).</summary>
    public static CliException Input(string message, Exception? inner = null) => new(ExitCodes.InputError, message, inner);
}
