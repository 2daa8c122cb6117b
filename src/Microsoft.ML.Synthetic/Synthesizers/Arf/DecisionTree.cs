namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// One classification tree of the adversarial forest, as flat node arrays. An inner node sends a row left when its
/// code is at most <see cref="Threshold"/> (an ordered column) or when its category is in the node's left set (a
/// categorical column); a leaf holds the in-bag majority (its vote). Grown by <see cref="TreeGrower"/>.
/// </summary>
internal sealed class DecisionTree
{
    private int[] _feature;
    private int[] _threshold;
    private int[] _left;
    private int[] _right;
    private byte[] _vote;
    private readonly List<ulong> _masks = [];

    public DecisionTree(int capacity)
    {
        capacity = Math.Max(capacity, 1);
        _feature = new int[capacity];
        _threshold = new int[capacity];
        _left = new int[capacity];
        _right = new int[capacity];
        _vote = new byte[capacity];
    }

    /// <summary>Nodes allocated (pruning leaves some unreachable).</summary>
    public int NodeCount { get; private set; }

    /// <summary>The split column of a node, −1 for a leaf.</summary>
    public int Feature(int node) => _feature[node];

    public int Threshold(int node) => _threshold[node];

    public int Left(int node) => _left[node];

    public int Right(int node) => _right[node];

    /// <summary>A leaf's vote for "real": 0 (synthetic majority), 1 (tie) or 2 (real majority), in halves.</summary>
    public int Vote(int node) => _vote[node];

    /// <summary>Whether category <paramref name="code"/> goes left at categorical node <paramref name="node"/>.</summary>
    public bool InLeftSet(int node, int code) => (_masks[_threshold[node] + (code >> 6)] & (1UL << (code & 63))) != 0;

    public int AddLeaf(byte vote)
    {
        int node = Allocate();
        _feature[node] = -1;
        _vote[node] = vote;
        return node;
    }

    /// <summary>Records the in-bag majority of leaf <paramref name="node"/>.</summary>
    public void SetVote(int node, byte vote) => _vote[node] = vote;

    /// <summary>Turns leaf <paramref name="node"/> into an ordered split with the two given children.</summary>
    public void SetOrderedSplit(int node, int feature, int threshold, int left, int right)
    {
        _feature[node] = feature;
        _threshold[node] = threshold;
        _left[node] = left;
        _right[node] = right;
    }

    /// <summary>Turns leaf <paramref name="node"/> into a categorical split; <paramref name="leftSet"/> is a bit set of codes.</summary>
    public void SetCategoricalSplit(int node, int feature, ReadOnlySpan<ulong> leftSet, int left, int right)
    {
        _feature[node] = feature;
        _threshold[node] = _masks.Count;
        foreach (var word in leftSet)
        {
            _masks.Add(word);
        }

        _left[node] = left;
        _right[node] = right;
    }

    /// <summary>The leaf row <paramref name="row"/> of <paramref name="codes"/> falls into.</summary>
    public int LeafOf(int[][] codes, bool[] categorical, int row)
    {
        int node = 0;
        while (_feature[node] >= 0)
        {
            int f = _feature[node];
            int code = codes[f][row];
            bool left = categorical[f] ? InLeftSet(node, code) : code <= _threshold[node];
            node = left ? _left[node] : _right[node];
        }

        return node;
    }

    /// <summary>
    /// Prunes leaves that hold fewer than <paramref name="minRows"/> of the <paramref name="rowCount"/> rows of
    /// <paramref name="codes"/> (the real rows), as the reference implementation of Watson et al. does: the parent of
    /// such a leaf is replaced by the leaf's sibling (the parent's split disappears and the leaf's rows follow the
    /// sibling's splits), or becomes a leaf when both children are too small; repeated until every leaf is large
    /// enough or the tree is a single leaf.
    /// </summary>
    public void Prune(int[][] codes, bool[] categorical, int rowCount, int minRows)
    {
        var counts = new int[NodeCount];
        var actions = new List<(int Parent, int Replacement)>();
        while (true)
        {
            Array.Clear(counts);
            for (int row = 0; row < rowCount; row++)
            {
                counts[LeafOf(codes, categorical, row)]++;
            }

            actions.Clear();
            var stack = new Stack<int>();
            stack.Push(0);
            while (stack.Count > 0)
            {
                int node = stack.Pop();
                if (_feature[node] < 0)
                {
                    continue;
                }

                int l = _left[node], r = _right[node];
                bool smallLeft = _feature[l] < 0 && counts[l] < minRows;
                bool smallRight = _feature[r] < 0 && counts[r] < minRows;
                if (smallLeft && smallRight)
                {
                    actions.Add((node, -1));
                }
                else if (smallLeft)
                {
                    actions.Add((node, r));
                }
                else if (smallRight)
                {
                    actions.Add((node, l));
                }
                else
                {
                    stack.Push(r);
                    stack.Push(l);
                }
            }

            if (actions.Count == 0)
            {
                return;
            }

            foreach (var (parent, replacement) in actions)
            {
                if (replacement < 0)
                {
                    _feature[parent] = -1;
                }
                else
                {
                    _feature[parent] = _feature[replacement];
                    _threshold[parent] = _threshold[replacement];
                    _left[parent] = _left[replacement];
                    _right[parent] = _right[replacement];
                    _vote[parent] = _vote[replacement];
                }
            }
        }
    }

    private int Allocate()
    {
        if (NodeCount == _feature.Length)
        {
            int size = _feature.Length * 2;
            Array.Resize(ref _feature, size);
            Array.Resize(ref _threshold, size);
            Array.Resize(ref _left, size);
            Array.Resize(ref _right, size);
            Array.Resize(ref _vote, size);
        }

        return NodeCount++;
    }
}
