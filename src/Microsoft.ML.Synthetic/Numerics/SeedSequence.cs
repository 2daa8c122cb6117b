namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>Derives independent, reproducible seeds from a seed and an index (SplitMix64 finalizer).</summary>
internal static class SeedSequence
{
    /// <summary>A seed for stream <paramref name="index"/> of <paramref name="seed"/>: the same inputs always give the same seed.</summary>
    public static int Derive(int seed, long index)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>A <see cref="Random"/> for stream <paramref name="index"/> of <paramref name="seed"/>.</summary>
    public static Random CreateRandom(int seed, long index) => new(Derive(seed, index));
}
