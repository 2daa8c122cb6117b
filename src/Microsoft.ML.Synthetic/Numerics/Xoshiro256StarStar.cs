using System.Runtime.CompilerServices;

namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>
/// The xoshiro256** generator of Blackman and Vigna ("Scrambled linear pseudorandom number generators", ACM TOMS
/// 47(4), 2021): fast, 256 bits of state, seeded through SplitMix64. Not thread-safe; one per stream.
/// </summary>
internal sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose state is expanded from <paramref name="seed"/> with SplitMix64.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>Creates a generator seeded from 64 bits drawn from <paramref name="random"/>.</summary>
    public static Xoshiro256StarStar From(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new Xoshiro256StarStar((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitRotate(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1): never 0, so its logarithm is finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BitRotate(ulong x, int k) => (x << k) | (x >> (64 - k));
}
