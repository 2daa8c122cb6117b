using System.Text.RegularExpressions;

namespace Microsoft.ML.Synthetic.Tests.PublicSurface;

/// <summary>
/// The namespace rule of CONTRIBUTING.md for one source file: a file that declares a public type is in
/// <c>Microsoft.ML.Synthetic</c> (the <c>mlContext.Synthetic()</c> entry class in <c>Microsoft.ML</c>); a file that
/// declares only non-public types is in the namespace of its folder (project name, then the folders).
/// </summary>
internal static partial class NamespaceRule
{
    public const string PublicNamespace = "Microsoft.ML.Synthetic";

    /// <summary>The entry extension class, which ML.NET's convention puts in <c>Microsoft.ML</c>.</summary>
    public const string EntryClass = "MLContextExtensions";

    /// <summary>The namespace <paramref name="relativePath"/> (from <c>src/</c>, with '/') must declare.</summary>
    public static string Expected(string relativePath, string source)
    {
        var types = TopLevelTypes().Matches(source).Select(m => (Public: m.Groups["mod"].Value.Contains("public", StringComparison.Ordinal), Name: m.Groups["name"].Value)).ToList();
        if (types.Any(t => t.Public))
        {
            return types.Any(t => t.Public && t.Name == EntryClass) ? "Microsoft.ML" : PublicNamespace;
        }

        var folders = relativePath.Split('/');
        return string.Join('.', folders[..^1]);
    }

    /// <summary>The namespace the file declares, or null when it declares none.</summary>
    public static string? Declared(string source)
    {
        var match = NamespaceDeclaration().Match(source);
        return match.Success ? match.Groups["ns"].Value : null;
    }

    /// <summary>A message naming the file and the namespace it must use, or null when the file follows the rule.</summary>
    public static string? Check(string relativePath, string source)
    {
        if (!TopLevelTypes().IsMatch(source))
        {
            return null;   // no type to place: global usings, or a program's top-level statements
        }

        string expected = Expected(relativePath, source);
        string? declared = Declared(source);
        return declared == expected
            ? null
            : $"src/{relativePath}: declares namespace '{declared ?? "(none)"}' but must use '{expected}' " +
              (expected == PublicNamespace || expected == "Microsoft.ML"
                  ? "(it declares a public type; public types live in Microsoft.ML.Synthetic)."
                  : "(it declares only non-public types, which live in their folder's namespace).");
    }

    // A type declared at namespace level: column 0 under a file-scoped namespace, two spaces under a block namespace
    // (generated code). Nested types are indented further and do not count.
    [GeneratedRegex(@"^ {0,2}(?<mod>(?:(?:public|internal|file|static|sealed|abstract|readonly|partial|unsafe|ref)\s+)*)(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?|delegate\s+[\w<>\[\],?\s]+?)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelTypes();

    [GeneratedRegex(@"^namespace\s+(?<ns>[\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
