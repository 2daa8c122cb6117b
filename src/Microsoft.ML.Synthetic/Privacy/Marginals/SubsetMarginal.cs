namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// The marginal of any set of variables from a calibrated junction-tree model, also when no clique holds them all
/// (Private-PGM's project): on the smallest subtree of the junction tree whose cliques cover the set, the joint of
/// the covered variables is Π μ_C / Π μ_S (clique over separator marginals, Koller &amp; Friedman 2009, §10.2.3);
/// variable elimination in log space then sums out, one at a time, the variable whose product factor is smallest.
/// </summary>
internal static class SubsetMarginal
{
    /// <summary>The marginal of <paramref name="variables"/> (increasing) under clique marginals <paramref name="mu"/>, scaled to <paramref name="total"/>.</summary>
    public static double[] Compute(JunctionTreeModel model, double[][] mu, int[] variables, double total)
    {
        int inside = model.CliqueContaining(variables);
        if (inside >= 0)
        {
            return model.Project(inside, mu[inside], variables);
        }

        var tree = model.Tree;
        var chosen = variables.Select(v => model.CliqueContaining([v])).Distinct().ToList();
        var subtree = Steiner(tree, chosen);
        var factors = new List<(int[] Variables, double[] Log)>();
        foreach (var c in subtree)
        {
            factors.Add((model.Cliques[c], [.. mu[c].Select(m => Math.Log(m))]));
        }

        foreach (var (a, b) in tree.Edges.Where(e => subtree.Contains(e.A) && subtree.Contains(e.B)))
        {
            var separator = tree.Separator(a, b);
            var marginal = model.Project(a, mu[a], separator);
            factors.Add((separator, [.. marginal.Select(m => m > 0 ? -Math.Log(m) : 0)]));   // μ_S = 0 only where the numerator is 0
        }

        var sizes = model.Sizes;
        var eliminate = factors.SelectMany(f => f.Variables).Distinct().Except(variables).ToHashSet();
        while (eliminate.Count > 0)
        {
            int best = eliminate.MinBy(v => JunctionTree.Cells(sizes, factors.Where(f => f.Variables.Contains(v)).SelectMany(f => f.Variables).Distinct()));
            var (union, product) = Product(sizes, factors.Where(f => f.Variables.Contains(best)).ToList());
            factors.RemoveAll(f => f.Variables.Contains(best));
            int[] rest = [.. union.Where(v => v != best)];
            factors.Add((rest, new CliqueProjection(sizes, union, rest).LogSumExp(product)));
            eliminate.Remove(best);
        }

        var (all, log) = Product(sizes, factors);
        var result = new CliqueProjection(sizes, all, variables).LogSumExp(log);   // the factors cover exactly the variables
        JunctionTreeModel.Normalize(result, total);
        return result;
    }

    private static (int[] Variables, double[] Log) Product(int[] sizes, List<(int[] Variables, double[] Log)> factors)
    {
        int[] union = [.. factors.SelectMany(f => f.Variables).Distinct().Order()];
        var table = new double[JunctionTree.Cells(sizes, union)];
        foreach (var (v, log) in factors)
        {
            new CliqueProjection(sizes, union, v).AddTo(log, table);
        }

        return (union, table);
    }

    /// <summary>The cliques on the tree paths between the <paramref name="chosen"/> ones.</summary>
    private static HashSet<int> Steiner(JunctionTree tree, List<int> chosen)
    {
        // Root the tree at the first chosen clique; every other chosen clique adds its path up to the kept part.
        int n = tree.Cliques.Length;
        var parent = Enumerable.Repeat(-1, n).ToArray();
        var seen = new bool[n];
        var queue = new Queue<int>([chosen[0]]);
        seen[chosen[0]] = true;
        while (queue.Count > 0)
        {
            int c = queue.Dequeue();
            foreach (var w in tree.Neighbors[c].Where(w => !seen[w]))
            {
                seen[w] = true;
                parent[w] = c;
                queue.Enqueue(w);
            }
        }

        var kept = new HashSet<int> { chosen[0] };
        foreach (var c in chosen.Skip(1))
        {
            int x = c;
            while (x >= 0 && kept.Add(x))
            {
                x = parent[x];
            }
        }

        return kept;
    }
}
