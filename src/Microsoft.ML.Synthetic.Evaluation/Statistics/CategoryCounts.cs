namespace Microsoft.ML.Synthetic.Evaluation.Statistics;

/// <summary>Exact counts of one categorical column, keyed by the category's text (ids in first-seen order), and its missing values.</summary>
internal sealed class CategoryCounts
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public List<string> Texts { get; } = [];

    public List<long> Counts { get; } = [];

    public long Missing { get; set; }

    public long Observed => Counts.Sum();

    /// <summary>The id of a category, added with count 0 when new.</summary>
    public int IdOf(string text)
    {
        if (!_index.TryGetValue(text, out int id))
        {
            id = Texts.Count;
            _index.Add(text, id);
            Texts.Add(text);
            Counts.Add(0);
        }

        return id;
    }

    /// <summary>Ids of another column's categories in this one (added when new).</summary>
    public int[] Remap(IReadOnlyList<string> texts)
    {
        var map = new int[texts.Count];
        for (int i = 0; i < map.Length; i++) map[i] = IdOf(texts[i]);
        return map;
    }

    public void Merge(CategoryCounts other)
    {
        var map = Remap(other.Texts);
        for (int i = 0; i < map.Length; i++) Counts[map[i]] += other.Counts[i];
        Missing += other.Missing;
    }
}
