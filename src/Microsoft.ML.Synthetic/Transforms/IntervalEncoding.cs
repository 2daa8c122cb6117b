using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// The SDV encoding of a discrete variable into a normal score (Patki et al., "The Synthetic Data Vault", 2016): the
/// levels, most frequent first, split (0, 1) into intervals as wide as their frequencies; a level's normal scores are
/// Φ⁻¹ of its interval. A normal score maps back to the level whose interval holds it. Levels never observed get no
/// interval and are never sampled.
/// </summary>
internal sealed class IntervalEncoding
{
    private readonly double[] _upperZ;   // upper normal-score bound of each interval, ascending
    private readonly int[] _intervalOfLevel;

    /// <summary>Creates the encoding from per-level counts (level i of <paramref name="levels"/> has count i).</summary>
    public IntervalEncoding(int[] levels, long[] counts)
    {
        Levels = levels;
        Counts = counts;
        long total = counts.Sum();
        if (total <= 0)
        {
            throw new ArgumentException("An interval encoding needs at least one observed value.", nameof(counts));
        }

        // Most frequent first; equal counts in level order, so the encoding does not depend on row order.
        Order = Enumerable.Range(0, levels.Length).Where(i => counts[i] > 0)
            .OrderByDescending(i => counts[i]).ThenBy(i => levels[i]).ToArray();
        LowerU = new double[Order.Length];
        UpperU = new double[Order.Length];
        _upperZ = new double[Order.Length];
        long cumulative = 0;
        for (int k = 0; k < Order.Length; k++)
        {
            LowerU[k] = (double)cumulative / total;
            cumulative += counts[Order[k]];
            UpperU[k] = k == Order.Length - 1 ? 1.0 : (double)cumulative / total;
            _upperZ[k] = StandardNormal.InverseCdf(UpperU[k]);
        }

        _intervalOfLevel = new int[levels.Length];
        Array.Fill(_intervalOfLevel, -1);
        for (int k = 0; k < Order.Length; k++)
        {
            _intervalOfLevel[Order[k]] = k;
        }
    }

    /// <summary>The upper normal-score bound of each interval (ascending, in <see cref="Order"/>); the last is Φ⁻¹(1).</summary>
    public IReadOnlyList<double> UpperZ => _upperZ;

    /// <summary>The levels (category codes; -1 for missing), in the caller's order.</summary>
    public int[] Levels { get; }

    /// <summary>The training count of each level.</summary>
    public long[] Counts { get; }

    /// <summary>Indices into <see cref="Levels"/> of the intervals, from the bottom of (0, 1) up.</summary>
    public int[] Order { get; }

    /// <summary>The lower probability bound of each interval.</summary>
    public double[] LowerU { get; }

    /// <summary>The upper probability bound of each interval.</summary>
    public double[] UpperU { get; }

    /// <summary>The index into <see cref="Levels"/> of the level whose interval holds normal score <paramref name="z"/>.</summary>
    public int LevelIndexOf(double z)
    {
        var upper = _upperZ;
        if (upper.Length <= 8)
        {
            for (int k = 0; k < upper.Length - 1; k++)
            {
                if (z < upper[k])
                {
                    return Order[k];
                }
            }

            return Order[^1];
        }

        int lo = 0, hi = upper.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (z < upper[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return Order[lo];
    }

    /// <summary>The probability interval of level index <paramref name="levelIndex"/>, or null when it was never observed.</summary>
    public (double Lower, double Upper)? IntervalOf(int levelIndex)
    {
        int k = _intervalOfLevel[levelIndex];
        return k < 0 ? null : (LowerU[k], UpperU[k]);
    }

    /// <summary>The mean normal score of each level index (NaN for levels never observed).</summary>
    public double[] LevelScores()
    {
        var scores = new double[Levels.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            var interval = IntervalOf(i);
            scores[i] = interval is { } iv ? StandardNormal.IntervalMean(iv.Lower, iv.Upper) : double.NaN;
        }

        return scores;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Levels.Length);
        for (int i = 0; i < Levels.Length; i++)
        {
            writer.Write(Levels[i]);
            writer.Write(Counts[i]);
        }
    }

    /// <summary>
    /// Reads an encoding written by <see cref="Write"/>. With a <paramref name="categoryCount"/>, the levels must be
    /// distinct category codes below it or -1 (missing); without one, the encoding is a missing-value indicator: levels
    /// 0 (present) and 1 (missing), both observed.
    /// </summary>
    public static IntervalEncoding Read(ModelReader reader, int? categoryCount)
    {
        int n = reader.ReadCount("level count", (categoryCount ?? 1) + 1, sizeof(int) + sizeof(long));
        var levels = new int[n];
        var counts = new long[n];
        var seen = new HashSet<int>();
        Int128 total = 0;
        for (int i = 0; i < n; i++)
        {
            levels[i] = reader.ReadInt32("level");
            counts[i] = reader.ReadInt64("level frequency");
            if (counts[i] < 0 || !seen.Add(levels[i]) || levels[i] < -1 || levels[i] >= (categoryCount ?? 2))
            {
                throw reader.Corrupt($"level {levels[i]} with count {counts[i]} is out of range, repeated or negative");
            }

            total += counts[i];
        }

        reader.Check(total > 0 && total <= long.MaxValue, "the level counts do not add up to a positive count");
        if (categoryCount is null)
        {
            reader.Check(n == 2 && levels[0] == 0 && levels[1] == 1 && counts[0] > 0 && counts[1] > 0, "a missing-value indicator must have levels 0 (present) and 1 (missing), both observed");
        }

        return new IntervalEncoding(levels, counts);
    }
}
