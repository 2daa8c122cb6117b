using System.Runtime.CompilerServices;

namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>
/// The Philox4x32-10 counter-based generator of Salmon, Moraes, Dror and Shaw ("Parallel random numbers: as easy as
/// 1, 2, 3", SC 2011): a keyed bijection of a 128-bit counter (four 32-bit words) under a 64-bit key (two words),
/// ten rounds of two 32×32→64-bit products, with the key bumped by the Weyl constants between rounds. Distinct
/// counters under one key give distinct outputs, so streams addressed by distinct counters never overlap.
/// Checked against Random123's known-answer vectors (<c>Philox4x32Tests</c>).
/// </summary>
internal static class Philox4x32
{
    /// <summary>The round multipliers.</summary>
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57;

    /// <summary>The key schedule's Weyl increments (golden ratio and √3 − 1 in 32 bits).</summary>
    private const uint W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>The four output words of counter (c0, c1, c2, c3) under key (k0, k1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, out uint r0, out uint r1, out uint r2, out uint r3)
    {
        for (int round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += W0;
                k1 += W1;
            }

            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            c1 = (uint)p1;
            c3 = (uint)p0;
            c0 = n0;
            c2 = n2;
        }

        r0 = c0;
        r1 = c1;
        r2 = c2;
        r3 = c3;
    }
}
