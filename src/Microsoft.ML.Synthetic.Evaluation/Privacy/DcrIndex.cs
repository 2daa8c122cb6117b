using System.Numerics;

namespace Microsoft.ML.Synthetic.Evaluation.Privacy;

/// <summary>
/// Exact nearest-record search under <see cref="RowDistance"/>, faster than a full scan on tables with categories.
/// Reference rows are grouped by their categorical values. For a query, the categorical part of the distance to
/// every row of a group is the same number m of differing categories, and the continuous part is at least 0, so
/// groups are visited in increasing m and the search stops once m reaches the best sum found: the result equals
/// the brute-force minimum (up to float rounding of the same sums).
/// </summary>
internal sealed class DcrIndex
{
    private const int QueryChunk = 64;
    private readonly int _continuous;
    private readonly int _categorical;
    private readonly float[][] _values;      // continuous columns, rows reordered group by group
    private readonly int[][] _groupCodes;    // per categorical column, the code of each group
    private readonly int[] _groupStart;      // rows of group g: [_groupStart[g], _groupStart[g + 1])
    private readonly GroupLookup? _lookup;   // groups equal in all or all-but-one categories (when affordable)

    /// <summary>Categorical columns × groups above which <see cref="GroupLookup"/> is not built (its memory is 12 bytes per entry).</summary>
    private const long LookupLimit = 1L << 24;

    /// <summary>Indexes column-major reference rows (continuous columns first, then category codes).</summary>
    public DcrIndex(float[][] references, int continuousColumns)
    {
        _continuous = continuousColumns;
        _categorical = references.Length - continuousColumns;
        int n = references.Length == 0 ? 0 : references[0].Length;
        if (n == 0) throw new ArgumentException("The reference table has no rows.", nameof(references));
        var groups = new Dictionary<GroupKey, List<int>>();
        for (int r = 0; r < n; r++)
        {
            var codes = new int[_categorical];
            for (int j = 0; j < _categorical; j++) codes[j] = (int)references[continuousColumns + j][r];
            var key = new GroupKey(codes);
            if (!groups.TryGetValue(key, out var rows)) groups[key] = rows = [];
            rows.Add(r);
        }

        int g = 0, position = 0;
        _groupCodes = Enumerable.Range(0, _categorical).Select(_ => new int[groups.Count]).ToArray();
        _groupStart = new int[groups.Count + 1];
        _values = Enumerable.Range(0, continuousColumns).Select(_ => new float[n]).ToArray();
        foreach (var (key, rows) in groups)
        {
            for (int j = 0; j < _categorical; j++) _groupCodes[j][g] = key.Codes[j];
            _groupStart[g] = position;
            foreach (var r in rows)
            {
                for (int c = 0; c < continuousColumns; c++) _values[c][position] = references[c][r];
                position++;
            }

            g++;
        }

        _groupStart[g] = position;
        if (_categorical > 0 && (_categorical + 1L) * groups.Count <= LookupLimit) _lookup = new GroupLookup(_groupCodes, groups.Count);
    }

    /// <summary>The number of distinct categorical combinations among the reference rows.</summary>
    public int GroupCount => _groupStart.Length - 1;

    /// <summary>The DCR (mean over columns) of every query row.</summary>
    public double[] Query(float[][] queries, CancellationToken cancellationToken)
    {
        int columns = _continuous + _categorical;
        int count = queries.Length == 0 ? 0 : queries[0].Length;
        var result = new double[count];
        int chunks = (count + QueryChunk - 1) / QueryChunk;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken },
            () => new Workspace(GroupCount, _categorical),
            (chunk, _, work) =>
            {
                int end = Math.Min(count, (chunk + 1) * QueryChunk);
                for (int q = chunk * QueryChunk; q < end; q++) result[q] = Nearest(queries, q, work) / columns;
                return work;
            },
            _ => { });
        return result;
    }

    private sealed class Workspace(int groups, int categorical)
    {
        public readonly int[] Equal = new int[groups];
        public readonly int[] BucketStart = new int[categorical + 2];
        public readonly int[] Order = new int[groups];
        public readonly float[] Query = new float[64];
        public readonly int[] Next = new int[categorical + 1];
        public readonly int[] Codes = new int[categorical];
    }

    private float Nearest(float[][] queries, int q, Workspace work)
    {
        int groups = GroupCount;
        var query = work.Query.Length >= _continuous ? work.Query : new float[_continuous];
        for (int c = 0; c < _continuous; c++) query[c] = queries[c][q];
        if (_lookup is not null && NearestAmongClose(queries, q, query, work.Codes) is { } close) return close;

        var equal = work.Equal;
        Array.Clear(equal);

        // Equal categories per group, eight groups at a time.
        int width = Vector<int>.Count;
        for (int j = 0; j < _categorical; j++)
        {
            int code = (int)queries[_continuous + j][q];
            var codes = _groupCodes[j];
            var target = new Vector<int>(code);
            int g = 0;
            for (; g + width <= groups; g += width)
            {
                var matches = Vector.Equals(new Vector<int>(codes, g), target);   // -1 where equal
                (new Vector<int>(equal, g) - matches).CopyTo(equal, g);
            }

            for (; g < groups; g++)
            {
                if (codes[g] == code) equal[g]++;
            }
        }

        // Counting sort of the groups by their number of differing categories.
        var start = work.BucketStart;
        Array.Clear(start);
        for (int g = 0; g < groups; g++) start[_categorical - equal[g] + 1]++;
        for (int m = 1; m < start.Length; m++) start[m] += start[m - 1];
        var order = work.Order;
        var next = work.Next;
        Array.Copy(start, next, _categorical + 1);
        for (int g = 0; g < groups; g++) order[next[_categorical - equal[g]]++] = g;

        float best = float.PositiveInfinity;
        for (int m = 0; m <= _categorical && m < best; m++)
        {
            for (int k = start[m]; k < start[m + 1]; k++)
            {
                int g = order[k];
                float d = m + ContinuousMinimum(query, _groupStart[g], _groupStart[g + 1], best - m);
                if (d < best) best = d;
                if (best == 0) return 0;
            }
        }

        return best;
    }

    /// <summary>
    /// The nearest distance when it lies among the groups that differ from the query in at most one category: those
    /// are found by <see cref="GroupLookup"/>, and every other group is at least 2 away (or there is no other group
    /// when there is one categorical column). Null when that cannot be decided; the full search then runs.
    /// </summary>
    private float? NearestAmongClose(float[][] queries, int q, float[] query, int[] codes)
    {
        for (int j = 0; j < _categorical; j++) codes[j] = (int)queries[_continuous + j][q];
        float best = float.PositiveInfinity;
        foreach (int g in _lookup!.Matching(codes, -1))
        {
            best = Math.Min(best, ContinuousMinimum(query, _groupStart[g], _groupStart[g + 1], best));
            if (best == 0) return 0;
        }

        for (int skip = 0; skip < _categorical && best > 1; skip++)
        {
            foreach (int g in _lookup.Matching(codes, skip))
            {
                if (_groupCodes[skip][g] == codes[skip]) continue;   // the group equal in every column, seen above
                float d = 1 + ContinuousMinimum(query, _groupStart[g], _groupStart[g + 1], best - 1);
                if (d < best) best = d;
            }
        }

        return _categorical == 1 || best <= 2 ? best : null;
    }

    /// <summary>The smallest continuous part of the distance from <paramref name="query"/> to rows [start, end).</summary>
    private float ContinuousMinimum(float[] query, int start, int end, float bound)
    {
        if (_continuous == 0) return 0;
        int width = Vector<float>.Count;
        var one = Vector<float>.One;
        float best = float.PositiveInfinity;
        int r = start;
        if (end - start >= width)
        {
            var minimum = new Vector<float>(float.PositiveInfinity);
            for (; r + width <= end; r += width)
            {
                var sum = Vector<float>.Zero;
                for (int c = 0; c < _continuous; c++)
                {
                    sum += Vector.Min(Vector.Abs(new Vector<float>(_values[c], r) - new Vector<float>(query[c])), one);
                }

                minimum = Vector.Min(minimum, sum);
            }

            for (int lane = 0; lane < width; lane++) best = Math.Min(best, minimum[lane]);
        }

        for (; r < end; r++)
        {
            float sum = 0;
            for (int c = 0; c < _continuous && sum < bound; c++) sum += Math.Min(Math.Abs(_values[c][r] - query[c]), 1f);
            if (sum < best) best = sum;
        }

        return best;
    }

    private readonly struct GroupKey(int[] codes) : IEquatable<GroupKey>
    {
        public int[] Codes { get; } = codes;

        public bool Equals(GroupKey other) => Codes.AsSpan().SequenceEqual(other.Codes);

        public override bool Equals(object? obj) => obj is GroupKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var c in Codes) hash.Add(c);
            return hash.ToHashCode();
        }
    }
}
