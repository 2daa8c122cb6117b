namespace Microsoft.ML.Synthetic.Tests;

/// <summary>
/// What a test does when a tool it needs (Chromium, Python's onnx) is not installed: Inconclusive on a developer's
/// machine, a failure in CI (environment variable <c>CI=true</c>), where <c>.ci/run</c> installs every such tool.
/// </summary>
internal static class MissingTool
{
    /// <summary>Ends the test: Assert.Fail under <c>CI=true</c>, else Assert.Inconclusive; <paramref name="message"/> names the tool and how to install it.</summary>
    public static void EndTest(string message) => EndTest(message, Environment.GetEnvironmentVariable("CI"));

    /// <summary><see cref="EndTest(string)"/> with the value of <c>CI</c> given.</summary>
    internal static void EndTest(string message, string? ci)
    {
        if (string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{message} CI=true, and .ci/run installs this tool: its absence is a failure there.");
        }

        Assert.Inconclusive(message);
    }
}
