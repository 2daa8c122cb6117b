namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// The junction tree of a Markov random field whose factors are <c>measured</c> sets of variables (Private-PGM's
/// JunctionTree: McKenna, Sheldon &amp; Miklau, ICML 2019; Koller &amp; Friedman 2009, §10.4): a greedy elimination
/// order that removes, each step, the variable whose elimination creates the smallest factor (product of the domain
/// sizes of the union of the current factors holding it; ties to the lowest variable); the graph triangulated by
/// that order; its maximal cliques (each the eliminated variable with its neighbours at that time, when no other
/// such set contains it); and a maximum spanning tree of the clique graph weighted by separator size (Kruskal, which
/// is a junction tree for a triangulated graph; cliques of separate components are joined by empty separators).
/// </summary>
internal sealed class JunctionTree
{
    /// <summary>Builds the tree for factors <paramref name="measured"/> over variables of <paramref name="sizes"/>; every variable gets a clique.</summary>
    /// <exception cref="ArgumentException">A factor names an unknown variable.</exception>
    public JunctionTree(IReadOnlyList<int> sizes, IEnumerable<int[]> measured)
    {
        Sizes = [.. sizes];
        int p = Sizes.Length;
        var factors = measured.Select(f => f.Distinct().Order().ToArray()).ToList();
        foreach (var f in factors)
        {
            if (f.Any(v => v < 0 || v >= p))
            {
                throw new ArgumentException($"The factor over ({string.Join(", ", f)}) names a variable outside 0..{p - 1}.", nameof(measured));
            }
        }

        factors.AddRange(Enumerable.Range(0, p).Select(v => new[] { v }));
        EliminationOrder = GreedyOrder(Sizes, factors);
        Cliques = Triangulate(p, factors, EliminationOrder);
        (Edges, Neighbors) = SpanningTree(Cliques);
        Schedule = MessageSchedule(Cliques.Length, Neighbors);
    }

    /// <summary>The number of values of each variable.</summary>
    public int[] Sizes { get; }

    /// <summary>The order in which the variables were eliminated.</summary>
    public int[] EliminationOrder { get; }

    /// <summary>The maximal cliques of the triangulated graph, each increasing.</summary>
    public int[][] Cliques { get; }

    /// <summary>The tree's edges (clique pairs).</summary>
    public (int A, int B)[] Edges { get; }

    /// <summary>The tree's neighbours of each clique.</summary>
    public int[][] Neighbors { get; }

    /// <summary>The messages of one sum-product pass: from the leaves to clique 0, then back (each message after every message into its sender but the one from its receiver).</summary>
    public (int From, int To)[] Schedule { get; }

    /// <summary>Cells of clique <paramref name="c"/>.</summary>
    public long CliqueCells(int c) => Cells(Sizes, Cliques[c]);

    /// <summary>Total cells over all cliques (Private-PGM's model size; × 8 bytes for the dense tables).</summary>
    public long TotalCells => Enumerable.Range(0, Cliques.Length).Sum(CliqueCells);

    /// <summary>The product of the domain sizes of <paramref name="variables"/>.</summary>
    public static long Cells(IReadOnlyList<int> sizes, IEnumerable<int> variables) => variables.Aggregate(1L, (s, v) => checked(s * sizes[v]));

    /// <summary>The separator of tree edge (<paramref name="a"/>, <paramref name="b"/>): the variables the two cliques share.</summary>
    public int[] Separator(int a, int b) => [.. Cliques[a].Intersect(Cliques[b]).Order()];

    private static int[] GreedyOrder(int[] sizes, List<int[]> factors)
    {
        var current = factors.Select(f => new HashSet<int>(f)).ToList();
        var remaining = Enumerable.Range(0, sizes.Length).ToList();
        var order = new List<int>();
        while (remaining.Count > 0)
        {
            int best = -1;
            double bestCost = double.PositiveInfinity;
            foreach (var v in remaining)
            {
                var union = new HashSet<int>();
                foreach (var f in current.Where(f => f.Contains(v)))
                {
                    union.UnionWith(f);
                }

                double cost = union.Aggregate(1.0, (s, u) => s * sizes[u]);
                if (cost < bestCost)
                {
                    (best, bestCost) = (v, cost);
                }
            }

            var merged = new HashSet<int>();
            foreach (var f in current.Where(f => f.Contains(best)))
            {
                merged.UnionWith(f);
            }

            merged.Remove(best);
            current.RemoveAll(f => f.Contains(best));
            current.Add(merged);
            remaining.Remove(best);
            order.Add(best);
        }

        return [.. order];
    }

    private static int[][] Triangulate(int p, List<int[]> factors, int[] order)
    {
        var adjacent = Enumerable.Range(0, p).Select(_ => new HashSet<int>()).ToArray();
        foreach (var f in factors)
        {
            foreach (var a in f)
            {
                adjacent[a].UnionWith(f.Where(b => b != a));
            }
        }

        var candidates = new List<int[]>();
        foreach (var v in order)
        {
            var neighbours = adjacent[v].ToArray();
            candidates.Add([.. neighbours.Append(v).Order()]);
            foreach (var a in neighbours)
            {
                adjacent[a].Remove(v);
                adjacent[a].UnionWith(neighbours.Where(b => b != a));   // fill-in edges
            }
        }

        // The elimination cliques are distinct (each holds its own variable, which later ones cannot); one contained
        // in another is not maximal.
        var maximal = new List<int[]>();
        for (int i = 0; i < candidates.Count; i++)
        {
            var set = candidates[i];
            bool contained = false;
            for (int j = 0; j < candidates.Count && !contained; j++)
            {
                contained = j != i && candidates[j].Length > set.Length && set.All(candidates[j].Contains);
            }

            if (!contained)
            {
                maximal.Add(set);
            }
        }

        return [.. maximal];
    }

    private static ((int, int)[] Edges, int[][] Neighbors) SpanningTree(int[][] cliques)
    {
        int n = cliques.Length;
        var pairs = new List<(int A, int B, int Weight)>();
        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++)
            {
                pairs.Add((a, b, cliques[a].Intersect(cliques[b]).Count()));
            }
        }

        var component = Enumerable.Range(0, n).ToArray();
        int Find(int v) => component[v] == v ? v : component[v] = Find(component[v]);
        var edges = new List<(int, int)>();
        var neighbors = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b, _) in pairs.OrderByDescending(e => e.Weight))   // stable: ties keep (a, b) order
        {
            if (Find(a) != Find(b))
            {
                component[Find(a)] = Find(b);
                edges.Add((a, b));
                neighbors[a].Add(b);
                neighbors[b].Add(a);
            }
        }

        return ([.. edges], [.. neighbors.Select(l => l.ToArray())]);
    }

    private static (int, int)[] MessageSchedule(int n, int[][] neighbors)
    {
        var parent = Enumerable.Repeat(-1, n).ToArray();
        var order = new List<int> { 0 };
        var seen = new bool[n];
        seen[0] = true;
        for (int head = 0; head < order.Count; head++)
        {
            foreach (var w in neighbors[order[head]])
            {
                if (!seen[w])
                {
                    seen[w] = true;
                    parent[w] = order[head];
                    order.Add(w);
                }
            }
        }

        var schedule = new List<(int, int)>();
        for (int i = order.Count - 1; i > 0; i--)
        {
            schedule.Add((order[i], parent[order[i]]));
        }

        for (int i = 1; i < order.Count; i++)
        {
            schedule.Add((parent[order[i]], order[i]));
        }

        return [.. schedule];
    }
}
