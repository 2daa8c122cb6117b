namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// A small random stream that depends only on a key, a global row index and an attempt number (SplitMix64, Steele,
/// Lea and Flood 2014): what a generated column holds in row <c>i</c> is a pure function of the sampling seed and
/// <c>i</c>, so it does not depend on how a sample is cut into blocks.
/// </summary>
internal struct RowRandom
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public RowRandom(ulong key, long row, int attempt)
    {
        _state = Mix(key ^ Mix(unchecked((ulong)row * Gamma) ^ Mix((ulong)(uint)attempt + 0x632BE59BD9B4E019UL)));
    }

    /// <summary>SplitMix64's finalizer: a bijection of 64-bit words that spreads every input bit over the output.</summary>
    public static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>The key of one generated column for one sampling seed (FNV-1a of the column name, mixed with the seed).</summary>
    public static ulong ColumnKey(int seed, string column)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (char c in column)
        {
            h = unchecked((h ^ c) * 0x100000001B3UL);
        }

        return Mix(unchecked(Mix((ulong)(uint)seed + Gamma) ^ h));
    }

    public ulong NextUInt64()
    {
        _state = unchecked(_state + Gamma);
        return Mix(_state);
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [0, <paramref name="n"/>) by Lemire's multiply-high (bias below 2^-32 for the sizes used here).</summary>
    public int Next(int n) => (int)Math.BigMul(NextUInt64(), (ulong)n, out _);

    /// <summary>Uniform on [0, <paramref name="n"/>).</summary>
    public ulong NextUInt64(ulong n) => Math.BigMul(NextUInt64(), n, out _);
}
