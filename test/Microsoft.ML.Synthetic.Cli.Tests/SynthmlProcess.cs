using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.Parallelize(Workers = 2, Scope = Microsoft.VisualStudio.TestTools.UnitTesting.ExecutionScope.ClassLevel)]

namespace Microsoft.ML.Synthetic.Cli.Tests;

/// <summary>What a run of the tool gave.</summary>
internal sealed record SynthmlResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Output}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}

/// <summary>Runs the built synthml tool (its synthml.dll under <c>dotnet</c>) as a separate process on real files.</summary>
internal static class SynthmlProcess
{
    /// <summary>The tool's synthml.dll, as the build recorded it.</summary>
    public static string ToolPath { get; } = typeof(SynthmlProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SynthmlPath").Value!;

    /// <summary>Adult, as shipped in examples/data and copied next to the tests.</summary>
    public static string AdultPath => Path.Combine(AppContext.BaseDirectory, "data", "adult.csv");

    /// <summary>Runs <c>synthml args</c> in <paramref name="folder"/> and waits for it (at most two minutes).</summary>
    public static SynthmlResult Run(string folder, params string[] args)
    {
        using var process = Start(folder, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"synthml {string.Join(' ', args)} did not finish in two minutes.");
        }

        return new SynthmlResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts <c>synthml args</c> in <paramref name="folder"/> with its output redirected.</summary>
    public static Process Start(string folder, params string[] args)
    {
        Assert.IsTrue(File.Exists(ToolPath), $"The built tool is missing: {ToolPath}. Build src/Microsoft.ML.Synthetic.Cli first.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ToolPath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Sends SIGTERM (what a terminal's Ctrl+C and a service manager's stop both lead to; handled alike by the tool).</summary>
    public static void Terminate(Process process) => Assert.AreEqual(0, SendSignal(process.Id, 15), "kill(SIGTERM) failed.");

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
