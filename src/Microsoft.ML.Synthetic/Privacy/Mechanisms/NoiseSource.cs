using System.Numerics;
using System.Security.Cryptography;

namespace Microsoft.ML.Synthetic.Privacy.Mechanisms;

/// <summary>
/// The random bits every mechanism draws its noise from. <see cref="Secure"/> (the default everywhere) reads
/// the operating system's cryptographically secure generator; <see cref="CreateUnsafeSeeded"/> gives a
/// reproducible stream for tests and demonstrations and gives <b>no</b> privacy: anyone who knows the seed can
/// subtract the noise.
/// </summary>
internal abstract class NoiseSource
{
    /// <summary>The cryptographically secure source (<see cref="RandomNumberGenerator"/>). Thread-safe.</summary>
    public static NoiseSource Secure { get; } = new SecureNoiseSource();

    /// <summary>
    /// UNSAFE: a deterministic source from <paramref name="seed"/>, for tests only. Its output is predictable,
    /// so noise drawn from it protects nothing. Not thread-safe.
    /// </summary>
    public static NoiseSource CreateUnsafeSeeded(int seed) => new SeededNoiseSource(seed);

    /// <summary><see cref="Secure"/>, or a seeded (not private) source when the options' <c>NonPrivateReproducibleSeed</c> is set.</summary>
    internal static NoiseSource For(int? nonPrivateReproducibleSeed) =>
        nonPrivateReproducibleSeed is int seed ? CreateUnsafeSeeded(seed) : Secure;

    /// <summary>The ledger's <c>NotPrivateReason</c> for a noise step whose noise came from a seeded source.</summary>
    internal const string SeededNotPrivateReason =
        "NonPrivateReproducibleSeed was set: the noise comes from a seeded generator, so anyone with the seed can replay and subtract it; the ε of this entry is not a guarantee";

    /// <summary>A noise step's ledger <c>NotPrivateReason</c>: null for the secure source, <see cref="SeededNotPrivateReason"/> otherwise.</summary>
    internal string? NotPrivateReason => IsSecure ? null : SeededNotPrivateReason;

    /// <summary>Whether this source is cryptographically secure.</summary>
    public abstract bool IsSecure { get; }

    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    public abstract void NextBytes(Span<byte> buffer);

    /// <summary>A uniform 64-bit integer.</summary>
    public ulong NextUInt64()
    {
        Span<byte> b = stackalloc byte[8];
        NextBytes(b);
        return BitConverter.ToUInt64(b);
    }

    /// <summary>A uniform integer in [0, <paramref name="n"/>), exactly (rejection sampling, no modulo bias).</summary>
    public ulong NextBelow(ulong n)
    {
        if (n == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "The range must not be empty.");
        }

        ulong limit = ulong.MaxValue - (((ulong.MaxValue % n) + 1) % n);   // largest multiple of n, minus 1
        while (true)
        {
            ulong x = NextUInt64();
            if (x <= limit)
            {
                return x % n;
            }
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="n"/>), exactly (rejection sampling on whole bytes).</summary>
    public BigInteger NextBelow(BigInteger n)
    {
        if (n.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "The range must not be empty.");
        }

        if (n <= ulong.MaxValue)
        {
            return NextBelow((ulong)n);
        }

        long bits = (long)n.GetBitLength();
        int bytes = (int)((bits + 7) / 8);
        var buffer = new byte[bytes + 1];
        int topBits = (int)(bits - (8L * (bytes - 1)));
        byte mask = (byte)((1 << topBits) - 1);
        while (true)
        {
            NextBytes(buffer.AsSpan(0, bytes));
            buffer[bytes - 1] &= mask;
            buffer[bytes] = 0;
            var x = new BigInteger(buffer, isUnsigned: true);
            if (x < n)
            {
                return x;
            }
        }
    }

    /// <summary>A fair coin.</summary>
    public bool NextBit()
    {
        Span<byte> b = stackalloc byte[1];
        NextBytes(b);
        return (b[0] & 1) == 1;
    }

    /// <summary>A uniform double in [0, 1) on the grid k·2⁻⁵³.</summary>
    public double NextUnitDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private sealed class SecureNoiseSource : NoiseSource
    {
        public override bool IsSecure => true;

        public override void NextBytes(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
    }

    private sealed class SeededNoiseSource(int seed) : NoiseSource
    {
#pragma warning disable CA5394 // deliberately insecure: the unsafe seeded mode for tests
        private readonly Random _random = new(seed);

        public override bool IsSecure => false;

        public override void NextBytes(Span<byte> buffer) => _random.NextBytes(buffer);
#pragma warning restore CA5394
    }
}
