namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// A keyed permutation of [0, <see cref="Size"/>): a balanced six-round Feistel network on the smallest even number of
/// bits that covers the domain, restricted to the domain by cycle walking (Black and Rogaway, "Ciphers with arbitrary
/// finite domains", CT-RSA 2002). A Feistel network is a bijection whatever its round function, and cycle walking keeps
/// it one on the domain; the walk takes fewer than four rounds on average because the covering power of two is less
/// than four times the domain.
/// </summary>
internal sealed class IndexPermutation
{
    private const int Rounds = 6;
    private readonly int _halfBits;
    private readonly ulong _mask;
    private readonly ulong[] _roundKeys;

    public IndexPermutation(ulong size, ulong key)
    {
        if (size is 0 or > 1UL << 62)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The domain must hold 1 to 2^62 values.");
        }

        Size = size;
        int bits = size == 1 ? 1 : 64 - System.Numerics.BitOperations.LeadingZeroCount(size - 1);
        _halfBits = Math.Max(1, (bits + 1) / 2);
        _mask = (1UL << _halfBits) - 1;
        _roundKeys = new ulong[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            key = RowRandom.Mix(unchecked(key + 0x9E3779B97F4A7C15UL));
            _roundKeys[r] = key;
        }
    }

    /// <summary>The size of the domain.</summary>
    public ulong Size { get; }

    /// <summary>The image of <paramref name="index"/> (which must be in the domain).</summary>
    public ulong Apply(ulong index)
    {
        if (index >= Size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The index must be below {Size}.");
        }

        ulong x = index;
        do
        {
            x = Encrypt(x);
        }
        while (x >= Size);
        return x;
    }

    private ulong Encrypt(ulong x)
    {
        ulong left = x >> _halfBits;
        ulong right = x & _mask;
        foreach (var k in _roundKeys)
        {
            (left, right) = (right, left ^ (RowRandom.Mix(right ^ k) & _mask));
        }

        return (left << _halfBits) | right;
    }
}
