namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>Collects the leaves of one tree (FORDE) column by column; <see cref="Concat"/> joins the trees in order.</summary>
internal sealed class LeafTableBuilder
{
    private readonly FeatureCodes _codes;
    private readonly bool _keepAllowed;
    private readonly List<double> _weights = [];
    private readonly List<double>[][] _normal;
    private readonly List<int>[] _starts;
    private readonly List<int>[] _code;
    private readonly List<int>[] _count;
    private readonly List<ulong>[] _allowed;
    private int[] _scratch = new int[64];

    public LeafTableBuilder(FeatureCodes codes, bool[] whole, bool keepAllowed)
    {
        _codes = codes;
        _keepAllowed = keepAllowed;
        int p = codes.ColumnCount;
        _normal = new List<double>[p][];
        _starts = new List<int>[p];
        _code = new List<int>[p];
        _count = new List<int>[p];
        _allowed = new List<ulong>[p];
        for (int c = 0; c < p; c++)
        {
            if (codes.IsCategorical[c] || whole[c])
            {
                _starts[c] = [0];
                _code[c] = [];
                _count[c] = [];
                _allowed[c] = [];
            }
            else
            {
                _normal[c] = [[], [], [], [], []];
            }
        }

    }

    public void AddLeaf(double weight) => _weights.Add(weight);

    public (double Min, double Max) ObservedRange(int c)
    {
        var values = _codes.Values[c];
        return (values[_codes.HasMissing[c] ? 1 : 0], values[^1]);
    }

    public void AddNormal(int c, double lower, double upper, double mean, double sigma, double missing)
    {
        var lists = _normal[c];
        lists[0].Add(lower);
        lists[1].Add(upper);
        lists[2].Add(mean);
        lists[3].Add(sigma);
        lists[4].Add(missing);
    }

    /// <summary>The counts of the codes the leaf's rows hold, and (categorical columns smoothed with α &gt; 0) the categories the leaf allows.</summary>
    public void AddCounts(int c, ReadOnlySpan<int> rows, LeafRegion region)
    {
        var codes = _codes.Codes[c];
        if (_scratch.Length < rows.Length)
        {
            _scratch = new int[Math.Max(rows.Length, 2 * _scratch.Length)];
        }

        var held = _scratch.AsSpan(0, rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            held[i] = codes[rows[i]];
        }

        held.Sort();
        for (int i = 0; i < held.Length;)
        {
            int j = i + 1;
            while (j < held.Length && held[j] == held[i])
            {
                j++;
            }

            _code[c].Add(held[i]);
            _count[c].Add(j - i);
            i = j;
        }

        _starts[c].Add(_code[c].Count);
        if (_codes.IsCategorical[c] && _keepAllowed)
        {
            _allowed[c].AddRange(region.Allowed(c));
        }
    }

    /// <summary>The leaves of all trees, tree by tree, as one table.</summary>
    public static LeafTable Concat(LeafTableBuilder[] parts, FeatureCodes codes, double alpha)
    {
        var weights = parts.SelectMany(b => b._weights).ToArray();
        var columns = new ColumnDensity[codes.ColumnCount];
        for (int c = 0; c < columns.Length; c++)
        {
            if (parts[0]._normal[c] is not null)
            {
                double[] Join(int k) => parts.SelectMany(b => b._normal[c][k]).ToArray();
                columns[c] = new NormalDensity(Join(0), Join(1), Join(2), Join(3), Join(4));
                continue;
            }

            var start = new List<int> { 0 };
            foreach (var b in parts)
            {
                int offset = start[^1];
                start.AddRange(b._starts[c].Skip(1).Select(s => s + offset));
            }

            bool categorical = codes.IsCategorical[c];
            var values = categorical ? [] : (double[])codes.Values[c].Clone();
            columns[c] = new DiscreteDensity(categorical, codes.Levels[c], codes.HasMissing[c], categorical ? alpha : 0, values,
                start.ToArray(), parts.SelectMany(b => b._code[c]).ToArray(), parts.SelectMany(b => b._count[c]).ToArray(),
                parts.SelectMany(b => b._allowed[c]).ToArray());
        }

        return new LeafTable(weights, columns);
    }
}
