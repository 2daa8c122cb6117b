using System.CommandLine;

namespace Microsoft.ML.Synthetic.Cli.Commands;

/// <summary>Options several commands share, built the same way each time.</summary>
internal static class CommonOptions
{
    /// <summary><c>--seed</c>: the random seed (same seed, same output).</summary>
    public static Option<int?> Seed(string what) => new("--seed") { Description = $"The random seed of {what}: the same seed gives the same output." };

    /// <summary><c>--metadata</c>: a metadata JSON file.</summary>
    public static Option<string?> Metadata() => new("--metadata", "-m")
    {
        Description = "A metadata JSON file: column types (continuous, categorical, ordinal, boolean), missingTokens, numbersAsDouble, separator. Without it, numbers are continuous and anything else categorical.",
    };

    /// <summary><c>--output</c>/<c>-o</c>.</summary>
    public static Option<string> Output(string description, bool required) => new("--output", "-o") { Description = description, Required = required };
}
