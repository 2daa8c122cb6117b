using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

/// <summary>
/// The versioned container every saved synthesizer is written in:
/// <code>
/// magic          10 bytes  89 'S' 'Y' 'N' 'M' 'L' 0D 0A 1A 0A
/// container      Int32     container version (1)
/// format         byte n, n ASCII bytes: the synthesizer format ("GaussianCopula", "Tvae", "Ctgan")
/// format version Int32     the version of that format's body
/// body length    Int64
/// checksum       32 bytes  SHA-256 of the body
/// body           the format's own bytes
/// </code>
/// <see cref="Open"/> checks the header, reads exactly the declared body (never more than the stream holds) and
/// verifies its checksum before any of it is parsed. Files of the first, unversioned layout (a length-prefixed
/// "SyntheticML.Synthesizer", the format name, then the body) are recognised and read as version 1 of their format,
/// without a checksum but through the same validating parser.
/// </summary>
internal static class ModelContainer
{
    /// <summary>The container version this library writes and reads.</summary>
    public const int Version = 1;

    private const string LegacyMagic = "SyntheticML.Synthesizer";
    private const int MaxFormatNameBytes = 64;
    private static readonly byte[] Magic = [0x89, (byte)'S', (byte)'Y', (byte)'N', (byte)'M', (byte)'L', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes the header for <paramref name="body"/> and the body.</summary>
    public static void Write(Stream stream, string format, int formatVersion, ReadOnlySpan<byte> body)
    {
        var name = Encoding.ASCII.GetBytes(format);
        if (name.Length > MaxFormatNameBytes)
        {
            throw new ArgumentException($"Format name '{format}' is longer than {MaxFormatNameBytes} bytes.", nameof(format));
        }

        Span<byte> number = stackalloc byte[8];
        stream.Write(Magic);
        BinaryPrimitives.WriteInt32LittleEndian(number, Version);
        stream.Write(number[..4]);
        stream.WriteByte((byte)name.Length);
        stream.Write(name);
        BinaryPrimitives.WriteInt32LittleEndian(number, formatVersion);
        stream.Write(number[..4]);
        BinaryPrimitives.WriteInt64LittleEndian(number, body.Length);
        stream.Write(number);
        stream.Write(SHA256.HashData(body));
        stream.Write(body);
    }

    /// <summary>
    /// Reads and checks the header, then the body, and returns the format, its version and a reader of the verified
    /// body. <paramref name="isKnown"/> tells whether a format name is registered, so a foreign format fails before
    /// its body is read.
    /// </summary>
    public static (string Format, int FormatVersion, ModelReader Body) Open(Stream stream, Func<string, bool> isKnown)
    {
        var header = ModelReader.Over(stream);
        using var part = header.Part("model file header");
        if (header.Remaining == 0)
        {
            throw header.Corrupt("the stream is empty");
        }

        byte first = header.ReadByte("magic");
        if (first == LegacyMagic.Length)
        {
            return OpenLegacy(header, isKnown);
        }

        var magic = new byte[Magic.Length];
        magic[0] = first;
        for (int i = 1; i < magic.Length && first == Magic[0]; i++)
        {
            magic[i] = header.ReadByte("magic");
        }

        header.Check(magic.AsSpan().SequenceEqual(Magic), "the file does not start with the SyntheticML model signature; it is not a saved synthesizer");
        int container = header.ReadInt32("container version");
        if (container != Version)
        {
            throw header.Corrupt($"container version {container} is not one this library reads (it reads version {Version}); a newer SyntheticML may have written it");
        }

        string format = ReadFormatName(header);
        if (!isKnown(format))
        {
            throw header.Corrupt($"unknown synthesizer format {ModelReader.Quote(format)}");
        }

        int formatVersion = header.ReadInt32("format version");
        long length = header.ReadInt64("body length");
        if (length < 0 || length > ModelFileLimits.MaxBodyBytes)
        {
            throw header.Corrupt($"the body length {length} is outside [0, {ModelFileLimits.MaxBodyBytes}]");
        }

        var checksum = header.ReadBytes("checksum", 32);
        var body = header.ReadBytes("body", length);
        header.Check(CryptographicOperations.FixedTimeEquals(SHA256.HashData(body), checksum), "the body's SHA-256 checksum does not match the header: the file was changed or damaged after it was saved");
        var reader = ModelReader.Over(body);
        return (format, formatVersion, reader);
    }

    private static (string Format, int FormatVersion, ModelReader Body) OpenLegacy(ModelReader header, Func<string, bool> isKnown)
    {
        var magic = Encoding.ASCII.GetString(header.ReadBytes("magic", LegacyMagic.Length));
        header.Check(magic == LegacyMagic, "the file does not start with the SyntheticML model signature; it is not a saved synthesizer");
        var format = header.ReadString("format name", MaxFormatNameBytes);
        if (!isKnown(format))
        {
            throw header.Corrupt($"unknown synthesizer format {ModelReader.Quote(format)}");
        }

        // The first layout has no length or checksum: its body is the rest of the stream, read as version 1.
        return (format, 1, header);
    }

    private static string ReadFormatName(ModelReader header)
    {
        int length = header.ReadByte("format name length");
        if (length > MaxFormatNameBytes)
        {
            throw header.Corrupt($"the format name declares {length} bytes; at most {MaxFormatNameBytes} are allowed");
        }

        var bytes = header.ReadBytes("format name", length);
        header.Check(Array.TrueForAll(bytes, b => b is >= 0x20 and < 0x7F), "the format name is not printable ASCII");
        return Encoding.ASCII.GetString(bytes);
    }
}
