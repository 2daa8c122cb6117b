namespace Microsoft.ML.Synthetic.Cli.Files;

/// <summary>Turns the exceptions of reading or writing one file into a <see cref="CliException"/> that names the file.</summary>
internal static class FileErrors
{
    /// <summary>Runs <paramref name="action"/> on <paramref name="path"/>; a file problem becomes an input error naming the file.</summary>
    public static T Guard<T>(string path, string doing, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (Describe(path, doing, e) is { } message)
        {
            throw CliException.Input(message, e);
        }
    }

    /// <inheritdoc cref="Guard{T}(string, string, Func{T})"/>
    public static void Guard(string path, string doing, Action action) =>
        Guard(path, doing, () =>
        {
            action();
            return 0;
        });

    /// <summary>The message for a file problem, or null when <paramref name="e"/> is not one.</summary>
    private static string? Describe(string path, string doing, Exception e) => e switch
    {
        FileNotFoundException => $"{path}: no such file (while {doing}).",
        DirectoryNotFoundException => $"{path}: the folder does not exist (while {doing}).",
        UnauthorizedAccessException => $"{path}: permission denied (while {doing}).",
        InvalidDataException => e.Message.Contains(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}",
        IOException => $"{path}: {e.Message} (while {doing}).",
        _ => null,
    };
}
