using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
namespace Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

/// <summary>
/// The one-hot of a categorical column: one slot per category, one for missing values when the column has
/// any, and, when the column has more categories than allowed, one slot for the rarest categories grouped.
/// </summary>
internal sealed class CategoricalEncoding
{
    /// <summary>The slot code of missing values.</summary>
    public const int MissingSlot = -1;

    /// <summary>The slot code of the group of rare categories.</summary>
    public const int GroupSlot = -2;

    private readonly int[] _slotOfCode;
    private readonly double[] _groupCumulative;

    private CategoricalEncoding(string name, int[] slotCodes, int categoryCount, int[] groupCodes, double[] groupCumulative)
    {
        Name = name;
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
    internal static CategoricalEncoding FromSchema(string name, int categoryCount, bool missingSlot) =>
        new(name, missingSlot ? [.. Enumerable.Range(0, categoryCount), MissingSlot] : [.. Enumerable.Range(0, categoryCount)], categoryCount, [], []);

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>What each slot stands for: a category code, <see cref="MissingSlot"/> or <see cref="GroupSlot"/>.</summary>
    public IReadOnlyList<int> SlotCodes { get; }

    /// <summary>The category codes grouped into one slot (empty unless the column had too many categories).</summary>
    public IReadOnlyList<int> GroupCodes { get; }

    /// <summary>The slot of missing values, or -1 when the column had none.</summary>
    public int MissingSlotIndex { get; }

    /// <summary>The one-hot width.</summary>
    public int Width => SlotCodes.Count;

    /// <summary>The slot of category <paramref name="code"/> (-1 for missing).</summary>
    public int SlotOf(int code) => code < 0 ? MissingSlotIndex : _slotOfCode[code];

    /// <summary>Lays out the one-hot of <paramref name="column"/>.</summary>
    /// <param name="column">The column.</param>
    /// <param name="maxCategories">The widest one-hot allowed (missing slot excluded).</param>
    /// <param name="warn">Told when rare categories are grouped.</param>
    public static CategoricalEncoding Fit(CategoricalColumn column, int maxCategories, Action<string>? warn)
    {
        ArgumentNullException.ThrowIfNull(column);
        var counts = column.CountByCategory();
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
            warn?.Invoke($"Column '{column.Name}' has {present.Count} categories, more than {maxCategories}: its {groupCodes.Length} rarest categories share one one-hot slot, and a generated row in that slot gets one of them drawn by its training frequency.");
        }
        else
        {
            // Categories never observed (possible with key types) still get a slot, so that conditions on them work the same way.
            slots.AddRange(Enumerable.Range(0, counts.Length));
        }

        if (column.MissingCount > 0)
        {
            slots.Add(MissingSlot);
        }

        return new CategoricalEncoding(column.Name, slots.ToArray(), counts.Length, groupCodes, cumulative);
    }

    /// <summary>Writes the one-hot of <paramref name="code"/> into <paramref name="destination"/> (width <see cref="Width"/>).</summary>
    public void Encode(int code, Span<float> destination)
    {
        destination.Clear();
        destination[SlotOf(code)] = 1;
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
    internal int DecodeWith(ReadOnlySpan<float> scores, DecodeDraws draws, int row, int column, int requiredCode = -1)
    {
        int best = 0;
        for (int s = 1; s < scores.Length; s++)
        {
            if (scores[s] > scores[best])
            {
                best = s;
            }
        }

        int code = SlotCodes[best];
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

    /// <summary>Writes the encoding; <see cref="Read(BinaryReader)"/> reads it back.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Name);
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

    /// <summary>Reads an encoding written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is truncated or corrupt (the message names the field).</exception>
    public static CategoricalEncoding Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(ModelReader.Over(reader.BaseStream), null, null);
    }

    /// <summary>
    /// Reads an encoding through the bounded model-file reader. Slots must be distinct category codes below the
    /// category count, <see cref="MissingSlot"/> or <see cref="GroupSlot"/>; grouped codes distinct, not also a slot,
    /// with sorted cumulative frequencies in [0, 1]; a group slot exactly when codes are grouped. With
    /// <paramref name="column"/> and <paramref name="categoryCount"/>, the name and count must match the schema.
    /// </summary>
    internal static CategoricalEncoding Read(ModelReader reader, string? column, int? categoryCount)
    {
        var name = reader.ReadString("column name");
        reader.Check(column is null || name == column, "the encoding belongs to another column");
        int categories = reader.ReadCount("category count", ModelFileLimits.MaxCategories, categoryCount is null ? 1 : 0);
        if (categoryCount is { } expected && categories != expected)
        {
            throw reader.Corrupt($"the encoding has {categories} categories; the schema has {expected}");
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

        return new CategoricalEncoding(name, slots, categories, codes, cumulative);
    }
}
