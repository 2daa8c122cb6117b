using System.Runtime.InteropServices;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;

namespace Microsoft.ML.Synthetic.Privacy.DpSgd;

/// <summary>
/// The randomness DP-SGD's guarantee rests on — the Gaussian noise and the batch selection — drawn in bulk from a
/// <see cref="NoiseSource"/>: by default <see cref="NoiseSource.Secure"/> (the operating system's cryptographically
/// secure generator, read directly, never used to seed a fast generator), or a seeded source when the user asked for a
/// reproducible, not private, run. Both sources go through the same conversions, so the seeded run differs from the
/// private one only in where the bits come from.
/// </summary>
internal sealed class DpSgdRandomness
{
    // 2⁻⁵³: a 53-bit integer k gives the double k·2⁻⁵³ in [0, 1).
    private const double Unit = 1.0 / (1UL << 53);

    private readonly NoiseSource _source;
    private readonly byte[] _buffer = new byte[1 << 16];

    public DpSgdRandomness(NoiseSource source)
    {
        _source = source;
    }

    /// <summary>Whether the bits come from the cryptographically secure source.</summary>
    public bool IsSecure => _source.IsSecure;

    /// <summary>
    /// Fills <paramref name="destination"/> with independent standard normal draws, scaled by <paramref name="scale"/>:
    /// Box–Muller on pairs of uniforms with 53 random bits each (u₁ in (0, 1], so the largest draw is about 8.6).
    /// </summary>
    public void FillNormal(Span<float> destination, double scale)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            var words = Next(destination.Length - filled + 1);   // two words per pair of draws
            for (int w = 0; w + 1 < words.Length && filled < destination.Length; w += 2)
            {
                double u1 = ((words[w] >> 11) + 1) * Unit;   // (0, 1]
                double u2 = (words[w + 1] >> 11) * Unit;     // [0, 1)
                double radius = scale * Math.Sqrt(-2.0 * Math.Log(u1));
                var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
                destination[filled++] = (float)(radius * cos);
                if (filled < destination.Length)
                {
                    destination[filled++] = (float)(radius * sin);
                }
            }
        }
    }

    /// <summary>
    /// A Poisson-sampled batch of [0, <paramref name="count"/>): each index independently with probability
    /// ⌊q·2⁵³⌋/2⁵³ (a 53-bit integer compared with a 53-bit threshold), which lies in (q − 2⁻⁵³, q] — never above the
    /// q the accountant uses, so the accounting stays an upper bound.
    /// </summary>
    public long[] PoissonBatch(long count, double q)
    {
        ulong threshold = (ulong)Math.Floor(q * (1UL << 53));
        var batch = new List<long>((int)Math.Min(int.MaxValue, (long)Math.Ceiling((q * count) + (6 * Math.Sqrt(q * count)) + 16)));
        long next = 0;
        while (next < count)
        {
            var words = Next((int)Math.Min(count - next, _buffer.Length / sizeof(ulong)));
            int take = (int)Math.Min(count - next, words.Length);
            for (int i = 0; i < take; i++)
            {
                if ((words[i] >> 11) < threshold)
                {
                    batch.Add(next + i);
                }
            }

            next += take;
        }

        return [.. batch];
    }

    /// <summary>A uniformly random subset of <paramref name="size"/> distinct indices of [0, <paramref name="count"/>), sorted (Floyd's algorithm, exact uniform draws).</summary>
    public long[] FixedSizeBatch(long count, int size)
    {
        var chosen = new HashSet<long>();
        for (long j = count - size; j < count; j++)
        {
            long t = (long)_source.NextBelow((ulong)j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        return [.. chosen.Order()];
    }

    /// <summary>Up to <paramref name="wanted"/> (at least one) fresh random 64-bit words from the source, in the shared buffer.</summary>
    private ReadOnlySpan<ulong> Next(int wanted)
    {
        int bytes = Math.Min(_buffer.Length, Math.Max(1, wanted) * sizeof(ulong));
        var span = _buffer.AsSpan(0, bytes);
        _source.NextBytes(span);
        return MemoryMarshal.Cast<byte, ulong>(span);
    }
}
