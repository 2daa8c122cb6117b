using System.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// The one-hot of a categorical column: one slot per category, one for missing values when the column has
/// any, and, when the column has more categories than allowed, one slot for the rarest categories grouped. The
/// reverse takes the largest slot (a softmax output need not be an exact one-hot); the group slot becomes one of its
/// categories drawn by training frequency.
/// </summary>
internal sealed class OneHotTransformer : ColumnTransformer
{
    /// <summary>The slot code of missing values.</summary>
    public const int MissingSlot = -1;

    /// <summary>The slot code of the group of rare categories.</summary>
    public const int GroupSlot = -2;

    private readonly int[] _slotOfCode;
    private readonly double[] _groupCumulative;

    private OneHotTransformer(TableColumnInfo info, int[] slotCodes, int categoryCount, int[] groupCodes, double[] groupCumulative)
        : base(info)
    {
        SlotCodes = slotCodes;
        GroupCodes = groupCodes;
        _groupCumulative = groupCumulative;
        _slotOfCode = new int[categoryCount];
        Array.Fill(_slotOfCode, -1);
        MissingSlotIndex = Array.IndexOf(slotCodes, MissingSlot);
        int groupSlot = Array.IndexOf(slotCodes, GroupSlot);
        for (int s = 0; s < slotCodes.Length; s++)
        {
            if (slotCodes[s] >= 0)
            {
                _slotOfCode[slotCodes[s]] = s;
            }
        }

        foreach (var code in groupCodes)
        {
            _slotOfCode[code] = groupSlot;
        }
    }

    /// <summary>
    /// The one-hot of a column laid out without looking at its values: one slot per category of the schema and,
    /// when <paramref name="missingSlot"/>, a missing slot whether or not the data has missing values.
    /// </summary>
    internal static OneHotTransformer FromSchema(TableColumnInfo info, bool missingSlot)
    {
        int categoryCount = info.Categories.Count;
        return new(info, missingSlot ? [.. Enumerable.Range(0, categoryCount), MissingSlot] : [.. Enumerable.Range(0, categoryCount)], categoryCount, [], []);
    }

    /// <inheritdoc/>
    public override TransformerKind Kind => TransformerKind.OneHot;

    /// <summary>What each slot stands for: a category code, <see cref="MissingSlot"/> or <see cref="GroupSlot"/>.</summary>
    public IReadOnlyList<int> SlotCodes { get; }

    /// <summary>The category codes grouped into one slot (empty unless the column had too many categories).</summary>
    public IReadOnlyList<int> GroupCodes { get; }

    /// <summary>The slot of missing values, or -1 when the column had none.</summary>
    public int MissingSlotIndex { get; }

    /// <summary>The one-hot width.</summary>
    public override int Width => SlotCodes.Count;

    /// <summary>The slot of category <paramref name="code"/> (-1 for missing).</summary>
    public int SlotOf(int code) => code < 0 ? MissingSlotIndex : _slotOfCode[code];

    /// <summary>Lays out the one-hot of <paramref name="column"/>.</summary>
    /// <param name="column">The column.</param>
    /// <param name="info">The column's schema entry.</param>
    /// <param name="maxCategories">The widest one-hot allowed (missing slot excluded).</param>
    /// <param name="warn">Told when rare categories are grouped.</param>
    public static OneHotTransformer Fit(CategoricalColumn column, TableColumnInfo info, int maxCategories, Action<string>? warn)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(info);
        return FromCounts(info, column.CountByCategory().Select(n => (long)n).ToArray(), column.MissingCount, maxCategories, warn);
    }

    /// <summary>
    /// Lays out the one-hot of a column from its category counts (by code) and missing count alone, as
    /// <see cref="Fit"/> does from the column (streamed training counts them in a pass over the source).
    /// </summary>
    internal static OneHotTransformer FromCounts(TableColumnInfo info, long[] counts, long missingCount, int maxCategories, Action<string>? warn)
    {
        var present = Enumerable.Range(0, counts.Length).Where(c => counts[c] > 0).ToList();
        var slots = new List<int>();
        int[] groupCodes = [];
        double[] cumulative = [];
        if (present.Count > maxCategories)
        {
            var byFrequency = present.OrderByDescending(c => counts[c]).ThenBy(c => c).ToList();
            slots.AddRange(byFrequency.Take(maxCategories - 1).OrderBy(c => c));
            groupCodes = byFrequency.Skip(maxCategories - 1).OrderBy(c => c).ToArray();
            cumulative = new double[groupCodes.Length];
            double total = groupCodes.Sum(c => (double)counts[c]), running = 0;
            for (int i = 0; i < groupCodes.Length; i++)
            {
                running += counts[groupCodes[i]];
                cumulative[i] = running / total;
            }

            slots.Add(GroupSlot);
            warn?.Invoke($"Column '{info.Name}' has {present.Count} categories, more than {maxCategories}: its {groupCodes.Length} rarest categories share one one-hot slot, and a generated row in that slot gets one of them drawn by its training frequency.");
        }
        else
        {
            // Categories never observed (possible with key types) still get a slot, so that conditions on them work the same way.
            slots.AddRange(Enumerable.Range(0, counts.Length));
        }

        if (missingCount > 0)
        {
            slots.Add(MissingSlot);
        }

        return new OneHotTransformer(info, slots.ToArray(), counts.Length, groupCodes, cumulative);
    }

    /// <inheritdoc/>
    public override void TransformRow<T>(TableColumn column, int row, Span<T> destination, Random random)
    {
        int code = ((CategoricalColumn)column).Codes[row];
        int slot = SlotOf(code);
        if (slot < 0)
        {
            throw new ArgumentException($"Column '{Column}' has {(code < 0 ? "a missing value" : $"category code {code}")} in row {row}, which the one-hot never saw in training.", nameof(column));
        }

        destination[..Width].Clear();
        destination[slot] = T.One;
    }

    /// <inheritdoc/>
    public override TableColumn Reverse<T>(ReadOnlySpan<T> values, int rows, int stride, int offset, DecodeDraws draws) =>
        Reverse(values, rows, stride, offset, draws, 0, -1);

    /// <summary>
    /// Reverses as <see cref="Reverse{T}(ReadOnlySpan{T}, int, int, int, DecodeDraws)"/> does; a group draw is
    /// <paramref name="draws"/>' uniform of (row, <paramref name="columnIndex"/>), and <paramref name="requiredCode"/>
    /// (a grouped code, or -1) replaces it when a condition requires that category.
    /// </summary>
    public CategoricalColumn Reverse<T>(ReadOnlySpan<T> values, int rows, int stride, int offset, DecodeDraws draws, int columnIndex, int requiredCode)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var codes = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            codes[r] = DecodeWith(values.Slice((r * stride) + offset, Width), draws, r, columnIndex, requiredCode);
        }

        return new CategoricalColumn(Column, codes, Info.Categories);
    }

    /// <summary>
    /// The category code of the largest score (-1 = missing). The group slot becomes one of its categories,
    /// drawn by training frequency, unless <paramref name="requiredCode"/> (a grouped code) is given.
    /// </summary>
    public int Decode(ReadOnlySpan<float> scores, Random random, int requiredCode = -1)
    {
        ArgumentNullException.ThrowIfNull(random);
        return DecodeWith(scores, DecodeDraws.From(random), 0, 0, requiredCode);
    }

    /// <summary>Decodes as <see cref="Decode(ReadOnlySpan{float}, Random, int)"/> does; a group draw is <paramref name="draws"/>' uniform of (<paramref name="row"/>, <paramref name="column"/>).</summary>
    internal int DecodeWith<T>(ReadOnlySpan<T> scores, DecodeDraws draws, int row, int column, int requiredCode = -1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int code = SlotCodes[ArgMax(scores)];
        if (code != GroupSlot)
        {
            return code;
        }

        if (requiredCode >= 0)
        {
            return requiredCode;
        }

        double u = draws.Uniform(row, column);
        int i = Array.BinarySearch(_groupCumulative, u);
        i = i < 0 ? ~i : i;
        return GroupCodes[Math.Min(i, GroupCodes.Count - 1)];
    }

    /// <summary>The cumulative training frequencies of <see cref="GroupCodes"/> (a group draw u takes the first code whose cumulative frequency is ≥ u).</summary>
    internal IReadOnlyList<double> GroupCumulative => _groupCumulative;

    /// <summary>Writes the encoding; <see cref="Read(ModelReader, TableColumnInfo)"/> reads it back.</summary>
    public override void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Column);
        writer.Write(_slotOfCode.Length);
        writer.Write(SlotCodes.Count);
        foreach (var s in SlotCodes)
        {
            writer.Write(s);
        }

        writer.Write(GroupCodes.Count);
        for (int i = 0; i < GroupCodes.Count; i++)
        {
            writer.Write(GroupCodes[i]);
            writer.Write(_groupCumulative[i]);
        }
    }

    /// <summary>
    /// Reads an encoding through the bounded model-file reader. Slots must be distinct category codes below the
    /// category count, <see cref="MissingSlot"/> or <see cref="GroupSlot"/>; grouped codes distinct, not also a slot,
    /// with sorted cumulative frequencies in [0, 1]; a group slot exactly when codes are grouped. The name and
    /// category count must match the schema's <paramref name="info"/>.
    /// </summary>
    internal static OneHotTransformer Read(ModelReader reader, TableColumnInfo info)
    {
        var name = reader.ReadString("column name");
        reader.Check(name == info.Name, "the encoding belongs to another column");
        int categories = reader.ReadCount("category count", ModelFileLimits.MaxCategories, 0);
        if (categories != info.Categories.Count)
        {
            throw reader.Corrupt($"the encoding has {categories} categories; the schema has {info.Categories.Count}");
        }

        int slotCount = reader.ReadCount("slot count", categories + 2, sizeof(int));
        reader.Check(slotCount >= 1, "the one-hot has no slot");
        var slots = new int[slotCount];
        var seen = new HashSet<int>();
        for (int i = 0; i < slotCount; i++)
        {
            slots[i] = reader.ReadInt32("slot code");
            if (slots[i] < GroupSlot || slots[i] >= categories || !seen.Add(slots[i]))
            {
                throw reader.Corrupt($"slot code {slots[i]} is out of range or repeated");
            }
        }

        int groupCount = reader.ReadCount("grouped category count", categories, sizeof(int) + sizeof(double));
        reader.Check((groupCount > 0) == seen.Contains(GroupSlot), "a group slot must exist exactly when categories are grouped");
        var codes = new int[groupCount];
        var cumulative = new double[groupCount];
        for (int i = 0; i < groupCount; i++)
        {
            codes[i] = reader.ReadInt32("grouped category");
            cumulative[i] = reader.ReadDouble("cumulative frequency");
            if (codes[i] < 0 || codes[i] >= categories || !seen.Add(codes[i]) || !(cumulative[i] >= (i == 0 ? 0 : cumulative[i - 1]) && cumulative[i] <= 1))
            {
                throw reader.Corrupt($"grouped category {codes[i]} is out of range or repeated, or its cumulative frequency {cumulative[i]} is not sorted in [0, 1]");
            }
        }

        return new OneHotTransformer(info, slots, categories, codes, cumulative);
    }
}
