using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>
/// A <see cref="Random"/> whose stream is Philox4x32-10 (<see cref="Philox4x32"/>) keyed by (seed, domain) and
/// counting through the counter (position low, position high, stream low, stream high): stream s of a seed is the
/// output blocks at positions 0, 1, 2, … taken as 32-bit words in order. Two different stream indices (any of the
/// 2⁶⁴) or domains never share a block, unlike 31-bit seeds derived for <see cref="Random"/>.
/// Draws: <see cref="NextUInt32"/> one word; 64 bits two words, the first the low half; doubles the top 53 of 64
/// bits in [0, 1); bounded integers by Lemire's multiply-and-reject ("Fast random integer generation in an
/// interval", ACM TOMACS 29(1), 2019), so they are unbiased. Not thread-safe.
/// </summary>
internal sealed class PhiloxRandom : Random
{
    private readonly uint _key0, _key1, _stream0, _stream1;
    private ulong _position;
    private uint _w0, _w1, _w2, _w3;
    private int _used = 4;

    /// <summary>Stream <paramref name="stream"/> of <paramref name="seed"/> in <paramref name="domain"/> (a purpose tag: 0 general streams).</summary>
    public PhiloxRandom(int seed, long stream, uint domain = 0)
    {
        _key0 = (uint)seed;
        _key1 = domain;
        _stream0 = (uint)stream;
        _stream1 = (uint)((ulong)stream >> 32);
    }

    /// <summary>The next 32 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_used == 4)
        {
            Refill();
        }

        return _used++ switch
        {
            0 => _w0,
            1 => _w1,
            2 => _w2,
            _ => _w3,
        };
    }

    /// <summary>The next 64 random bits (the first word the low half).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong low = NextUInt32();
        return low | ((ulong)NextUInt32() << 32);
    }

    private void Refill()
    {
        Philox4x32.Block((uint)_position, (uint)(_position >> 32), _stream0, _stream1, _key0, _key1, out _w0, out _w1, out _w2, out _w3);
        _position++;
        _used = 0;
    }

    /// <inheritdoc/>
    protected override double Sample() => NextDouble();

    /// <inheritdoc/>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc/>
    public override float NextSingle() => (NextUInt32() >> 8) * (1.0f / (1U << 24));

    /// <inheritdoc/>
    public override int Next()
    {
        while (true)
        {
            uint r = NextUInt32() >> 1;
            if (r != int.MaxValue)
            {
                return (int)r;
            }
        }
    }

    /// <inheritdoc/>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)Bounded((uint)maxValue);
    }

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + Bounded((uint)((long)maxValue - minValue)));
    }

    /// <inheritdoc/>
    public override long NextInt64()
    {
        while (true)
        {
            ulong r = NextUInt64() >> 1;
            if (r != long.MaxValue)
            {
                return (long)r;
            }
        }
    }

    /// <inheritdoc/>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)Bounded((ulong)maxValue);
    }

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return unchecked(minValue + (long)Bounded((ulong)((Int128)maxValue - minValue)));
    }

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, NextUInt32());
            buffer = buffer[4..];
        }

        if (buffer.Length > 0)
        {
            Span<byte> last = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(last, NextUInt32());
            last[..buffer.Length].CopyTo(buffer);
        }
    }

    /// <summary>Uniform in [0, range) (0 when range is 0 or 1, drawing nothing).</summary>
    private uint Bounded(uint range)
    {
        if (range <= 1)
        {
            return 0;
        }

        ulong m = (ulong)NextUInt32() * range;
        if ((uint)m < range)
        {
            uint threshold = unchecked(0u - range) % range;
            while ((uint)m < threshold)
            {
                m = (ulong)NextUInt32() * range;
            }
        }

        return (uint)(m >> 32);
    }

    /// <summary>Uniform in [0, range) (0 when range is 0 or 1, drawing nothing).</summary>
    private ulong Bounded(ulong range)
    {
        if (range <= 1)
        {
            return 0;
        }

        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = unchecked(0UL - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return high;
    }
}
