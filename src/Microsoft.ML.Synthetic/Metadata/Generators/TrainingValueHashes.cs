using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// The training values of a generated column, kept only as salted hashes (HMAC-SHA-256 under a per-column 16-byte
/// salt, truncated to 64 bits) so that a generator can refuse to output a training value and a saved model does not
/// hold the values in clear. A truncated hash can only err towards refusing a new value (about n / 2^64 of the time),
/// never towards letting a training value through. Anyone holding the model and the salt can still test a guess (a
/// dictionary attack), which matters for small value spaces such as phone numbers: see Metadata/README.md.
/// </summary>
internal sealed class TrainingValueHashes
{
    private const int SaltBytes = 16;
    private readonly byte[] _salt;
    private readonly HashSet<ulong> _hashes;

    private TrainingValueHashes(byte[] salt, HashSet<ulong> hashes)
    {
        _salt = salt;
        _hashes = hashes;
    }

    /// <summary>The number of distinct hashed values.</summary>
    public int Count => _hashes.Count;

    /// <summary>Hashes the (already normalised) <paramref name="values"/> under a salt derived from <paramref name="saltSeed"/> and the column.</summary>
    public static TrainingValueHashes Create(IEnumerable<string> values, int saltSeed, string column)
    {
        var salt = SHA256.HashData(Encoding.UTF8.GetBytes($"SyntheticML generated-column salt|{saltSeed}|{column}"))[..SaltBytes];
        var hashes = new HashSet<ulong>();
        foreach (var v in values)
        {
            hashes.Add(Hash(salt, v));
        }

        return new TrainingValueHashes(salt, hashes);
    }

    /// <summary>Whether the (normalised) <paramref name="value"/> was a training value.</summary>
    public bool Contains(string value) => _hashes.Contains(Hash(_salt, value));

    private static ulong Hash(byte[] salt, string value)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(value), mac);
        return BinaryPrimitives.ReadUInt64LittleEndian(mac);
    }

    /// <summary>Writes the salt and the hashes in increasing order (the order of the training rows is not kept).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_salt);
        var sorted = _hashes.ToArray();
        Array.Sort(sorted);
        writer.Write(sorted.Length);
        foreach (var h in sorted)
        {
            writer.Write(h);
        }
    }

    public static TrainingValueHashes Read(ModelReader reader)
    {
        using var part = reader.Part("training-value hashes");
        var salt = reader.ReadBytes("salt", SaltBytes);
        int count = reader.ReadCount("hash count", int.MaxValue, 8);
        var hashes = new HashSet<ulong>(count);
        ulong previous = 0;
        for (int i = 0; i < count; i++)
        {
            ulong h = unchecked((ulong)reader.ReadInt64("hash"));
            reader.Check(i == 0 || h > previous, "the hashes are not in strictly increasing order");
            hashes.Add(h);
            previous = h;
        }

        return new TrainingValueHashes(salt, hashes);
    }
}
