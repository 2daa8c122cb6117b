using System.Runtime.InteropServices;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Deep;

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
    private const long Mask53 = (1L << 53) - 1;

    private readonly NoiseSource _source;
    private readonly byte[] _buffer = new byte[1 << 16];
    private long[] _words = [];

    public DpSgdRandomness(NoiseSource source)
    {
        _source = source;
    }

    /// <summary>Whether the bits come from the cryptographically secure source.</summary>
    public bool IsSecure => _source.IsSecure;

    /// <summary>
    /// <paramref name="count"/> independent N(0, <paramref name="scale"/>²) draws as a float32 tensor: Box–Muller on
    /// pairs of uniforms with 53 random bits each, u₁ = 1 − k·2⁻⁵³ in (0, 1] (so the largest |draw|/scale is about
    /// 8.6) and u₂ = k·2⁻⁵³ in [0, 1). The random words are read from the source straight into the array handed to
    /// LibTorch, which does the arithmetic in float64 with its vectorized log, sqrt, cos and sin.
    /// </summary>
    public Tensor Normal(long count, double scale)
    {
        long pairs = (count + 1) / 2;
        if (_words.Length != 2 * pairs)
        {
            _words = new long[2 * pairs];
        }

        _source.NextBytes(MemoryMarshal.AsBytes(_words.AsSpan()));
        using var scope = NewDisposeScope();
        var uniform = tensor(_words).bitwise_and_(tensor(Mask53)).to(ScalarType.Float64).mul_(HeldScalars.Of(Unit));
        var radius = uniform.narrow(0, 0, pairs).neg_().add_(HeldScalars.One, HeldScalars.One).log_().mul_(HeldScalars.Of(-2.0)).sqrt_().mul_(HeldScalars.Of(scale));
        var angle = uniform.narrow(0, pairs, pairs).mul_(HeldScalars.Of(2.0 * Math.PI));
        var normals = cat([radius * angle.cos(), radius * angle.sin()]).narrow(0, 0, count).to(ScalarType.Float32);
        return normals.MoveToOuterDisposeScope();
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
