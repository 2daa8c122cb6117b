using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles;

/// <summary>
/// The documented container layout, written independently of the library: 10 magic bytes, Int32 container version,
/// a length-prefixed ASCII format name, Int32 format version, Int64 body length, 32 bytes SHA-256, the body.
/// </summary>
internal static class ModelFileBytes
{
    public static readonly byte[] Magic = [0x89, (byte)'S', (byte)'Y', (byte)'N', (byte)'M', (byte)'L', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Splits a saved file into its format, format version and body.</summary>
    public static (string Format, int Version, byte[] Body) Split(byte[] file)
    {
        CollectionAssert.AreEqual(Magic, file[..10], "magic");
        Assert.AreEqual(1, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(10)), "container version");
        int nameLength = file[14];
        var format = Encoding.ASCII.GetString(file, 15, nameLength);
        int at = 15 + nameLength;
        int version = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at));
        long length = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(at + 4));
        var checksum = file.AsSpan(at + 12, 32).ToArray();
        var body = file[(at + 44)..];
        Assert.AreEqual(length, body.Length, "body length");
        CollectionAssert.AreEqual(SHA256.HashData(body), checksum, "checksum");
        return (format, version, body);
    }

    /// <summary>A file with a valid header (length and checksum of <paramref name="body"/>) around any body.</summary>
    public static byte[] Build(string format, int version, byte[] body)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write(1);
        writer.Write((byte)format.Length);
        writer.Write(Encoding.ASCII.GetBytes(format));
        writer.Write(version);
        writer.Write((long)body.Length);
        writer.Write(SHA256.HashData(body));
        writer.Write(body);
        return stream.ToArray();
    }

    /// <summary>The same model in the first, unversioned layout: length-prefixed "SyntheticML.Synthesizer", the format name, the body.</summary>
    public static byte[] Legacy(byte[] file)
    {
        var (format, _, body) = Split(file);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write("SyntheticML.Synthesizer");
        writer.Write(format);
        writer.Write(body);
        return stream.ToArray();
    }
}
