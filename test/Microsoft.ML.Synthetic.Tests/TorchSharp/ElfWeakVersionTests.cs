using System.Diagnostics;
using System.Reflection;
using SyntheticML.Build;

namespace Microsoft.ML.Synthetic.Tests.TorchSharp;

/// <summary>The ELF patcher behind build/TorchSharpNativeFix.targets, checked on the real TorchSharp library.</summary>
[TestClass]
public sealed class ElfWeakVersionTests
{
    private const string Library = "libstdc++.so.6";
    private const string Version = "GLIBCXX_3.4.32";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The pristine library in the NuGet package cache (read only).</summary>
    private static string PackageLibrary
    {
        get
        {
            string root = typeof(ElfWeakVersionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "NuGetPackageRoot").Value!;
            return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    private static string OutputLibrary =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [TestMethod]
    public void ReadVersionNeeds_TorchSharpLibrary_ListsEveryLibstdcxxVersionWithItsIndex()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("ELF libraries are checked on Linux");
        var needs = ElfImage.Parse(File.ReadAllBytes(PackageLibrary)).ReadVersionNeeds();

        // readelf -V on this file: 5 needed libraries, 1 + 1 + 1 + 5 + 20 auxiliary entries.
        Assert.AreEqual(28, needs.Count);
        Assert.AreEqual(20, needs.Count(n => n.File == Library));
        ElfVersionNeed target = needs.Single(n => n.Name == Version);
        Assert.AreEqual(Library, target.File);
        Assert.AreEqual(18, target.Index);
        Assert.IsFalse(target.IsWeak, "the package cache copy must stay untouched");
        Assert.AreEqual(needs.Count, needs.Select(n => n.Index).Distinct().Count(), "version indices are unique");
    }

    [TestMethod]
    public void MarkWeak_HardLinkedCopy_PatchesOnlyTheCopyKeepsTimestampAndIsIdempotent()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("hard links and ELF are checked on Linux");
        string folder = Directory.CreateTempSubdirectory("elfweak").FullName;
        try
        {
            string cache = Path.Combine(folder, "cache.so");
            string output = Path.Combine(folder, "output.so");
            File.Copy(PackageLibrary, cache);
            DateTime stamp = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(cache, stamp);
            Run("ln", cache, output);   // what CreateHardLinksForCopyLocalIfPossible does
            byte[] original = File.ReadAllBytes(cache);

            var first = ElfWeakVersion.MarkWeak(output, Library, new[] { Version });
            Assert.AreEqual(WeakVersionOutcome.MarkedWeak, first[Version]);

            CollectionAssert.AreEqual(original, File.ReadAllBytes(cache), "the hard-linked original was written through");
            byte[] patched = File.ReadAllBytes(output);
            Assert.AreEqual(original.Length, patched.Length);
            int[] changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
            ElfVersionNeed entry = ElfImage.Parse(patched).ReadVersionNeeds().Single(n => n.Name == Version);
            CollectionAssert.AreEqual(new[] { (int)entry.FlagsOffset }, changed, "only vna_flags of the entry changes");
            Assert.IsTrue(entry.IsWeak);
            Assert.AreEqual(stamp, File.GetLastWriteTimeUtc(output));
            Assert.IsFalse(File.Exists(output + ".weak-version.tmp"));

            var second = ElfWeakVersion.MarkWeak(output, Library, new[] { Version });
            Assert.AreEqual(WeakVersionOutcome.AlreadyWeak, second[Version]);
            CollectionAssert.AreEqual(patched, File.ReadAllBytes(output));

            // Independent reader: binutils' readelf, when installed, reports the flag.
            string? readelf = new[] { "/usr/bin/readelf", "/bin/readelf" }.FirstOrDefault(File.Exists);
            if (readelf != null)
            {
                string line = Run(readelf, "-V", output).Split('\n').Single(l => l.Contains("Name: " + Version, StringComparison.Ordinal));
                StringAssert.Contains(line, "Flags: WEAK", StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void MarkWeak_SymbolicLink_ReplacesTheLinkNotItsTarget()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("ELF is checked on Linux");
        string folder = Directory.CreateTempSubdirectory("elfweak").FullName;
        try
        {
            string cache = Path.Combine(folder, "cache.so");
            string output = Path.Combine(folder, "output.so");
            File.Copy(PackageLibrary, cache);
            File.CreateSymbolicLink(output, cache);
            byte[] original = File.ReadAllBytes(cache);

            Assert.AreEqual(WeakVersionOutcome.MarkedWeak, ElfWeakVersion.MarkWeak(output, Library, new[] { Version })[Version]);

            CollectionAssert.AreEqual(original, File.ReadAllBytes(cache));
            Assert.IsNull(new FileInfo(output).LinkTarget, "the link was replaced by a patched regular file");
            Assert.IsTrue(ElfImage.Parse(File.ReadAllBytes(output)).ReadVersionNeeds().Single(n => n.Name == Version).IsWeak);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void MarkWeak_VersionUsedByRelocations_IsLeftStrongAndFileUntouched()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("ELF is checked on Linux");
        string folder = Directory.CreateTempSubdirectory("elfweak").FullName;
        try
        {
            string copy = Path.Combine(folder, "copy.so");
            File.Copy(PackageLibrary, copy);
            byte[] original = File.ReadAllBytes(copy);

            // GLIBCXX_3.4.30 versions symbols the library really calls; CXXABI_9.9 is not needed at all.
            var outcomes = ElfWeakVersion.MarkWeak(copy, Library, new[] { "GLIBCXX_3.4.30", "CXXABI_9.9" });

            Assert.AreEqual(WeakVersionOutcome.UsedByRelocations, outcomes["GLIBCXX_3.4.30"]);
            Assert.AreEqual(WeakVersionOutcome.NotNeeded, outcomes["CXXABI_9.9"]);
            CollectionAssert.AreEqual(original, File.ReadAllBytes(copy));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void Parse_NotElf_ThrowsInvalidData()
    {
        Assert.ThrowsExactly<InvalidDataException>(() => ElfImage.Parse(new byte[128]));
        byte[] elf32 = new byte[128];
        elf32[0] = 0x7f; elf32[1] = (byte)'E'; elf32[2] = (byte)'L'; elf32[3] = (byte)'F'; elf32[4] = 1; elf32[5] = 1;
        Assert.ThrowsExactly<InvalidDataException>(() => ElfImage.Parse(elf32));
    }

    [TestMethod]
    public void DefinesVersion_SystemLibstdcxx_KnowsItsOwnVersionsOnly()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("ELF is checked on Linux");
        string? system = ElfWeakVersion.FindSystemLibrary(Library, machine: 62);
        Assert.IsNotNull(system, "no x86-64 libstdc++.so.6 found");
        Assert.IsTrue(ElfWeakVersion.DefinesVersion(system, "GLIBCXX_3.4"));
        Assert.IsTrue(ElfWeakVersion.DefinesVersion(system, "CXXABI_1.3"));
        Assert.IsFalse(ElfWeakVersion.DefinesVersion(system, "GLIBCXX_9.9.99"));
    }

    [TestMethod]
    public void OutputFolderLibrary_OnThisSystem_IsPatchedExactlyWhenNeededAndLoads()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("ELF is checked on Linux");
        string? system = ElfWeakVersion.FindSystemLibrary(Library, machine: 62);
        bool needed = system == null || !ElfWeakVersion.DefinesVersion(system, Version);
        ElfVersionNeed entry = ElfImage.Parse(File.ReadAllBytes(OutputLibrary)).ReadVersionNeeds().Single(n => n.Name == Version);
        Assert.AreEqual(needed, entry.IsWeak, $"system libstdc++ {system} needs the fix: {needed}");

        // The loader's own check: ldd finds every library and every required version of the output copy; a
        // version missing here may only be reported as a weak one ("weak version `GLIBCXX_3.4.32' not found").
        string report = Run("ldd", OutputLibrary);
        TestContext.WriteLine(report);
        string[] missing = report.Split('\n').Where(l => l.Contains("not found", StringComparison.Ordinal)).ToArray();
        Assert.IsTrue(missing.All(l => l.Contains("weak version `" + Version + "'", StringComparison.Ordinal)), report);
        Assert.AreEqual(needed ? 1 : 0, missing.Length, report);
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"{program} failed: {error}");
        return output + error;
    }
}
