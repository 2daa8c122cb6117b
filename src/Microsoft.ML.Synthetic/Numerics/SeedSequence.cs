namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>Independent, reproducible streams and seeds from a seed and an index.</summary>
internal static class SeedSequence
{
    /// <summary>
    /// A 31-bit seed for stream <paramref name="index"/> of <paramref name="seed"/> (SplitMix64 finalizer), for APIs
    /// that take an <see cref="int"/> seed. Different indices can share a seed (about n²/2³² pairs among n indices);
    /// use <see cref="CreateRandom"/> where streams must never coincide.
    /// </summary>
    public static int Derive(int seed, long index)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>
    /// A <see cref="Random"/> for stream <paramref name="index"/> of <paramref name="seed"/>: Philox4x32-10 keyed by the
    /// seed with the index in the counter (<see cref="PhiloxRandom"/>), so every index up to 2⁶⁴ has its own stream.
    /// </summary>
    public static Random CreateRandom(int seed, long index) => new PhiloxRandom(seed, index);
}
