namespace Microsoft.ML.Synthetic.Cli.Files;

/// <summary>Writes an output file whole or not at all.</summary>
internal static class OutputFile
{
    /// <summary>The temporary file <see cref="Write"/> writes before renaming it to <paramref name="path"/>.</summary>
    public static string PartialPath(string path) => path + ".partial";

    /// <summary>
    /// Calls <paramref name="write"/> with a temporary path beside <paramref name="path"/> and renames the result over
    /// <paramref name="path"/> once it is complete, so that a failed write leaves no half file. File problems are input
    /// errors naming <paramref name="path"/>.
    /// </summary>
    public static void Write(string path, string doing, Action<string> write)
    {
        string partial = PartialPath(path);
        try
        {
            FileErrors.Guard(path, doing, () =>
            {
                write(partial);
                File.Move(partial, path, overwrite: true);
            });
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
