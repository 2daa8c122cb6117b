namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// Dense factor arithmetic between a table over a set of variables and a table over a subset of them (both
/// row-major over increasing variables, first slowest): sum or log-sum-exp the large table onto the small one, or add
/// the small one to every matching cell of the large one. Cells are walked in order with an odometer, so the small
/// table's index is updated by strides instead of being decoded per cell.
/// </summary>
internal sealed class CliqueProjection
{
    /// <summary>Large tables up to this many cells keep their index map (4 bytes a cell) and use it instead of the odometer.</summary>
    private const int MapLimit = 1 << 20;

    private readonly bool _keepMap;
    private readonly int[] _sizes;     // sizes of the large table's variables
    private readonly int[] _strides;   // each large variable's stride in the small table (0 when not in it)

    /// <summary>
    /// The projection of a table over <paramref name="from"/> onto <paramref name="to"/> ⊆ <paramref name="from"/> (both
    /// increasing); <paramref name="keepMap"/>: a projection used many times keeps its index map (up to 2²⁰ cells).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not an increasing subset of <paramref name="from"/>.</exception>
    public CliqueProjection(IReadOnlyList<int> variableSizes, int[] from, int[] to, bool keepMap = false)
    {
        _keepMap = keepMap;
        _sizes = [.. from.Select(v => variableSizes[v])];
        _strides = new int[from.Length];
        int stride = 1;
        for (int k = to.Length - 1; k >= 0; k--)
        {
            int position = Array.IndexOf(from, to[k]);
            if (position < 0 || (k > 0 && to[k - 1] >= to[k]))
            {
                throw new ArgumentException($"Variables ({string.Join(", ", to)}) are not an increasing subset of ({string.Join(", ", from)}).", nameof(to));
            }

            _strides[position] = stride;
            stride *= variableSizes[to[k]];
        }

        FromCells = _sizes.Aggregate(1, (s, k) => s * k);
        ToCells = stride;
        (_sizes, _strides) = Merge(_sizes, _strides);
    }

    /// <summary>Cells of the large table.</summary>
    public int FromCells { get; }

    /// <summary>Cells of the small table.</summary>
    public int ToCells { get; }

    /// <summary>The index map, kept for small enough tables (computed once; a race computes the same map twice).</summary>
    private int[]? Cached => _keepMap && FromCells <= MapLimit ? field ??= Map() : null;

    /// <summary>The small-table cell of every large-table cell, in order (for callers that need the map itself).</summary>
    public int[] Map()
    {
        var map = new int[FromCells];
        Walk((start, i, step, count) =>
        {
            for (int j = 0; j < count; j++)
            {
                map[i + j] = start + (j * step);
            }
        });
        return map;
    }

    /// <summary>Σ of <paramref name="table"/> over the variables not in the small table.</summary>
    public double[] Sum(double[] table)
    {
        var result = new double[ToCells];
        if (Cached is { } map)
        {
            for (int i = 0; i < map.Length; i++)
            {
                result[map[i]] += table[i];
            }

            return result;
        }

        Walk((start, i, step, count) =>
        {
            for (int j = 0, t = start; j < count; j++, t += step)
            {
                result[t] += table[i + j];
            }
        });
        return result;
    }

    /// <summary>log Σ exp of <paramref name="table"/> over the variables not in the small table (the largest term factored out per cell).</summary>
    public double[] LogSumExp(double[] table)
    {
        var max = new double[ToCells];
        Array.Fill(max, double.NegativeInfinity);
        var sum = new double[ToCells];
        if (Cached is { } map)
        {
            for (int i = 0; i < map.Length; i++)
            {
                max[map[i]] = Math.Max(max[map[i]], table[i]);
            }

            for (int i = 0; i < map.Length; i++)
            {
                double m = max[map[i]];
                if (m != double.NegativeInfinity)
                {
                    sum[map[i]] += Math.Exp(table[i] - m);
                }
            }

            return Finish(max, sum);
        }

        Walk((start, i, step, count) =>
        {
            for (int j = 0, t = start; j < count; j++, t += step)
            {
                max[t] = Math.Max(max[t], table[i + j]);
            }
        });
        Walk((start, i, step, count) =>
        {
            for (int j = 0, t = start; j < count; j++, t += step)
            {
                double m = max[t];
                if (m != double.NegativeInfinity)
                {
                    sum[t] += Math.Exp(table[i + j] - m);
                }
            }
        });
        return Finish(max, sum);
    }

    /// <summary>Adds <paramref name="small"/> to every matching cell of <paramref name="table"/>, in place.</summary>
    public void AddTo(double[] small, double[] table)
    {
        if (Cached is { } map)
        {
            for (int i = 0; i < map.Length; i++)
            {
                table[i] += small[map[i]];
            }

            return;
        }

        Walk((start, i, step, count) =>
        {
            for (int j = 0, t = start; j < count; j++, t += step)
            {
                table[i + j] += small[t];
            }
        });
    }

    /// <summary>max + log(sum) per cell, in place in <paramref name="sum"/>; infinite maxima stay.</summary>
    private static double[] Finish(double[] max, double[] sum)
    {
        for (int t = 0; t < sum.Length; t++)
        {
            sum[t] = max[t] == double.NegativeInfinity || double.IsPositiveInfinity(max[t]) ? max[t] : max[t] + Math.Log(sum[t]);
        }

        return sum;
    }

    /// <summary>
    /// Joins neighbouring variables that walk the small table as one (both absent from it, or both present and
    /// adjacent there), so that the runs of <see cref="Walk"/> are as long as possible. The cells' order is unchanged.
    /// </summary>
    private static (int[] Sizes, int[] Strides) Merge(int[] sizes, int[] strides)
    {
        var mergedSizes = new List<int>();
        var mergedStrides = new List<int>();
        for (int k = sizes.Length - 1; k >= 0; k--)
        {
            if (mergedSizes.Count > 0 && strides[k] == mergedStrides[^1] * mergedSizes[^1])
            {
                mergedSizes[^1] *= sizes[k];
                continue;
            }

            mergedSizes.Add(sizes[k]);
            mergedStrides.Add(strides[k]);
        }

        mergedSizes.Reverse();
        mergedStrides.Reverse();
        return ([.. mergedSizes], [.. mergedStrides]);
    }

    /// <summary>
    /// Calls <paramref name="run"/> once per run of the last variable: (small index of the run's first cell, large
    /// index of it, the small-table step along the run, the run's length).
    /// </summary>
    private void Walk(Action<int, int, int, int> run)
    {
        int d = _sizes.Length;
        if (d == 0)
        {
            run(0, 0, 0, 1);
            return;
        }

        int length = _sizes[d - 1], step = _strides[d - 1];
        var digits = new int[d];
        int small = 0;
        for (int i = 0; i < FromCells; i += length)
        {
            run(small, i, step, length);
            for (int k = d - 2; k >= 0; k--)
            {
                small += _strides[k];
                if (++digits[k] < _sizes[k])
                {
                    break;
                }

                small -= _strides[k] * _sizes[k];
                digits[k] = 0;
            }
        }
    }
}
