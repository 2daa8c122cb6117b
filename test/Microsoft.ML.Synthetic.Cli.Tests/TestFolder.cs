namespace Microsoft.ML.Synthetic.Cli.Tests;

/// <summary>A fresh temporary folder for a test class's files, deleted with it.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "synthml-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The full path of <paramref name="name"/> in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, string text)
    {
        System.IO.File.WriteAllText(File(name), text);
        return File(name);
    }

    /// <summary>The first <paramref name="rows"/> rows of Adult (with its header) as <paramref name="name"/>.</summary>
    public string AdultHead(string name, int rows) =>
        Write(name, string.Join('\n', System.IO.File.ReadLines(SynthmlProcess.AdultPath).Take(rows + 1)) + "\n");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Reads the CSV files the tool writes (Adult has no separators inside fields).</summary>
internal static class CsvFile
{
    /// <summary>The header and the rows, each field unquoted and trimmed.</summary>
    public static (string[] Header, List<string[]> Rows) Read(string path)
    {
        var lines = File.ReadAllLines(path);
        static string[] Split(string line) => line.Split(',').Select(f => f.Trim('"').Trim()).ToArray();
        return (Split(lines[0]), lines.Skip(1).Select(Split).ToList());
    }
}

/// <summary>Assertions shared by the error tests.</summary>
internal static class Expect
{
    /// <summary>The run failed with <paramref name="exitCode"/>, and standard error names every one of <paramref name="named"/> and shows no stack trace.</summary>
    public static void Failure(SynthmlResult result, int exitCode, params string[] named)
    {
        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        foreach (string text in named)
        {
            StringAssert.Contains(result.Error, text, result.ToString());
        }

        Assert.IsFalse(result.Error.Contains("   at ", StringComparison.Ordinal), "A user error must not print a stack trace: " + result);
    }
}
