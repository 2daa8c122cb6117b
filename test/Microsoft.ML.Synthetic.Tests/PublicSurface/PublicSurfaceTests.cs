using System.Reflection;

namespace Microsoft.ML.Synthetic.Tests.PublicSurface;

/// <summary>
/// One public surface: everything a user can name is in <c>Microsoft.ML.Synthetic</c> (the entry extension in
/// <c>Microsoft.ML</c>), and every source file follows the namespace rule (<see cref="NamespaceRule"/>).
/// </summary>
[TestClass]
public sealed class PublicSurfaceTests
{
    private static readonly Assembly[] Libraries = [typeof(SyntheticCatalog).Assembly, typeof(QualityReport).Assembly];

    [TestMethod]
    public void ExportedTypes_AreAllInMicrosoftMlSyntheticOrTheEntryExtensionInMicrosoftMl()
    {
        var misplaced = Libraries.SelectMany(a => a.GetExportedTypes())
            .Where(t => t.Namespace != NamespaceRule.PublicNamespace && !(t.Namespace == "Microsoft.ML" && t.Name == NamespaceRule.EntryClass))
            .Select(t => $"{t.Assembly.GetName().Name}: {t.FullName} is public in namespace '{t.Namespace}'; move it to {NamespaceRule.PublicNamespace} or make it internal.")
            .ToList();

        Assert.IsEmpty(misplaced, string.Join("\n", misplaced));
        Assert.AreEqual("Microsoft.ML", typeof(MLContextExtensions).Namespace);
    }

    [TestMethod]
    public void NamespaceRule_FileWithoutTypes_HasNothingToPlace_ButATypeOutsideItsFolderNamespaceIsReported()
    {
        Assert.IsNull(NamespaceRule.Check("Microsoft.ML.Synthetic.Cli/Program.cs", "using Microsoft.ML;\nreturn await Run(args);\n"));
        Assert.IsNull(NamespaceRule.Check("Microsoft.ML.Synthetic.Cli/GlobalUsings.cs", "global using Microsoft.ML;\n"));
        StringAssert.Contains(NamespaceRule.Check("Microsoft.ML.Synthetic.Cli/Files/X.cs", "namespace Other;\n\ninternal static class X\n{\n}\n"), "must use 'Microsoft.ML.Synthetic.Cli.Files'");
    }

    [TestMethod]
    public void SourceFiles_UseMicrosoftMlSyntheticForPublicTypesAndTheirFolderNamespaceOtherwise()
    {
        string src = Path.Combine(RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(src, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "obj" or "bin"))
            .ToList();

        var problems = files.Select(f => NamespaceRule.Check(f, File.ReadAllText(Path.Combine(src, f)))).OfType<string>().ToList();

        Assert.IsGreaterThan(200, files.Count, "the scan found too few source files; is the repository layout unchanged?");
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void Check_InternalTypeOutsideItsFolderNamespace_NamesTheFileAndTheFolderNamespace()
    {
        const string source = "namespace Microsoft.ML.Synthetic.Ctgan;\n\ninternal sealed class Networks\n{\n    public sealed class Nested { }\n}\n";

        string? problem = NamespaceRule.Check("Microsoft.ML.Synthetic/Synthesizers/Ctgan/Networks.cs", source);

        Assert.IsNotNull(problem);
        StringAssert.Contains(problem, "src/Microsoft.ML.Synthetic/Synthesizers/Ctgan/Networks.cs");
        StringAssert.Contains(problem, "'Microsoft.ML.Synthetic.Synthesizers.Ctgan'");
    }

    [TestMethod]
    public void Check_PublicTypeInAFolderNamespace_AsksForMicrosoftMlSynthetic()
    {
        const string source = "namespace Microsoft.ML.Synthetic.Evaluation.Gate;\n\npublic sealed class Gate { }\n\ninternal static class Helper { }\n";

        string? problem = NamespaceRule.Check("Microsoft.ML.Synthetic.Evaluation/Gate/Gate.cs", source);

        Assert.IsNotNull(problem);
        StringAssert.Contains(problem, "must use 'Microsoft.ML.Synthetic'");
    }

    [TestMethod]
    public void Check_FilesFollowingTheRule_PassIncludingGeneratedBlockNamespaces()
    {
        Assert.IsNull(NamespaceRule.Check("Microsoft.ML.Synthetic/Numerics/Moments.cs", "namespace Microsoft.ML.Synthetic.Numerics;\n\ninternal static class Moments { }\n"));
        Assert.IsNull(NamespaceRule.Check("Microsoft.ML.Synthetic/Onnx/Protocol/X.g.cs", "namespace Microsoft.ML.Synthetic.Onnx.Protocol {\n  internal sealed partial class X {\n    public static partial class Types { }\n  }\n}\n"));
        Assert.IsNull(NamespaceRule.Check("Microsoft.ML.Synthetic/Catalogs/MLContextExtensions.cs", "namespace Microsoft.ML;\n\npublic static class MLContextExtensions { }\n"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SyntheticML.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No SyntheticML.sln above {AppContext.BaseDirectory}: run the tests from the repository's build output.");
    }
}
