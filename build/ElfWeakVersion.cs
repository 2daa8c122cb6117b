// ELF64 symbol-version patching used by build/TorchSharpNativeFix.targets (compiled there as an MSBuild inline
// task by RoslynCodeTaskFactory) and by the unit tests (compiled with ELF_WEAK_VERSION_NO_TASK defined).
//
// Structures follow the System V gABI (ELF64 header, section headers) and the LSB "Symbol Versioning"
// specification (Elf64_Verneed / Elf64_Vernaux in SHT_GNU_verneed, Elf64_Verdef / Elf64_Verdaux in
// SHT_GNU_verdef, Elf64_Versym in SHT_GNU_versym). VER_FLG_WEAK (0x2) on a Vernaux entry tells glibc's loader
// that a missing version is not an error (glibc elf/dl-version.c, match_symbol).
//
// This file is compiled against netstandard by RoslynCodeTaskFactory: keep it to netstandard2.0 APIs.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace SyntheticML.Build
{
    /// <summary>One auxiliary entry (Elf64_Vernaux) of a needed library in .gnu.version_r.</summary>
    public sealed class ElfVersionNeed
    {
        /// <summary>Creates the entry.</summary>
        public ElfVersionNeed(string file, string name, ushort flags, ushort index, long flagsOffset)
        {
            File = file;
            Name = name;
            Flags = flags;
            Index = index;
            FlagsOffset = flagsOffset;
        }

        /// <summary>The needed library (vn_file), e.g. <c>libstdc++.so.6</c>.</summary>
        public string File { get; }

        /// <summary>The version name (vna_name), e.g. <c>GLIBCXX_3.4.32</c>.</summary>
        public string Name { get; }

        /// <summary>vna_flags (VER_FLG_WEAK = 0x2).</summary>
        public ushort Flags { get; }

        /// <summary>vna_other: the version index that .gnu.version entries use for this version.</summary>
        public ushort Index { get; }

        /// <summary>File offset of vna_flags.</summary>
        public long FlagsOffset { get; }

        /// <summary>Whether VER_FLG_WEAK is set.</summary>
        public bool IsWeak => (Flags & ElfImage.VerFlagWeak) != 0;
    }

    /// <summary>A read-only view of a little-endian ELF64 file's section headers and symbol-version tables.</summary>
    public sealed class ElfImage
    {
        /// <summary>VER_FLG_WEAK.</summary>
        public const ushort VerFlagWeak = 0x2;

        private const uint ShtRela = 4;
        private const uint ShtDynsym = 11;
        private const uint ShtRel = 9;
        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const uint ShtGnuVersym = 0x6fffffff;

        private readonly byte[] _data;
        private readonly List<Section> _sections = new List<Section>();

        private ElfImage(byte[] data)
        {
            _data = data;
        }

        /// <summary>Parses the header and section headers; throws <see cref="InvalidDataException"/> if malformed.</summary>
        public static ElfImage Parse(byte[] data)
        {
            if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (data[4] != 2) throw new InvalidDataException("not a 64-bit ELF file (EI_CLASS " + data[4] + ")");
            if (data[5] != 1) throw new InvalidDataException("not a little-endian ELF file (EI_DATA " + data[5] + ")");

            var image = new ElfImage(data);
            ulong shoff = image.U64(40);
            ushort shentsize = image.U16(58);
            ulong shnum = image.U16(60);
            uint shstrndx = image.U16(62);
            if (shoff == 0) throw new InvalidDataException("no section header table");
            if (shentsize < 64) throw new InvalidDataException("section header entries of " + shentsize + " bytes");

            // Extended numbering (gABI): the real counts live in section 0 when they overflow 16 bits.
            image.CheckRange(shoff, shentsize);
            if (shnum == 0) shnum = image.U64((long)shoff + 32);
            if (shstrndx == 0xffff) shstrndx = image.U32((long)shoff + 40);
            image.CheckRange(shoff, shnum * shentsize);

            for (ulong i = 0; i < shnum; i++)
            {
                long h = (long)(shoff + i * shentsize);
                var s = new Section(
                    nameOffset: image.U32(h),
                    type: image.U32(h + 4),
                    offset: image.U64(h + 24),
                    size: image.U64(h + 32),
                    link: image.U32(h + 40),
                    info: image.U32(h + 44),
                    entrySize: image.U64(h + 56));
                if (s.Type != 8 /* SHT_NOBITS */ && s.Type != 0) image.CheckRange(s.Offset, s.Size);
                image._sections.Add(s);
            }
            if (shstrndx >= image._sections.Count) throw new InvalidDataException("section name table index out of range");
            Section names = image._sections[(int)shstrndx];
            foreach (Section s in image._sections) s.Name = image.ReadString(names, s.NameOffset);
            return image;
        }

        /// <summary>ELF e_machine (62 = x86-64, 183 = AArch64).</summary>
        public ushort Machine => U16(18);

        /// <summary>Section names in file order.</summary>
        public IEnumerable<string> SectionNames
        {
            get { foreach (Section s in _sections) yield return s.Name; }
        }

        /// <summary>Walks the SHT_GNU_verneed section: every Vernaux of every Verneed.</summary>
        public IReadOnlyList<ElfVersionNeed> ReadVersionNeeds()
        {
            var result = new List<ElfVersionNeed>();
            foreach (Section s in _sections)
            {
                if (s.Type != ShtGnuVerneed) continue;
                Section strings = LinkedStrings(s);
                long end = (long)(s.Offset + s.Size);
                long need = (long)s.Offset;
                // sh_info holds the number of Verneed entries; vn_next chains them (0 ends the chain).
                for (uint n = 0; n < s.Info; n++)
                {
                    CheckInside(need, 16, (long)s.Offset, end);
                    ushort count = U16(need + 2);
                    string file = ReadString(strings, U32(need + 4));
                    long aux = need + U32(need + 8);
                    for (int a = 0; a < count; a++)
                    {
                        CheckInside(aux, 16, (long)s.Offset, end);
                        result.Add(new ElfVersionNeed(
                            file,
                            ReadString(strings, U32(aux + 8)),
                            U16(aux + 4),
                            U16(aux + 6),
                            aux + 4));
                        uint nextAux = U32(aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = U32(need + 12);
                    if (next == 0) break;
                    need += next;
                }
            }
            return result;
        }

        /// <summary>Names of the versions this file defines (SHT_GNU_verdef), including its own base name.</summary>
        public IReadOnlyList<string> ReadVersionDefinitions()
        {
            var result = new List<string>();
            foreach (Section s in _sections)
            {
                if (s.Type != ShtGnuVerdef) continue;
                Section strings = LinkedStrings(s);
                long end = (long)(s.Offset + s.Size);
                long def = (long)s.Offset;
                for (uint n = 0; n < s.Info; n++)
                {
                    CheckInside(def, 20, (long)s.Offset, end);
                    ushort count = U16(def + 6);
                    if (count > 0)
                    {
                        long aux = def + U32(def + 12);
                        CheckInside(aux, 8, (long)s.Offset, end);
                        result.Add(ReadString(strings, U32(aux)));   // the first Verdaux names the version
                    }
                    uint next = U32(def + 16);
                    if (next == 0) break;
                    def += next;
                }
            }
            return result;
        }

        /// <summary>
        /// Whether any dynamic relocation (SHT_RELA / SHT_REL against .dynsym) refers to a symbol whose
        /// .gnu.version entry is <paramref name="versionIndex"/>. Weakening a version that a relocation needs
        /// would only move the failure from load time to a missing-symbol error.
        /// </summary>
        public bool IsVersionUsedByRelocations(ushort versionIndex)
        {
            int dynsym = _sections.FindIndex(s => s.Type == ShtDynsym);
            Section? versym = _sections.Find(s => s.Type == ShtGnuVersym);
            if (dynsym < 0 || versym == null) return false;
            long symbolCount = (long)(versym.Size / 2);
            foreach (Section s in _sections)
            {
                if ((s.Type != ShtRela && s.Type != ShtRel) || s.Link != dynsym) continue;
                long entry = s.EntrySize != 0 ? (long)s.EntrySize : (s.Type == ShtRela ? 24 : 16);
                for (long r = (long)s.Offset; r + entry <= (long)(s.Offset + s.Size); r += entry)
                {
                    long symbol = (long)(U64(r + 8) >> 32);   // ELF64_R_SYM(r_info)
                    if (symbol == 0 || symbol >= symbolCount) continue;
                    ushort version = (ushort)(U16((long)versym.Offset + 2 * symbol) & 0x7fff);   // bit 15 = hidden
                    if (version == versionIndex) return true;
                }
            }
            return false;
        }

        private Section LinkedStrings(Section s)
        {
            if (s.Link >= _sections.Count) throw new InvalidDataException("section " + s.Name + " links to a missing string table");
            return _sections[(int)s.Link];
        }

        private string ReadString(Section table, uint offset)
        {
            if (offset >= table.Size) throw new InvalidDataException("string offset " + offset + " outside " + table.Name);
            long start = (long)table.Offset + offset;
            long end = start;
            long limit = (long)(table.Offset + table.Size);
            while (end < limit && _data[end] != 0) end++;
            return Encoding.UTF8.GetString(_data, (int)start, (int)(end - start));
        }

        private void CheckRange(ulong offset, ulong size)
        {
            if (offset > (ulong)_data.Length || size > (ulong)_data.Length - offset)
                throw new InvalidDataException("range " + offset + "+" + size + " lies outside the file");
        }

        private static void CheckInside(long offset, long size, long start, long end)
        {
            if (offset < start || offset + size > end) throw new InvalidDataException("version entry outside its section");
        }

        private ushort U16(long o) => (ushort)(_data[o] | _data[o + 1] << 8);

        private uint U32(long o) => (uint)(_data[o] | _data[o + 1] << 8 | _data[o + 2] << 16 | _data[o + 3] << 24);

        private ulong U64(long o) => U32(o) | (ulong)U32(o + 4) << 32;

        private sealed class Section
        {
            public Section(uint nameOffset, uint type, ulong offset, ulong size, uint link, uint info, ulong entrySize)
            {
                NameOffset = nameOffset;
                Type = type;
                Offset = offset;
                Size = size;
                Link = link;
                Info = info;
                EntrySize = entrySize;
            }

            public string Name { get; set; } = "";
            public uint NameOffset { get; }
            public uint Type { get; }
            public ulong Offset { get; }
            public ulong Size { get; }
            public uint Link { get; }
            public uint Info { get; }
            public ulong EntrySize { get; }
        }
    }

    /// <summary>What <see cref="ElfWeakVersion.MarkWeak"/> did to one version.</summary>
    public enum WeakVersionOutcome
    {
        /// <summary>The file does not need this version from that library: nothing to do.</summary>
        NotNeeded,
        /// <summary>The entry was already weak: nothing written.</summary>
        AlreadyWeak,
        /// <summary>A dynamic relocation uses a symbol of this version: left strong, so the problem stays visible.</summary>
        UsedByRelocations,
        /// <summary>The flag was set.</summary>
        MarkedWeak,
    }

    /// <summary>Sets VER_FLG_WEAK on needed-version entries, writing a new file renamed over the original.</summary>
    public static class ElfWeakVersion
    {
        /// <summary>
        /// Marks each of <paramref name="versions"/> needed from <paramref name="library"/> weak in the ELF file at
        /// <paramref name="path"/>. The file is never written in place: a patched copy is written beside it and
        /// renamed over it, so a hard link or symbolic link at <paramref name="path"/> (into a package cache) is
        /// replaced rather than written through. The original modification time and permissions are kept.
        /// Running it again changes nothing.
        /// </summary>
        public static IReadOnlyDictionary<string, WeakVersionOutcome> MarkWeak(string path, string library, IEnumerable<string> versions)
        {
            byte[] data = File.ReadAllBytes(path);
            ElfImage image = ElfImage.Parse(data);
            IReadOnlyList<ElfVersionNeed> needs = image.ReadVersionNeeds();
            var outcomes = new Dictionary<string, WeakVersionOutcome>(StringComparer.Ordinal);
            var offsets = new List<long>();
            foreach (string version in versions)
            {
                ElfVersionNeed? need = null;
                foreach (ElfVersionNeed n in needs)
                    if (n.File == library && n.Name == version) { need = n; break; }
                if (need == null) outcomes[version] = WeakVersionOutcome.NotNeeded;
                else if (need.IsWeak) outcomes[version] = WeakVersionOutcome.AlreadyWeak;
                else if (image.IsVersionUsedByRelocations(need.Index)) outcomes[version] = WeakVersionOutcome.UsedByRelocations;
                else
                {
                    outcomes[version] = WeakVersionOutcome.MarkedWeak;
                    offsets.Add(need.FlagsOffset);
                }
            }
            if (offsets.Count == 0) return outcomes;

            foreach (long o in offsets) data[o] |= (byte)ElfImage.VerFlagWeak;   // vna_flags, low byte (little-endian)
            DateTime modified = File.GetLastWriteTimeUtc(path);
            string temporary = path + ".weak-version.tmp";
            try
            {
                File.Copy(path, temporary, overwrite: true);   // a regular file with the original's permissions
                using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write))
                {
                    foreach (long o in offsets)
                    {
                        stream.Position = o;
                        stream.WriteByte(data[o]);
                    }
                }
                File.SetLastWriteTimeUtc(temporary, modified);
                File.Replace(temporary, path, null);   // rename(2) on Unix: replaces a link, never writes through it
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            return outcomes;
        }

        /// <summary>Whether the ELF shared library at <paramref name="path"/> defines <paramref name="version"/>.</summary>
        public static bool DefinesVersion(string path, string version)
        {
            foreach (string defined in ElfImage.Parse(File.ReadAllBytes(path)).ReadVersionDefinitions())
                if (defined == version) return true;
            return false;
        }

        /// <summary>
        /// The file the dynamic loader would use for <paramref name="soname"/> for machine <paramref name="machine"/>:
        /// the first match in <c>ldconfig -p</c>, else the first match in the usual library folders; null if none.
        /// </summary>
        public static string? FindSystemLibrary(string soname, ushort machine)
        {
            var candidates = new List<string>();
            foreach (string ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig" })
            {
                if (!File.Exists(ldconfig)) continue;
                try
                {
                    var start = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
                    using (Process? process = Process.Start(start))
                    {
                        if (process != null)
                        {
                            string output = process.StandardOutput.ReadToEnd();
                            process.WaitForExit();
                            foreach (string line in output.Split('\n'))
                            {
                                string trimmed = line.Trim();
                                int arrow = trimmed.IndexOf("=> ", StringComparison.Ordinal);
                                if (arrow > 0 && trimmed.StartsWith(soname + " ", StringComparison.Ordinal))
                                    candidates.Add(trimmed.Substring(arrow + 3).Trim());
                            }
                        }
                    }
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    // ldconfig could not run: fall back to the folders below.
                }
                break;
            }
            foreach (string folder in new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                                              "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib" })
                candidates.Add(Path.Combine(folder, soname));

            foreach (string candidate in candidates)
            {
                if (!File.Exists(candidate)) continue;
                try
                {
                    if (ElfImage.Parse(File.ReadAllBytes(candidate)).Machine == machine) return candidate;
                }
                catch (InvalidDataException)
                {
                    // not a 64-bit little-endian ELF file of ours: keep looking
                }
            }
            return null;
        }
    }
}

#if !ELF_WEAK_VERSION_NO_TASK
namespace SyntheticML.Build
{
    /// <summary>
    /// MSBuild task: in each of <see cref="Files"/>, marks the needed <see cref="Versions"/> of <see cref="Library"/>
    /// weak when the system's copy of <see cref="Library"/> does not define them.
    /// </summary>
    public sealed class MarkElfVersionsWeak : Microsoft.Build.Utilities.Task
    {
        /// <summary>ELF files to patch (copies in an output folder, never package-cache files).</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>Needed library whose versions are concerned, e.g. libstdc++.so.6.</summary>
        [Microsoft.Build.Framework.Required]
        public string Library { get; set; } = "";

        /// <summary>Semicolon-separated version names that may be weakened, e.g. GLIBCXX_3.4.32.</summary>
        [Microsoft.Build.Framework.Required]
        public string Versions { get; set; } = "";

        /// <summary>Optional: the system library to check instead of the one the loader would find.</summary>
        public string SystemLibrary { get; set; } = "";

        /// <summary>Runs the task.</summary>
        public override bool Execute()
        {
            string[] versions = Versions.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);
            foreach (Microsoft.Build.Framework.ITaskItem item in Files)
            {
                string path = item.GetMetadata("FullPath");
                if (!File.Exists(path))
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "{0}: not there, nothing to patch", path);
                    continue;
                }
                try
                {
                    ElfImage image = ElfImage.Parse(File.ReadAllBytes(path));
                    string? system = SystemLibrary.Length > 0 ? SystemLibrary : ElfWeakVersion.FindSystemLibrary(Library, image.Machine);
                    var missing = new List<string>();
                    foreach (string version in versions)
                        if (system == null || !ElfWeakVersion.DefinesVersion(system, version)) missing.Add(version);
                    if (missing.Count == 0)
                    {
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                            "{0}: {1} defines {2}; no patch needed", path, system, Versions);
                        continue;
                    }
                    foreach (KeyValuePair<string, WeakVersionOutcome> outcome in ElfWeakVersion.MarkWeak(path, Library, missing))
                    {
                        switch (outcome.Value)
                        {
                            case WeakVersionOutcome.MarkedWeak:
                                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                                    "TorchSharpNativeFix: marked {0} of {1} weak in {2} ({3} lacks it)",
                                    outcome.Key, Library, path, system ?? "no system " + Library);
                                break;
                            case WeakVersionOutcome.UsedByRelocations:
                                Log.LogWarning("{0}: {1} of {2} is missing on this system and a relocation uses it; left unpatched",
                                    path, outcome.Key, Library);
                                break;
                            default:
                                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "{0}: {1} {2}", path, outcome.Key, outcome.Value);
                                break;
                        }
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    Log.LogError("{0}: cannot patch the ELF file: {1}", path, e.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
}
#endif
