namespace Microsoft.ML.Synthetic.Preprocessing;

/// <summary>
/// The one-hot of a categorical column: one slot per category, one for missing values when the column has
/// any, and, when the column has more categories than allowed, one slot for the rarest categories grouped.
/// </summary>
public sealed class CategoricalEncoding
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
    public static CategoricalEncoding Fit(Data.CategoricalColumn column, int maxCategories, Action<string>? warn)
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

    /// <summary>Writes the encoding; <see cref="Read"/> reads it back.</summary>
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
    public static CategoricalEncoding Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var name = reader.ReadString();
        int categoryCount = reader.ReadInt32();
        var slots = new int[reader.ReadInt32()];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = reader.ReadInt32();
        }

        int groupCount = reader.ReadInt32();
        var codes = new int[groupCount];
        var cumulative = new double[groupCount];
        for (int i = 0; i < groupCount; i++)
        {
            codes[i] = reader.ReadInt32();
            cumulative[i] = reader.ReadDouble();
        }

        return new CategoricalEncoding(name, slots, categoryCount, codes, cumulative);
    }
}
