namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// The box a leaf covers: for each ordered column the range of codes its splits allow, for each categorical column the
/// set of categories they allow. Continuous bounds lie halfway between the neighbouring distinct values, where the
/// splits were made.
/// </summary>
internal sealed class LeafRegion
{
    private readonly FeatureCodes _codes;
    private readonly int[] _first;
    private readonly int[] _last;
    private readonly ulong[][] _allowed;

    private LeafRegion(int node, FeatureCodes codes, int[] first, int[] last, ulong[][] allowed)
    {
        Node = node;
        _codes = codes;
        _first = first;
        _last = last;
        _allowed = allowed;
    }

    public int Node { get; }

    /// <summary>The lowest and highest code an ordered column may take in the leaf.</summary>
    public (int First, int Last) CodeRange(int column) => (_first[column], _last[column]);

    /// <summary>The categories (as a bit set) a categorical column may take in the leaf.</summary>
    public ReadOnlySpan<ulong> Allowed(int column) => _allowed[column];

    /// <summary>The value interval of a continuous column in the leaf (open ends are infinite).</summary>
    public (double Lower, double Upper) Bounds(int column)
    {
        var values = _codes.Values[column];
        int first = _first[column], last = _last[column];
        double lower = first == 0 ? double.NegativeInfinity : (values[first - 1] + values[first]) / 2;
        double upper = last == values.Length - 1 ? double.PositiveInfinity : (values[last] + values[last + 1]) / 2;
        return (lower, upper);
    }

    /// <summary>Every leaf reachable from the root, in depth-first order (left first).</summary>
    public static IEnumerable<LeafRegion> Enumerate(DecisionTree tree, FeatureCodes codes)
    {
        int p = codes.ColumnCount;
        var first = new int[p];
        var last = new int[p];
        var allowed = new ulong[p][];
        for (int c = 0; c < p; c++)
        {
            last[c] = codes.Levels[c] - 1;
            if (codes.IsCategorical[c])
            {
                allowed[c] = new ulong[(codes.Levels[c] + 63) / 64];
                for (int k = 0; k < codes.Levels[c]; k++)
                {
                    allowed[c][k >> 6] |= 1UL << (k & 63);
                }
            }
        }

        var stack = new Stack<LeafRegion>();
        stack.Push(new LeafRegion(0, codes, first, last, allowed));
        while (stack.Count > 0)
        {
            var region = stack.Pop();
            int node = region.Node, f = tree.Feature(node);
            if (f < 0)
            {
                yield return region;
                continue;
            }

            var left = region.Child(tree.Left(node));
            var right = region.Child(tree.Right(node));
            if (codes.IsCategorical[f])
            {
                var l = left._allowed[f] = (ulong[])region._allowed[f].Clone();
                var r = right._allowed[f] = (ulong[])region._allowed[f].Clone();
                for (int k = 0; k < codes.Levels[f]; k++)
                {
                    ref ulong drop = ref (tree.InLeftSet(node, k) ? ref r[k >> 6] : ref l[k >> 6]);
                    drop &= ~(1UL << (k & 63));
                }
            }
            else
            {
                left._last[f] = Math.Min(left._last[f], tree.Threshold(node));
                right._first[f] = Math.Max(right._first[f], tree.Threshold(node) + 1);
            }

            stack.Push(right);
            stack.Push(left);
        }
    }

    private LeafRegion Child(int node) => new(node, _codes, (int[])_first.Clone(), (int[])_last.Clone(), (ulong[][])_allowed.Clone());
}
