namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

/// <summary>
/// The observed values of one continuous column, mergeable across partitions: exact (value → count) while the column
/// has at most <see cref="Capacity"/> distinct values, then a deterministic compactor sketch (the equal-weight
/// "merge and compress" summary of Agarwal, Cormode, Huang, Phillips, Wei and Yi, "Mergeable summaries", PODS 2012,
/// in the levelled form of Manku, Rajagopalan and Lindsay 1998 / Karnin, Lang and Liberty 2016, with alternating
/// offsets instead of random ones). Level h holds items of weight 2^h; a level holding more than k = Capacity/4 items
/// is compacted: sorted, every other item (offset alternating with each compaction of that level) promoted to level
/// h + 1, one item kept back when the count is odd. A compaction at level h moves the estimated rank of any x by at
/// most 2^h; the sketch adds those weights up in <see cref="CompactionError"/>, so every rank it reports is within
/// <see cref="RankErrorBound"/> ≤ εn of the true rank, ε = ⌈log₂(n/k)⌉/k: every compaction at level h consumes more
/// than k items of weight 2^h and at most n weight ever reaches a level, so a level compacts fewer than n/(k·2^h) times
/// (error below n/k), and only levels with k·2^h &lt; n compact. The exact minimum and maximum are kept as points of
/// weight 1 split off the end items, which moves no rank by more than that bound.
/// </summary>
internal sealed class ValueSketch
{
    private Dictionary<double, long>? _exact = [];
    private List<List<double>>? _levels;
    private List<long>? _compactions;

    public ValueSketch(int capacity)
    {
        Capacity = capacity;
    }

    /// <summary>The most distinct values kept exactly.</summary>
    public int Capacity { get; }

    /// <summary>Items a level holds before it is compacted.</summary>
    public int LevelSize => Math.Max(2, Capacity / 4);

    /// <summary>Values seen.</summary>
    public long Count { get; private set; }

    /// <summary>The smallest value seen (+∞ when none).</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>The largest value seen (−∞ when none).</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Whether the counts are still exact.</summary>
    public bool IsExact => _exact is not null;

    /// <summary>The sum of the weights of all compactions so far: the rank error of the compacted levels.</summary>
    public long CompactionError { get; private set; }

    /// <summary>The largest error of a rank read from <see cref="WeightedPoints"/>: 0 when exact.</summary>
    public long RankErrorBound => IsExact ? 0 : CompactionError;

    /// <summary>The a-priori bound ε of the rank error εn for <paramref name="n"/> values and level size <paramref name="k"/>.</summary>
    public static double Epsilon(long n, int k) => n <= k ? 0 : Math.Ceiling(Math.Log2((double)n / k)) / k;

    public void Add(double value)
    {
        Count++;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (_exact is not null)
        {
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_exact, value, out _);
            count++;
            if (_exact.Count > Capacity)
            {
                ToSketch();
            }

            return;
        }

        _levels![0].Add(value);
        if (_levels[0].Count > LevelSize)
        {
            Compress();
        }
    }

    /// <summary>Merges sketches of the same capacity into a new one; the inputs are not changed, and their order does not matter.</summary>
    public static ValueSketch Merge(IReadOnlyList<ValueSketch> parts)
    {
        var merged = new ValueSketch(parts[0].Capacity);
        foreach (var p in parts)
        {
            merged.Count += p.Count;
            merged.Min = Math.Min(merged.Min, p.Min);
            merged.Max = Math.Max(merged.Max, p.Max);
        }

        if (parts.All(p => p.IsExact))
        {
            foreach (var p in parts)
            {
                foreach (var (value, count) in p._exact!)
                {
                    merged._exact![value] = merged._exact.GetValueOrDefault(value) + count;
                }
            }

            if (merged._exact!.Count > merged.Capacity)
            {
                merged.ToSketch();
            }

            return merged;
        }

        // Union of every level's items (a multiset: sorted, so the order of the parts does not matter), then compress.
        merged._exact = null;
        merged._levels = [[]];
        merged._compactions = [0];
        foreach (var p in parts)
        {
            if (p.IsExact)
            {
                foreach (var (value, count) in p._exact!)
                {
                    merged.AddWeighted(value, count);
                }

                continue;
            }

            merged.CompactionError += p.CompactionError;
            for (int h = 0; h < p._levels!.Count; h++)
            {
                merged.EnsureLevel(h);
                merged._levels[h].AddRange(p._levels[h]);
                merged._compactions[h] += p._compactions![h];
            }
        }

        merged.Compress();
        return merged;
    }

    /// <summary>
    /// The distinct values in ascending order and their (estimated) counts, which add up to <see cref="Count"/>. Exact:
    /// the data's values and counts. Sketch: its items, with the exact minimum and maximum as points of weight 1 split
    /// off the end items (an item of weight 1 is moved instead): for x between the minimum and the first item the
    /// estimate 1 and the true rank both lie in [1, error], so no rank moves past <see cref="RankErrorBound"/>.
    /// </summary>
    public (double[] Values, long[] Weights) WeightedPoints()
    {
        if (_exact is not null)
        {
            var values = _exact.Keys.ToArray();
            Array.Sort(values);
            return (values, values.Select(v => _exact[v]).ToArray());
        }

        var items = new List<(double Value, long Weight)>();
        for (int h = 0; h < _levels!.Count; h++)
        {
            items.AddRange(_levels[h].Select(v => (v, 1L << h)));
        }

        items.Sort((a, b) => a.Value.CompareTo(b.Value));
        if (items[0].Value != Min)
        {
            if (items[0].Weight == 1)
            {
                items[0] = (Min, 1);
            }
            else
            {
                items[0] = (items[0].Value, items[0].Weight - 1);
                items.Insert(0, (Min, 1));
            }
        }

        if (items[^1].Value != Max)
        {
            if (items[^1].Weight == 1)
            {
                items[^1] = (Max, 1);
            }
            else
            {
                items[^1] = (items[^1].Value, items[^1].Weight - 1);
                items.Add((Max, 1));
            }
        }
        var distinct = new List<double>();
        var weights = new List<long>();
        foreach (var (value, weight) in items)
        {
            if (distinct.Count > 0 && distinct[^1] == value)
            {
                weights[^1] += weight;
            }
            else
            {
                distinct.Add(value);
                weights.Add(weight);
            }
        }

        return (distinct.ToArray(), weights.ToArray());
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Capacity);
        writer.Write(Count);
        writer.Write(Min);
        writer.Write(Max);
        writer.Write(IsExact);
        if (_exact is not null)
        {
            var (values, weights) = WeightedPoints();
            writer.Write(values.Length);
            for (int i = 0; i < values.Length; i++)
            {
                writer.Write(values[i]);
                writer.Write(weights[i]);
            }

            return;
        }

        writer.Write(CompactionError);
        writer.Write(_levels!.Count);
        for (int h = 0; h < _levels.Count; h++)
        {
            writer.Write(_compactions![h]);
            writer.Write(_levels[h].Count);
            foreach (var v in _levels[h])
            {
                writer.Write(v);
            }
        }
    }

    public static ValueSketch Read(BinaryReader reader, string column)
    {
        int capacity = reader.ReadInt32();
        Check(capacity >= 8, column, "the capacity is below 8");
        var sketch = new ValueSketch(capacity) { Count = reader.ReadInt64(), Min = reader.ReadDouble(), Max = reader.ReadDouble() };
        Check(sketch.Count >= 0, column, "the count is negative");
        long total = 0;
        if (reader.ReadBoolean())
        {
            int distinct = reader.ReadInt32();
            Check(distinct >= 0 && distinct <= capacity, column, "the number of distinct values exceeds the capacity");
            for (int i = 0; i < distinct; i++)
            {
                double value = reader.ReadDouble();
                long count = reader.ReadInt64();
                Check(double.IsFinite(value) && count > 0 && value >= sketch.Min && value <= sketch.Max, column, "a value is not finite, outside [min, max], or has a count below 1");
                Check(sketch._exact!.TryAdd(value, count), column, "a value occurs twice");
                total += count;
            }
        }
        else
        {
            sketch._exact = null;
            sketch.CompactionError = reader.ReadInt64();
            int levels = reader.ReadInt32();
            Check(levels is > 0 and <= 62 && sketch.CompactionError >= 0, column, "the number of levels is not in [1, 62] or the error is negative");
            sketch._levels = [];
            sketch._compactions = [];
            for (int h = 0; h < levels; h++)
            {
                sketch._compactions.Add(reader.ReadInt64());
                int items = reader.ReadInt32();
                Check(items >= 0 && items <= 64 * capacity, column, "a level holds more items than a sketch of this capacity can");
                var level = new List<double>(items);
                for (int i = 0; i < items; i++)
                {
                    double v = reader.ReadDouble();
                    Check(double.IsFinite(v) && v >= sketch.Min && v <= sketch.Max, column, "an item is not finite or outside [min, max]");
                    level.Add(v);
                }

                total += items * (1L << h);
                sketch._levels.Add(level);
            }
        }

        Check(total == sketch.Count && (total == 0 || sketch.Min <= sketch.Max), column, "the counts do not add up to the number of values");
        return sketch;
    }

    private static void Check(bool condition, string column, string problem)
    {
        if (!condition)
        {
            throw new InvalidDataException($"Column '{column}': the value sketch is corrupt: {problem}.");
        }
    }

    private void ToSketch()
    {
        var exact = _exact!;
        _exact = null;
        _levels = [[]];
        _compactions = [0];
        foreach (var (value, count) in exact.OrderBy(p => p.Key))
        {
            AddWeighted(value, count);
        }

        Compress();
    }

    /// <summary>Adds <paramref name="count"/> copies of a value: one item at level h for every bit h of the count (no rank error).</summary>
    private void AddWeighted(double value, long count)
    {
        for (int h = 0; count != 0; h++, count >>= 1)
        {
            if ((count & 1) != 0)
            {
                EnsureLevel(h);
                _levels![h].Add(value);
            }
        }
    }

    private void EnsureLevel(int h)
    {
        while (_levels!.Count <= h)
        {
            _levels.Add([]);
            _compactions!.Add(0);
        }
    }

    /// <summary>Compacts every level holding more than <see cref="LevelSize"/> items, bottom up.</summary>
    private void Compress()
    {
        for (int h = 0; h < _levels!.Count; h++)
        {
            var level = _levels[h];
            if (level.Count <= LevelSize)
            {
                continue;
            }

            level.Sort();
            long parity = _compactions![h]++;
            // An odd count keeps one end item back (alternating ends), the rest pair up.
            int keepBack = level.Count % 2;
            int start = keepBack == 1 && parity % 2 == 0 ? 1 : 0;
            int paired = level.Count - keepBack;
            int offset = (int)(parity / 2 % 2);   // alternating offsets within the pairs
            EnsureLevel(h + 1);
            var up = _levels[h + 1];
            for (int i = start + offset; i < start + paired; i += 2)
            {
                up.Add(level[i]);
            }

            double? kept = keepBack == 1 ? (start == 1 ? level[0] : level[^1]) : null;
            level.Clear();
            if (kept is { } k)
            {
                level.Add(k);
            }

            CompactionError += 1L << h;
        }
    }
}
