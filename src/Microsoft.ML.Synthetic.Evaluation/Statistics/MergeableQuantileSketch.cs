namespace Microsoft.ML.Synthetic.Evaluation.Statistics;

/// <summary>
/// A deterministic mergeable quantile summary: the equal-weight merge-and-compress hierarchy of Manku, Rajagopalan
/// and Lindsay (SIGMOD 1998), shown mergeable by Agarwal et al. ("Mergeable summaries", PODS 2012, §3). Level h holds
/// values of weight 2^h; when a level reaches 2k values they are sorted, paired, and the second of every pair moves up
/// one level with twice the weight (a leftover odd value stays). Total weight is kept exactly, and one compression at
/// level h moves the count of values ≤ x by at most 2^h for every x (only the one pair straddling x changes), so the
/// summed weights of all compressions, <see cref="RankErrorBound"/>, bound the error of every rank the summary gives:
/// |rank(x) − true rank(x)| ≤ <see cref="RankErrorBound"/>. A compression at level h consumes weight 2k·2^h, so the
/// bound is at most n/(2k) per level that compressed, and only levels h with 2k·2^h ≤ n compress: n·⌊log₂(n/k)⌋/(2k) in all.
/// Merging adds the two bounds and the compressions the merge makes. (The copula's marginal sketch lives in the core
/// project on its own branch; this one serves the evaluation only.)
/// </summary>
internal sealed class MergeableQuantileSketch
{
    private readonly List<List<double>> _levels = [[]];

    public MergeableQuantileSketch(int k)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), k, "The sketch needs k ≥ 2 values per level.");
        K = k;
    }

    /// <summary>Values a level holds before it is compressed into the next (the level's buffer is 2k).</summary>
    public int K { get; }

    /// <summary>The number of values summarized (the total weight).</summary>
    public long Count { get; private set; }

    /// <summary>The largest possible error of any rank the summary gives (in values; 0 while no compression happened).</summary>
    public long RankErrorBound { get; private set; }

    /// <summary>The levels (level h: values of weight 2^h), for saving.</summary>
    internal IReadOnlyList<List<double>> Levels => _levels;

    /// <summary>Adds <paramref name="count"/> copies of a value and compresses full levels.</summary>
    public void Add(double value, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count += count;

        // The weight goes in by its binary digits: 2^h copies are one value at level h (exact, no error).
        for (int h = 0; count > 0; h++, count >>= 1)
        {
            if ((count & 1) != 0) Level(h).Add(value);
        }

        Compress();
    }

    /// <summary>Adds every value of <paramref name="other"/> (its error bound carries over) and compresses.</summary>
    public void Merge(MergeableQuantileSketch other)
    {
        for (int h = 0; h < other._levels.Count; h++) Level(h).AddRange(other._levels[h]);
        Count += other.Count;
        RankErrorBound += other.RankErrorBound;
        Compress();
    }

    /// <summary>Restores a saved sketch.</summary>
    internal static MergeableQuantileSketch Restore(int k, long count, long errorBound, List<List<double>> levels)
    {
        var sketch = new MergeableQuantileSketch(k) { Count = count, RankErrorBound = errorBound };
        sketch._levels.Clear();
        sketch._levels.AddRange(levels);
        if (sketch._levels.Count == 0) sketch._levels.Add([]);
        long weight = 0;
        for (int h = 0; h < levels.Count; h++) weight += (long)levels[h].Count << h;
        if (weight != count) throw new InvalidDataException($"The saved quantile sketch holds weight {weight} but says it summarizes {count} values.");
        return sketch;
    }

    /// <summary>The distinct values with their (approximate) counts, in ascending order.</summary>
    public (double[] Values, long[] Counts) Points()
    {
        var items = new List<(double Value, long Weight)>();
        for (int h = 0; h < _levels.Count; h++)
        {
            foreach (var v in _levels[h]) items.Add((v, 1L << h));
        }

        items.Sort((a, b) => a.Value.CompareTo(b.Value));
        var values = new List<double>(items.Count);
        var counts = new List<long>(items.Count);
        foreach (var (v, w) in items)
        {
            if (values.Count > 0 && values[^1] == v) counts[^1] += w;
            else
            {
                values.Add(v);
                counts.Add(w);
            }
        }

        return (values.ToArray(), counts.ToArray());
    }

    private List<double> Level(int h)
    {
        while (_levels.Count <= h) _levels.Add([]);
        return _levels[h];
    }

    private void Compress()
    {
        for (int h = 0; h < _levels.Count; h++)
        {
            var level = _levels[h];
            if (level.Count < 2 * K) continue;
            level.Sort();
            int pairs = level.Count / 2;
            var up = Level(h + 1);
            for (int i = 0; i < pairs; i++) up.Add(level[2 * i + 1]);
            double? leftover = level.Count % 2 == 1 ? level[^1] : null;
            level.Clear();
            if (leftover is { } l) level.Add(l);
            RankErrorBound += 1L << h;
        }
    }
}
