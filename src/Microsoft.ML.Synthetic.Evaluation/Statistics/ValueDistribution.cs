namespace Microsoft.ML.Synthetic.Evaluation.Statistics;

/// <summary>
/// The observed values of one continuous column: exact (value → count) while the column has at most
/// <c>capacity</c> distinct values, a <see cref="MergeableQuantileSketch"/> past it. Exact counts merge by adding
/// (in any order, with the same result); once either side or the union passes the capacity the merge goes to the
/// sketch, whose rank error bound is carried along.
/// </summary>
internal sealed class ValueDistribution
{
    private Dictionary<double, long>? _exact = [];
    private MergeableQuantileSketch? _sketch;

    public ValueDistribution(int capacity, int sketchK)
    {
        Capacity = capacity;
        SketchK = sketchK;
    }

    /// <summary>The most distinct values kept exactly.</summary>
    public int Capacity { get; }

    /// <summary>The sketch's values per level once the capacity is passed.</summary>
    public int SketchK { get; }

    /// <summary>Observed (non-missing) values counted.</summary>
    public long Count { get; private set; }

    /// <summary>The smallest observed value (+∞ when none); exact even when the sketch is in use.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>The largest observed value (−∞ when none); exact even when the sketch is in use.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Whether the counts are exact (no sketch in use).</summary>
    public bool IsExact => _exact is not null;

    /// <summary>The largest possible error of the empirical CDF at any point, as a fraction of <see cref="Count"/> (0 when exact).</summary>
    public double CdfErrorBound => _sketch is null || Count == 0 ? 0 : (double)_sketch.RankErrorBound / Count;

    internal IReadOnlyDictionary<double, long>? Exact => _exact;

    internal MergeableQuantileSketch? Sketch => _sketch;

    public void Add(double value, long count = 1)
    {
        Count += count;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (_exact is not null)
        {
            _exact[value] = _exact.GetValueOrDefault(value) + count;
            if (_exact.Count > Capacity) ToSketch();
            return;
        }

        _sketch!.Add(value, count);
    }

    public void Merge(ValueDistribution other)
    {
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        if (other._exact is not null)
        {
            foreach (var (v, c) in Sorted(other._exact))
            {
                if (_exact is not null) _exact[v] = _exact.GetValueOrDefault(v) + c;
                else _sketch!.Add(v, c);
            }

            Count += other.Count;
            if (_exact is not null && _exact.Count > Capacity) ToSketch();
            return;
        }

        if (_exact is not null) ToSketch();
        _sketch!.Merge(other._sketch!);
        Count += other.Count;
    }

    /// <summary>The distinct values in ascending order and their counts (approximate when a sketch is in use).</summary>
    public (double[] Values, long[] Counts) Points()
    {
        if (_sketch is not null) return _sketch.Points();
        var sorted = Sorted(_exact!);
        return (sorted.Select(p => p.Key).ToArray(), sorted.Select(p => p.Value).ToArray());
    }

    internal static ValueDistribution Restore(int capacity, int sketchK, long count, double min, double max, Dictionary<double, long>? exact, MergeableQuantileSketch? sketch) =>
        new(capacity, sketchK) { Count = count, Min = min, Max = max, _exact = exact, _sketch = sketch };

    private static KeyValuePair<double, long>[] Sorted(Dictionary<double, long> counts)
    {
        var array = counts.ToArray();
        Array.Sort(array, (a, b) => a.Key.CompareTo(b.Key));
        return array;
    }

    private void ToSketch()
    {
        var sketch = new MergeableQuantileSketch(SketchK);
        foreach (var (v, c) in Sorted(_exact!)) sketch.Add(v, c);
        _exact = null;
        _sketch = sketch;
    }
}
