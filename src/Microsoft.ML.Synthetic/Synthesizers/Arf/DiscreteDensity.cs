using System.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// A categorical or whole-number column in every leaf (FORDE, Watson et al. 2023 §4): the counts of the codes the
/// leaf's real rows hold (sparse, ascending code), plus for a categorical column a pseudo-count α on every category
/// the leaf's splits allow, so P(k) = (nₖ + α·[k allowed]) / (n + α·|allowed|). A whole-number column is treated as
/// the reference treats integers (as ordered levels): its leaf draws one of the leaf's observed values. Codes are
/// those of <see cref="FeatureCodes"/>: a categorical missing value has code <c>Levels − 1</c>, a numeric one code 0.
/// </summary>
internal sealed class DiscreteDensity : ColumnDensity
{
    public DiscreteDensity(bool categorical, int levels, bool hasMissing, double alpha, double[] values, int[] start, int[] code, int[] count, ulong[] allowed)
    {
        Categorical = categorical;
        Levels = levels;
        HasMissing = hasMissing;
        Alpha = alpha;
        Values = values;
        Start = start;
        Code = code;
        Count = count;
        Allowed = allowed;
        Words = WordsPerLeaf(categorical, alpha, levels);
        Total = new int[start.Length - 1];
        AllowedCount = new int[Total.Length];
        for (int leaf = 0; leaf < Total.Length; leaf++)
        {
            for (int i = start[leaf]; i < start[leaf + 1]; i++)
            {
                Total[leaf] += count[i];
            }

            for (int w = 0; w < Words; w++)
            {
                AllowedCount[leaf] += BitOperations.PopCount(allowed[(leaf * Words) + w]);
            }
        }
    }

    public bool Categorical { get; }

    public int Levels { get; }

    public bool HasMissing { get; }

    public double Alpha { get; }

    /// <summary>For a whole-number column, the value of each code (NaN for the missing code); empty for a categorical one.</summary>
    public double[] Values { get; }

    public int[] Start { get; }

    public int[] Code { get; }

    public int[] Count { get; }

    /// <summary>
    /// The categories each leaf allows, <see cref="Words"/> 64-bit words per leaf: kept only where they are used, for a
    /// categorical column with α &gt; 0 (a whole-number column is not smoothed, and its thousands of levels would make
    /// the sets large).
    /// </summary>
    public ulong[] Allowed { get; }

    public int Words { get; }

    public int[] Total { get; }

    public int[] AllowedCount { get; }

    public override int LeafCount => Total.Length;

    private static int WordsPerLeaf(bool categorical, double alpha, int levels) => categorical && alpha > 0 ? (levels + 63) / 64 : 0;

    public int MissingCode => !HasMissing ? -1 : Categorical ? Levels - 1 : 0;

    private double Smoothing(int leaf) => Categorical ? Alpha * AllowedCount[leaf] : 0;

    /// <summary>An unconditional draw of a code.</summary>
    public int Sample(int leaf, Xoshiro256StarStar rng)
    {
        double u = rng.NextDouble() * (Total[leaf] + Smoothing(leaf));
        if (u < Total[leaf])
        {
            for (int i = Start[leaf]; i < Start[leaf + 1]; i++)
            {
                u -= Count[i];
                if (u < 0)
                {
                    return Code[i];
                }
            }

            return Code[Start[leaf + 1] - 1];
        }

        double index = Math.Floor((u - Total[leaf]) / Alpha);
        return NthAllowed(leaf, index >= AllowedCount[leaf] - 1 ? AllowedCount[leaf] - 1 : (int)Math.Max(0, index));
    }

    /// <summary>P(code) in the leaf.</summary>
    public double Probability(int leaf, int code)
    {
        int observed = 0;
        int i = Array.BinarySearch(Code, Start[leaf], Start[leaf + 1] - Start[leaf], code);
        if (i >= 0)
        {
            observed = Count[i];
        }

        double prior = Words > 0 && IsAllowed(leaf, code) ? Alpha : 0;
        double denominator = Total[leaf] + Smoothing(leaf);
        return denominator > 0 ? (observed + prior) / denominator : 0;
    }

    /// <summary>P(code in [first, last]) in a whole-number column's leaf (observed counts only).</summary>
    public double RangeProbability(int leaf, int first, int last)
    {
        long inRange = 0;
        for (int i = Start[leaf]; i < Start[leaf + 1]; i++)
        {
            if (Code[i] >= first && Code[i] <= last)
            {
                inRange += Count[i];
            }
        }

        return Total[leaf] > 0 ? (double)inRange / Total[leaf] : 0;
    }

    /// <summary>A draw among the leaf's observed codes in [first, last] (which must hold some).</summary>
    public int SampleInRange(int leaf, int first, int last, Xoshiro256StarStar rng)
    {
        long inRange = 0;
        for (int i = Start[leaf]; i < Start[leaf + 1]; i++)
        {
            if (Code[i] >= first && Code[i] <= last)
            {
                inRange += Count[i];
            }
        }

        double u = rng.NextDouble() * inRange;
        int chosen = first;
        for (int i = Start[leaf]; i < Start[leaf + 1]; i++)
        {
            if (Code[i] >= first && Code[i] <= last)
            {
                chosen = Code[i];
                u -= Count[i];
                if (u < 0)
                {
                    break;
                }
            }
        }

        return chosen;
    }

    private bool IsAllowed(int leaf, int code) => (Allowed[(leaf * Words) + (code >> 6)] & (1UL << (code & 63))) != 0;

    private int NthAllowed(int leaf, int n)
    {
        for (int w = 0; w < Words; w++)
        {
            ulong word = Allowed[(leaf * Words) + w];
            int bits = BitOperations.PopCount(word);
            if (n < bits)
            {
                for (int k = 0; k < n; k++)
                {
                    word &= word - 1;
                }

                return (w * 64) + BitOperations.TrailingZeroCount(word);
            }

            n -= bits;
        }

        throw new InvalidOperationException("the leaf allows fewer categories than its count says");
    }

    public override void Write(BinaryWriter writer)
    {
        writer.Write((byte)DensityKind.Discrete);
        writer.Write(Categorical);
        writer.Write(Levels);
        writer.Write(HasMissing);
        writer.Write(Alpha);
        foreach (var v in Values)
        {
            writer.Write(v);
        }

        writer.Write(Code.Length);
        foreach (var s in Start)
        {
            writer.Write(s);
        }

        for (int i = 0; i < Code.Length; i++)
        {
            writer.Write(Code[i]);
            writer.Write(Count[i]);
        }

        foreach (var word in Allowed)
        {
            writer.Write(word);
        }
    }

    /// <summary>Reads a density written by <see cref="Write"/> (after its tag), checking it against the column.</summary>
    public static DiscreteDensity Read(ModelReader reader, int leafCount, bool categorical, int categoryCount)
    {
        reader.Check(reader.ReadBoolean("categorical flag") == categorical, categorical
            ? "a categorical column is stored as a numeric one"
            : "a numeric column is stored as a categorical one");
        int levels = reader.ReadInt32("level count", 1, ModelFileLimits.MaxCategories + 1);
        bool hasMissing = reader.ReadBoolean("has-missing flag");
        if (categorical)
        {
            reader.Check(levels == categoryCount + (hasMissing ? 1 : 0), $"the column has {levels} levels; its schema has {categoryCount} categories{(hasMissing ? " and a missing level" : "")}");
        }

        double alpha = reader.ReadFinite("α");
        reader.Check(alpha >= 0, $"α is {alpha}; it must not be negative");
        double[] values = [];
        if (!categorical)
        {
            reader.CheckCount("value table", levels, levels, sizeof(double));
            values = reader.ReadDoubles("value table", levels);
            for (int k = 0; k < levels; k++)
            {
                bool missingCode = hasMissing && k == 0;
                reader.Check(missingCode ? double.IsNegativeInfinity(values[k]) : double.IsFinite(values[k]) && (k == 0 || values[k] > values[k - 1]),
                    $"value {k} of the value table is {values[k]}; values must be finite and increasing (−∞ for the missing code)");
            }
        }

        int entries = reader.ReadCount("code count entries", int.MaxValue, 2 * sizeof(int));
        reader.CheckCount("leaf starts", leafCount + 1L, int.MaxValue, sizeof(int));
        var start = new int[leafCount + 1];
        for (int leaf = 0; leaf <= leafCount; leaf++)
        {
            start[leaf] = reader.ReadInt32("leaf start", 0, entries);
            reader.Check(leaf == 0 ? start[0] == 0 : start[leaf] > start[leaf - 1], $"leaf {leaf} starts at {start[leaf]}; every leaf needs at least one count, in order");
        }

        reader.Check(start[leafCount] == entries, $"the leaves hold {start[leafCount]} counts; the file declares {entries}");
        var code = new int[entries];
        var count = new int[entries];
        for (int leaf = 0; leaf < leafCount; leaf++)
        {
            long total = 0;
            for (int i = start[leaf]; i < start[leaf + 1]; i++)
            {
                code[i] = reader.ReadInt32("code", 0, levels - 1);
                count[i] = reader.ReadInt32("count", 1, int.MaxValue);
                total += count[i];
                reader.Check(i == start[leaf] || code[i] > code[i - 1], $"leaf {leaf}: codes are not strictly increasing");
            }

            reader.Check(total <= int.MaxValue, $"leaf {leaf}: its counts add up to {total}, more than a leaf can hold");
        }

        int words = WordsPerLeaf(categorical, alpha, levels);
        reader.CheckCount("allowed-code words", (long)leafCount * words, int.MaxValue, sizeof(ulong));
        var allowed = reader.ReadInt64s("allowed codes", (long)leafCount * words).Select(w => (ulong)w).ToArray();
        var density = new DiscreteDensity(categorical, levels, hasMissing, alpha, values, start, code, count, allowed);
        int spare = words > 0 ? (words * 64) - levels : 0;
        for (int leaf = 0; leaf < leafCount; leaf++)
        {
            reader.Check(words == 0 || density.AllowedCount[leaf] > 0, $"leaf {leaf} allows no category");
            reader.Check(spare == 0 || allowed[((leaf + 1) * words) - 1] >> (64 - spare) == 0, $"leaf {leaf} allows a code beyond the column's {levels} levels");
        }

        return density;
    }
}
