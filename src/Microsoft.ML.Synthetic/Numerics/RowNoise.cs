namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>
/// Standard-normal noise addressed by (seed, row, coordinate), so any rows of it can be computed alone, in any order,
/// on any machine. Coordinates 2p and 2p + 1 of row i come from one Philox4x32-10 block (<see cref="Philox4x32"/>):
/// counter (p, 0, low 32 bits of i, high 32 bits of i), key (seed as 32 bits, <see cref="Domain"/>); its words
/// (r0, r1, r2, r3) give a = r0 + 2³²·r1 and b = r2 + 2³²·r3, the uniforms u = (⌊a/2¹²⌋ + ½)·2⁻⁵² and
/// v = (⌊b/2¹²⌋ + ½)·2⁻⁵² strictly inside (0, 1) (52 bits, so every step is exact in double precision), and the Box–Muller pair (Box and Muller, Ann. Math. Stat. 29(2), 1958)
/// ε₂ₚ = √(−2 ln u)·cos(2π·v), ε₂ₚ₊₁ = √(−2 ln u)·sin(2π·v) (the sine dropped when d is odd). No draw is rejected,
/// so every coordinate is a fixed function of its address.
/// </summary>
internal static class RowNoise
{
    /// <summary>The key's second word: separates this noise from the general streams (domain 0) of <see cref="PhiloxRandom"/>.</summary>
    public const uint Domain = 1;

    private const double TwoPi = 2 * Math.PI;
    private const double Unit = 1.0 / (1UL << 52);

    /// <summary>Row <paramref name="row"/>'s noise: <paramref name="destination"/>.Length coordinates.</summary>
    public static void FillRow(int seed, long row, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        uint i0 = (uint)row, i1 = (uint)((ulong)row >> 32);
        for (int j = 0; j < destination.Length; j += 2)
        {
            Philox4x32.Block((uint)(j >> 1), 0, i0, i1, (uint)seed, Domain, out uint r0, out uint r1, out uint r2, out uint r3);
            double u = (((r0 | ((ulong)r1 << 32)) >> 12) + 0.5) * Unit;
            double v = (((r2 | ((ulong)r3 << 32)) >> 12) + 0.5) * Unit;
            double radius = Math.Sqrt(-2 * Math.Log(u));
            var (sin, cos) = Math.SinCos(TwoPi * v);
            destination[j] = radius * cos;
            if (j + 1 < destination.Length)
            {
                destination[j + 1] = radius * sin;
            }
        }
    }

    /// <summary>Rows [firstRow, firstRow + rowCount) of <paramref name="dimension"/> coordinates each, row-major.</summary>
    public static void Fill(int seed, long firstRow, int rowCount, int dimension, Span<double> destination)
    {
        for (int r = 0; r < rowCount; r++)
        {
            FillRow(seed, firstRow + r, destination.Slice(r * dimension, dimension));
        }
    }
}
