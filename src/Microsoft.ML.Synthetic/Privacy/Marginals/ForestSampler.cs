using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// Draws rows from a forest-structured model by forward sampling: each tree's root from its marginal, then every
/// other variable from its conditional given its parent, μ_{parent,v}(x_parent, ·)/μ_parent(x_parent), in the
/// model's traversal order. Conditioning on one variable's value re-roots its tree there (so the draw is from the
/// exact conditional distribution).
/// </summary>
internal sealed class ForestSampler
{
    private readonly int[] _sizes;
    private readonly (int Variable, int Parent, int Clique)[] _order;
    private readonly double[][] _rootCdf;          // by variable, for roots
    private readonly double[][][] _conditionalCdf; // by variable: one CDF per parent value

    /// <summary>Prepares sampling from <paramref name="marginals"/> (clique tables of <paramref name="model"/>), rooted at <paramref name="root"/> if given.</summary>
    public ForestSampler(ForestModel model, double[][] marginals, int? root = null)
    {
        _sizes = model.Sizes;
        _order = root is int r ? Reroot(model, r) : model.Order;
        _rootCdf = new double[_sizes.Length][];
        _conditionalCdf = new double[_sizes.Length][][];
        foreach (var (v, parent, c) in _order)
        {
            if (parent < 0)
            {
                int clique = model.CliqueContaining([v]);
                _rootCdf[v] = Cdf(model.Project(clique, marginals[clique], [v]));
                continue;
            }

            var table = marginals[c];
            int kb = _sizes[model.Cliques[c][1]];
            bool parentIsA = model.Cliques[c][0] == parent;
            var rows = new double[_sizes[parent]][];
            for (int xp = 0; xp < rows.Length; xp++)
            {
                var row = new double[_sizes[v]];
                for (int xv = 0; xv < row.Length; xv++)
                {
                    row[xv] = table[parentIsA ? (xp * kb) + xv : (xv * kb) + xp];
                }

                rows[xp] = Cdf(row);
            }

            _conditionalCdf[v] = rows;
        }
    }

    /// <summary>Fills <paramref name="row"/> with one draw; <paramref name="fixedRoot"/> fixes the first root's value (conditioning).</summary>
    public void Draw(Xoshiro256StarStar rng, int[] row, int fixedRoot = -1)
    {
        bool first = true;
        foreach (var (v, parent, _) in _order)
        {
            if (parent < 0)
            {
                row[v] = first && fixedRoot >= 0 ? fixedRoot : Pick(_rootCdf[v], rng.NextDouble());
                first = false;
            }
            else
            {
                row[v] = Pick(_conditionalCdf[v][row[parent]], rng.NextDouble());
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="columns"/> (one array of <paramref name="rows"/> cells per variable) by the reference's
    /// rounding: each root's values are its marginal times the row count, rounded down, with the remaining rows given
    /// to cells drawn without replacement in proportion to the fractional parts, then shuffled; every other variable
    /// is filled the same way within each group of rows sharing its parent's value, from its conditional. This keeps
    /// the block's marginals within one row of the model's, where independent draws would add sampling noise.
    /// </summary>
    public void DrawRounded(Xoshiro256StarStar rng, int rows, int[][] columns, int fixedRoot = -1)
    {
        bool first = true;
        foreach (var (v, parent, _) in _order)
        {
            if (parent < 0)
            {
                if (first && fixedRoot >= 0)
                {
                    Array.Fill(columns[v], fixedRoot, 0, rows);
                }
                else
                {
                    Allocate(_rootCdf[v], rows, rng).CopyTo(columns[v], 0);
                }

                first = false;
                continue;
            }

            var groups = new List<int>[_sizes[parent]];
            for (int r = 0; r < rows; r++)
            {
                (groups[columns[parent][r]] ??= []).Add(r);
            }

            for (int x = 0; x < groups.Length; x++)
            {
                if (groups[x] is not { } group)
                {
                    continue;
                }

                var values = Allocate(_conditionalCdf[v][x], group.Count, rng);
                for (int i = 0; i < group.Count; i++)
                {
                    columns[v][group[i]] = values[i];
                }
            }
        }
    }

    /// <summary><paramref name="n"/> cells in proportion to the weights of <paramref name="cdf"/>, rounded as the reference's synthetic_col, shuffled.</summary>
    internal static int[] Allocate(double[] cdf, int n, Xoshiro256StarStar rng)
    {
        var fraction = new double[cdf.Length];
        var whole = new int[cdf.Length];
        double total = cdf[^1];
        int assigned = 0;
        for (int i = 0; i < cdf.Length; i++)
        {
            double expected = (cdf[i] - (i > 0 ? cdf[i - 1] : 0)) * n / total;
            whole[i] = (int)Math.Floor(expected);
            fraction[i] = expected - whole[i];
            assigned += whole[i];
        }

        for (int extra = n - assigned; extra > 0; extra--)
        {
            // A cell drawn in proportion to the fractional parts, without replacement.
            double sum = fraction.Sum();
            int chosen = -1;
            if (sum > 0)
            {
                double u = rng.NextDouble() * sum;
                for (int i = 0; i < fraction.Length && chosen < 0; i++)
                {
                    u -= fraction[i];
                    chosen = u < 0 && fraction[i] > 0 ? i : -1;
                }
            }

            chosen = chosen >= 0 ? chosen : Array.FindLastIndex(fraction, f => f > 0) is int last and >= 0 ? last : Pick(cdf, rng.NextDouble());
            whole[chosen]++;
            fraction[chosen] = 0;
        }

        var values = new int[n];
        int k = 0;
        for (int i = 0; i < whole.Length; i++)
        {
            for (int j = 0; j < whole[i]; j++)
            {
                values[k++] = i;
            }
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)(rng.NextDouble() * (i + 1));
            (values[i], values[j]) = (values[j], values[i]);
        }

        return values;
    }

    private static int Pick(double[] cdf, double u)
    {
        int i = Array.BinarySearch(cdf, u * cdf[^1]);
        i = Math.Min(i < 0 ? ~i : i + 1, cdf.Length - 1);
        while (i < cdf.Length - 1 && cdf[i] == (i > 0 ? cdf[i - 1] : 0))
        {
            i++;   // never a cell of zero weight
        }

        return i;
    }

    /// <summary>Cumulative sums of the non-negative parts of <paramref name="weights"/>; all zero becomes uniform.</summary>
    internal static double[] Cdf(double[] weights)
    {
        var cdf = new double[weights.Length];
        double s = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            s += Math.Max(0, weights[i]);
            cdf[i] = s;
        }

        if (s <= 0)
        {
            for (int i = 0; i < cdf.Length; i++)
            {
                cdf[i] = i + 1;
            }
        }

        return cdf;
    }

    /// <summary>The traversal with <paramref name="root"/>'s tree first, rooted at it; the other trees as before.</summary>
    private static (int, int, int)[] Reroot(ForestModel model, int root)
    {
        var adjacent = new List<(int Clique, int Neighbor)>[model.Sizes.Length];
        for (int v = 0; v < adjacent.Length; v++)
        {
            adjacent[v] = [];
        }

        foreach (var (v, parent, c) in model.Order.Where(o => o.Parent >= 0))
        {
            adjacent[v].Add((c, parent));
            adjacent[parent].Add((c, v));
        }

        var order = new List<(int, int, int)> { (root, -1, -1) };
        var seen = new bool[adjacent.Length];
        seen[root] = true;
        for (int head = 0; head < order.Count; head++)
        {
            foreach (var (c, w) in adjacent[order[head].Item1])
            {
                if (!seen[w])
                {
                    seen[w] = true;
                    order.Add((w, order[head].Item1, c));
                }
            }
        }

        order.AddRange(model.Order.Where(o => !seen[o.Variable]));
        return [.. order];
    }
}
