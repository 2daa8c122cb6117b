namespace Microsoft.ML.Synthetic.Cli;

/// <summary>The process exit codes of synthml (also listed by <c>synthml --help</c> and in the README).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong: an unknown option, a missing argument, a bad value, a --where on a column or category the model does not have, an unsupported file type.</summary>
    public const int UsageError = 2;

    /// <summary>A file cannot be used: missing, unreadable, malformed (CSV, metadata JSON), not a synthml model, or data a synthesizer cannot fit; or an output file cannot be written.</summary>
    public const int InputError = 3;

    /// <summary>An unexpected failure inside synthml or the libraries (a bug: the message and stack trace are printed).</summary>
    public const int InternalError = 4;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, the shell convention).</summary>
    public const int Cancelled = 130;

    /// <summary>The lines <c>--help</c> shows.</summary>
    public const string Help = "Exit codes: 0 ok, 2 usage error, 3 bad input or output file, 4 internal failure, 130 cancelled.";
}
