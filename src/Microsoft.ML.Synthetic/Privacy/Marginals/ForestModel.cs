namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// A Markov random field over discrete variables whose cliques form a forest: one two-variable clique per edge and a
/// one-variable clique for each variable on no edge. For a tree the edges are themselves a junction tree, so exact
/// sum-product belief propagation (in log space) gives every clique's marginal in two passes (McKenna, Sheldon &amp;
/// Miklau, "Graphical-model based estimation and inference for differential privacy", ICML 2019). Clique tables are
/// dense and row-major, first variable slowest; an edge's variables are in increasing order.
/// </summary>
internal sealed class ForestModel : ICliqueModel
{
    private readonly List<(int Clique, int Neighbor)>[] _adjacent;

    /// <summary>Builds the model's structure; <paramref name="edges"/> must form a forest (checked).</summary>
    /// <exception cref="ArgumentException">The edges hold a cycle, a loop or an unknown variable.</exception>
    public ForestModel(IReadOnlyList<int> sizes, IReadOnlyList<(int A, int B)> edges)
    {
        Sizes = [.. sizes];
        int p = Sizes.Length;
        _adjacent = new List<(int, int)>[p];
        for (int v = 0; v < p; v++)
        {
            _adjacent[v] = [];
        }

        var cliques = new List<int[]>();
        var parent = Enumerable.Range(0, p).ToArray();
        int Find(int v) => parent[v] == v ? v : parent[v] = Find(parent[v]);
        foreach (var (a, b) in edges)
        {
            if (a < 0 || b < 0 || a >= p || b >= p || a == b || Find(a) == Find(b))
            {
                throw new ArgumentException($"Edge ({a}, {b}) is a loop, names an unknown variable or closes a cycle; the model's edges must form a forest.", nameof(edges));
            }

            parent[Find(a)] = Find(b);
            int[] clique = [Math.Min(a, b), Math.Max(a, b)];
            _adjacent[a].Add((cliques.Count, b));
            _adjacent[b].Add((cliques.Count, a));
            cliques.Add(clique);
        }

        for (int v = 0; v < p; v++)
        {
            if (_adjacent[v].Count == 0)
            {
                _adjacent[v].Add((cliques.Count, -1));
                cliques.Add([v]);
            }
        }

        Cliques = [.. cliques];
        Order = TraversalOrder();
    }

    /// <summary>The number of values of each variable.</summary>
    public int[] Sizes { get; }

    /// <summary>The cliques: edges first (in the order given), then the lone variables.</summary>
    public int[][] Cliques { get; }

    /// <summary>Every variable once, each tree's root first and every other variable after its parent, with its parent and the clique joining them (-1 for roots).</summary>
    public (int Variable, int Parent, int Clique)[] Order { get; }

    /// <summary>The number of cells of clique <paramref name="c"/>.</summary>
    public int CliqueSize(int c) => Cliques[c].Aggregate(1, (s, v) => s * Sizes[v]);

    /// <summary>Total cells over all cliques.</summary>
    public long TotalCells => Enumerable.Range(0, Cliques.Length).Sum(c => (long)CliqueSize(c));

    /// <summary>A clique that holds every variable of <paramref name="variables"/> (one, or an edge's two), or -1.</summary>
    public int CliqueContaining(int[] variables)
    {
        foreach (var (c, _) in _adjacent[variables[0]])
        {
            if (variables.All(Cliques[c].Contains))
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>Zero log-potentials (the uniform distribution).</summary>
    public double[][] ZeroPotentials() => [.. Enumerable.Range(0, Cliques.Length).Select(c => new double[CliqueSize(c)])];

    /// <summary>
    /// The marginal of every clique under log-potentials <paramref name="theta"/>, scaled to sum to <paramref name="total"/>
    /// (each tree of the forest separately), by sum-product belief propagation in log space rooted at
    /// <see cref="Order"/>'s roots: messages from the leaves up, then from the roots down.
    /// </summary>
    public double[][] Marginals(double[][] theta, double total)
    {
        int p = Sizes.Length;
        var childSum = new double[p][];   // Σ of messages into v from its children, over v's values
        var up = new double[p][];         // message from v to its parent, over the parent's values
        var down = new double[p][];       // message from the parent into v, over v's values
        for (int v = 0; v < p; v++)
        {
            childSum[v] = new double[Sizes[v]];
            down[v] = new double[Sizes[v]];
        }

        for (int i = Order.Length - 1; i >= 0; i--)
        {
            var (v, parent, c) = Order[i];
            if (parent < 0)
            {
                continue;
            }

            up[v] = Message(theta[c], c, from: v, to: parent, childSum[v]);
            for (int x = 0; x < up[v].Length; x++)
            {
                childSum[parent][x] += up[v][x];
            }
        }

        var beliefs = new double[Cliques.Length][];
        foreach (var (v, parent, c) in Order)
        {
            if (parent < 0)
            {
                continue;
            }

            var fromParent = new double[Sizes[parent]];
            for (int x = 0; x < fromParent.Length; x++)
            {
                fromParent[x] = childSum[parent][x] - up[v][x] + down[parent][x];
            }

            down[v] = Message(theta[c], c, from: parent, to: v, fromParent);
            var belief = new double[theta[c].Length];
            int a = Cliques[c][0], kb = Sizes[Cliques[c][1]];
            var onA = a == parent ? fromParent : childSum[v];
            var onB = a == parent ? childSum[v] : fromParent;
            for (int i = 0; i < belief.Length; i++)
            {
                belief[i] = theta[c][i] + onA[i / kb] + onB[i % kb];
            }

            beliefs[c] = belief;
        }

        for (int c = 0; c < Cliques.Length; c++)
        {
            beliefs[c] ??= (double[])theta[c].Clone();   // a lone variable
            JunctionTreeModel.Normalize(beliefs[c], total);
        }

        return beliefs;
    }

    /// <summary>The marginal of <paramref name="variables"/> (the clique's own, or one of its two variables) from a clique table.</summary>
    public double[] Project(int c, double[] table, int[] variables)
    {
        var clique = Cliques[c];
        if (variables.Length == clique.Length)
        {
            return table;
        }

        int kb = Sizes[clique[1]];
        bool onA = variables[0] == clique[0];
        var result = new double[Sizes[variables[0]]];
        for (int i = 0; i < table.Length; i++)
        {
            result[onA ? i / kb : i % kb] += table[i];
        }

        return result;
    }

    /// <inheritdoc/>
    public void Broadcast(int c, int[] variables, double[] g, double[] target)
    {
        var clique = Cliques[c];
        if (variables.Length == clique.Length)
        {
            for (int i = 0; i < g.Length; i++)
            {
                target[i] += g[i];
            }

            return;
        }

        int kb = Sizes[clique[1]];
        bool onA = variables[0] == clique[0];
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += g[onA ? i / kb : i % kb];
        }
    }

    /// <summary>
    /// log Σ over the values of <paramref name="from"/> of exp(θ_c + <paramref name="incoming"/>), as a vector over the
    /// values of <paramref name="to"/>.
    /// </summary>
    private double[] Message(double[] theta, int c, int from, int to, double[] incoming)
    {
        int kb = Sizes[Cliques[c][1]];
        bool fromIsA = Cliques[c][0] == from;
        var result = new double[Sizes[to]];
        var terms = new double[Sizes[from]];
        for (int y = 0; y < result.Length; y++)
        {
            double max = double.NegativeInfinity;
            for (int x = 0; x < terms.Length; x++)
            {
                double t = theta[fromIsA ? (x * kb) + y : (y * kb) + x] + incoming[x];
                terms[x] = t;
                max = Math.Max(max, t);
            }

            double sum = 0;
            foreach (var t in terms)
            {
                sum += Math.Exp(t - max);
            }

            result[y] = max + Math.Log(sum);
        }

        return result;
    }

    private (int, int, int)[] TraversalOrder()
    {
        var order = new List<(int, int, int)>();
        var seen = new bool[Sizes.Length];
        for (int root = 0; root < Sizes.Length; root++)
        {
            if (seen[root])
            {
                continue;
            }

            seen[root] = true;
            order.Add((root, -1, -1));
            for (int head = order.Count - 1; head < order.Count; head++)
            {
                int v = order[head].Item1;
                foreach (var (c, w) in _adjacent[v])
                {
                    if (w >= 0 && !seen[w])
                    {
                        seen[w] = true;
                        order.Add((w, v, c));
                    }
                }
            }
        }

        return [.. order];
    }
}
