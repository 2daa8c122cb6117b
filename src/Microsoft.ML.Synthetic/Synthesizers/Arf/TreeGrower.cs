using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// Grows one CART classification tree (Breiman et al. 1984) on a bootstrap sample, as ranger does for the adversarial
/// forest: at each node <c>mtry</c> columns drawn without replacement, the split with the largest Gini decrease (the
/// weighted sum of squared class counts over child size), ordered columns split at a code threshold, categorical
/// columns partitioned optimally by sorting the categories by their share of the positive class (exact for two
/// classes: Breiman et al. 1984, §9.4); a node with at most <c>minSplit</c> samples or one class is a leaf.
/// </summary>
internal sealed class TreeGrower
{
    private readonly int[][] _codes;
    private readonly bool[] _categorical;
    private readonly int[] _levels;
    private readonly byte[] _labels;
    private readonly int _mtry;
    private readonly int _minSplit;
    private readonly int[] _total;
    private readonly int[] _ones;
    private readonly int[] _order;
    private readonly double[] _share;
    private readonly int[] _features;
    private int[] _keys = [];
    private byte[] _keyLabels = [];
    private readonly ulong[] _bestMask;
    private readonly ulong[] _mask;

    public TreeGrower(int[][] codes, bool[] categorical, int[] levels, byte[] labels, int mtry, int minSplit)
    {
        _codes = codes;
        _categorical = categorical;
        _levels = levels;
        _labels = labels;
        _mtry = mtry;
        _minSplit = minSplit;
        int maxLevels = levels.Length == 0 ? 1 : Math.Max(1, levels.Max());
        _total = new int[maxLevels];
        _ones = new int[maxLevels];
        _order = new int[maxLevels];
        _share = new double[maxLevels];
        _features = Enumerable.Range(0, codes.Length).ToArray();
        _bestMask = new ulong[(maxLevels + 63) / 64];
        _mask = new ulong[_bestMask.Length];
    }

    /// <summary>Grows a tree on <paramref name="sample"/> (row indices, repeats allowed; reordered in place).</summary>
    public DecisionTree Grow(int[] sample, Xoshiro256StarStar rng)
    {
        // The column draws permute _features in place: start every tree from the same order, whichever thread grows it.
        for (int f = 0; f < _features.Length; f++)
        {
            _features[f] = f;
        }

        var tree = new DecisionTree(2 * sample.Length / Math.Max(1, _minSplit));
        var stack = new Stack<(int Node, int Start, int End)>();
        stack.Push((tree.AddLeaf(0), 0, sample.Length));
        while (stack.Count > 0)
        {
            var (node, start, end) = stack.Pop();
            int size = end - start, ones = 0;
            for (int i = start; i < end; i++)
            {
                ones += _labels[sample[i]];
            }

            var split = size > _minSplit && ones > 0 && ones < size ? FindSplit(sample, start, end, ones, rng) : null;
            if (split is not { } s)
            {
                // The node stays a leaf: record its majority.
                tree.SetVote(node, (byte)(2 * ones > size ? 2 : 2 * ones == size ? 1 : 0));
                continue;
            }

            int middle = Partition(sample, start, end, s);
            int left = tree.AddLeaf(0), right = tree.AddLeaf(0);
            if (_categorical[s.Feature])
            {
                tree.SetCategoricalSplit(node, s.Feature, _bestMask.AsSpan(0, MaskWords(s.Feature)), left, right);
            }
            else
            {
                tree.SetOrderedSplit(node, s.Feature, s.Threshold, left, right);
            }

            stack.Push((right, middle, end));
            stack.Push((left, start, middle));
        }

        return tree;
    }

    private int MaskWords(int feature) => (_levels[feature] + 63) / 64;

    private int Partition(int[] sample, int start, int end, Split split)
    {
        var codes = _codes[split.Feature];
        bool categorical = _categorical[split.Feature];
        int i = start, j = end - 1;
        while (i <= j)
        {
            int code = codes[sample[i]];
            bool left = categorical ? (_bestMask[code >> 6] & (1UL << (code & 63))) != 0 : code <= split.Threshold;
            if (left)
            {
                i++;
            }
            else
            {
                (sample[i], sample[j]) = (sample[j], sample[i]);
                j--;
            }
        }

        return i;
    }

    private Split? FindSplit(int[] sample, int start, int end, int ones, Xoshiro256StarStar rng)
    {
        // Any valid partition may be chosen (ranger and scikit-learn both accept a split that does not lower the
        // impurity); a column constant in the node does not count towards mtry, as in scikit-learn, the forest
        // of the Python reference arfpy, so a node stops only when every column is constant in it.
        double best = double.NegativeInfinity;
        Split? result = null;
        int p = _features.Length;
        int useful = 0;
        for (int d = 0; d < p && useful < _mtry; d++)
        {
            int pick = d + (int)(rng.NextUInt64() % (ulong)(p - d));
            (_features[d], _features[pick]) = (_features[pick], _features[d]);
            int f = _features[d];
            bool varies = false;
            var candidate = _categorical[f]
                ? BestCategorical(sample, start, end, f, ones, ref best, ref varies)
                : BestOrdered(sample, start, end, f, ones, ref best, ref varies);
            useful += varies ? 1 : 0;
            if (candidate is { } c)
            {
                result = c;
                if (_categorical[f])
                {
                    Array.Copy(_mask, _bestMask, MaskWords(f));
                }
            }
        }

        return result;
    }

    private static double Score(long l1, long lN, long r1, long rN) =>
        ((double)(l1 * l1) + ((double)(lN - l1) * (lN - l1))) / lN + (((double)(r1 * r1) + ((double)(rN - r1) * (rN - r1))) / rN);

    private Split? BestOrdered(int[] sample, int start, int end, int f, int ones, ref double best, ref bool varies)
    {
        var codes = _codes[f];
        int levels = _levels[f], size = end - start;
        Split? result = null;
        if (levels <= (4 * size) + 16)
        {
            FillHistogram(sample, start, end, f);

            long lN = 0, l1 = 0;
            for (int u = 0; u < levels - 1; u++)
            {
                if (_total[u] == 0)
                {
                    continue;
                }

                lN += _total[u];
                l1 += _ones[u];
                if (lN == size)
                {
                    break;
                }

                varies = true;
                double score = Score(l1, lN, ones - l1, size - lN);
                if (score > best)
                {
                    best = score;
                    result = new Split(f, u);
                }
            }

            return result;
        }

        // Many distinct values in a small node: sort the node's codes instead.
        if (_keys.Length < size)
        {
            _keys = new int[Math.Max(size, 2 * _keys.Length)];
            _keyLabels = new byte[_keys.Length];
        }

        for (int i = 0; i < size; i++)
        {
            int row = sample[start + i];
            _keys[i] = codes[row];
            _keyLabels[i] = _labels[row];
        }

        Array.Sort(_keys, _keyLabels, 0, size);
        long n = 0, m = 0;
        for (int i = 0; i < size - 1; i++)
        {
            n++;
            m += _keyLabels[i];
            if (_keys[i] == _keys[i + 1])
            {
                continue;
            }

            varies = true;
            double score = Score(m, n, ones - m, size - n);
            if (score > best)
            {
                best = score;
                result = new Split(f, _keys[i]);
            }
        }

        return result;
    }

    /// <summary>Rows (<see cref="_total"/>) and real rows (<see cref="_ones"/>) of the node per code of column <paramref name="f"/>.</summary>
    private void FillHistogram(int[] sample, int start, int end, int f)
    {
        var codes = _codes[f];
        Array.Clear(_total, 0, _levels[f]);
        Array.Clear(_ones, 0, _levels[f]);
        for (int i = start; i < end; i++)
        {
            int row = sample[i];
            _total[codes[row]]++;
            _ones[codes[row]] += _labels[row];
        }
    }

    private Split? BestCategorical(int[] sample, int start, int end, int f, int ones, ref double best, ref bool varies)
    {
        int levels = _levels[f], size = end - start;
        FillHistogram(sample, start, end, f);
        int present = 0;
        for (int u = 0; u < levels; u++)
        {
            if (_total[u] > 0)
            {
                _order[present] = u;
                _share[present] = (double)_ones[u] / _total[u];
                present++;
            }
        }

        if (present < 2)
        {
            return null;
        }

        varies = true;
        // Stable order by share (ties by code) keeps the split reproducible.
        Array.Sort(_share, _order, 0, present, Comparer<double>.Default);
        SortTiesByCode(present);
        long lN = 0, l1 = 0;
        int bestPrefix = -1;
        for (int k = 0; k < present - 1; k++)
        {
            int u = _order[k];
            lN += _total[u];
            l1 += _ones[u];
            double score = Score(l1, lN, ones - l1, size - lN);
            if (score > best)
            {
                best = score;
                bestPrefix = k;
            }
        }

        if (bestPrefix < 0)
        {
            return null;
        }

        Array.Clear(_mask, 0, MaskWords(f));
        for (int k = 0; k <= bestPrefix; k++)
        {
            _mask[_order[k] >> 6] |= 1UL << (_order[k] & 63);
        }

        return new Split(f, -1);
    }

    /// <summary>Array.Sort is not stable: within runs of equal share, order the codes ascending.</summary>
    private void SortTiesByCode(int present)
    {
        int runStart = 0;
        for (int k = 1; k <= present; k++)
        {
            if (k == present || _share[k] != _share[runStart])
            {
                if (k - runStart > 1)
                {
                    Array.Sort(_order, runStart, k - runStart);
                }

                runStart = k;
            }
        }
    }

    private readonly record struct Split(int Feature, int Threshold);
}
