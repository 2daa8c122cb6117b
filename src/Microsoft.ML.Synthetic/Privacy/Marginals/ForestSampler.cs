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
                _rootCdf[v] = Cdf(MirrorDescent.Project(model, clique, marginals[clique], [v]));
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
    private static double[] Cdf(double[] weights)
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
