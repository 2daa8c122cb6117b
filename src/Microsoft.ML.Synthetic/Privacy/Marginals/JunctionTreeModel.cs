namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// A Markov random field with one log-potential table per maximal clique of a <see cref="JunctionTree"/> built from
/// the measured sets of variables, and exact sum-product belief propagation on that tree in log space (Private-PGM's
/// GraphicalModel: McKenna, Sheldon &amp; Miklau, ICML 2019): messages from the leaves to the root accumulate into the
/// receivers' beliefs, then messages back down; a downward message is the sender's log-sum-exp onto the separator
/// minus the upward message it received over it. The model's size, the cells over all clique tables, is capped.
/// </summary>
internal sealed class JunctionTreeModel : ICliqueModel
{
    private readonly CliqueProjection[] _sendProjection;      // per schedule step: sender's table → separator
    private readonly CliqueProjection[] _receiveProjection;   // per schedule step: receiver's table → separator
    private readonly int[] _reverseStep;                       // per downward step: the upward step over the same edge
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Clique, string Variables), CliqueProjection> _projections = new();

    /// <summary>Builds the model for measurements over <paramref name="measured"/> variable sets.</summary>
    /// <param name="sizes">Values of each variable.</param>
    /// <param name="measured">The measured sets of variables (each becomes part of a clique).</param>
    /// <param name="maxCells">The most cells the clique tables may hold together.</param>
    /// <param name="names">Variable names for the size error (null: indices).</param>
    /// <exception cref="ArgumentException">The model would hold more than <paramref name="maxCells"/> cells (the message names its largest clique).</exception>
    public JunctionTreeModel(IReadOnlyList<int> sizes, IEnumerable<int[]> measured, long maxCells = long.MaxValue, IReadOnlyList<string>? names = null)
    {
        Tree = new JunctionTree(sizes, measured);
        if (Tree.TotalCells > maxCells)
        {
            int largest = Enumerable.Range(0, Tree.Cliques.Length).MaxBy(Tree.CliqueCells);
            string clique = string.Join(", ", Tree.Cliques[largest].Select(v => names?[v] ?? v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            throw new ArgumentException(
                $"The graphical model of these marginals would hold {Tree.TotalCells:N0} cells ({Megabytes(Tree.TotalCells):F1} MB) in its junction-tree cliques, above the cap of {maxCells:N0} cells; its largest clique is ({clique}) with {Tree.CliqueCells(largest):N0} cells. Measure fewer or smaller marginals, declare fewer bins or categories, or raise the cap.",
                nameof(measured));
        }

        var schedule = Tree.Schedule;
        _sendProjection = new CliqueProjection[schedule.Length];
        _receiveProjection = new CliqueProjection[schedule.Length];
        _reverseStep = Enumerable.Repeat(-1, schedule.Length).ToArray();
        for (int s = 0; s < schedule.Length; s++)
        {
            var (from, to) = schedule[s];
            var separator = Tree.Separator(from, to);
            _sendProjection[s] = new CliqueProjection(Sizes, Cliques[from], separator, keepMap: true);
            _receiveProjection[s] = new CliqueProjection(Sizes, Cliques[to], separator, keepMap: true);
            _reverseStep[s] = Array.IndexOf(schedule, (to, from));
        }
    }

    /// <summary>The junction tree the model lives on.</summary>
    public JunctionTree Tree { get; }

    /// <inheritdoc/>
    public int[] Sizes => Tree.Sizes;

    /// <inheritdoc/>
    public int[][] Cliques => Tree.Cliques;

    /// <summary>Total cells of the clique tables.</summary>
    public long TotalCells => Tree.TotalCells;

    /// <summary>Megabytes of <paramref name="cells"/> dense doubles (Private-PGM's model size: cells × 8 / 2²⁰).</summary>
    public static double Megabytes(long cells) => cells * 8.0 / (1 << 20);

    /// <inheritdoc/>
    public int CliqueSize(int c) => (int)Tree.CliqueCells(c);

    /// <summary>The smallest clique holding every variable of <paramref name="variables"/> (the first of equal size), or -1.</summary>
    public int CliqueContaining(int[] variables)
    {
        int best = -1;
        for (int c = 0; c < Cliques.Length; c++)
        {
            if (variables.All(Cliques[c].Contains) && (best < 0 || Tree.CliqueCells(c) < Tree.CliqueCells(best)))
            {
                best = c;
            }
        }

        return best;
    }

    /// <inheritdoc/>
    public double[][] ZeroPotentials() => [.. Enumerable.Range(0, Cliques.Length).Select(c => new double[CliqueSize(c)])];

    /// <inheritdoc/>
    public double[][] Marginals(double[][] theta, double total)
    {
        var schedule = Tree.Schedule;
        var beliefs = theta.Select(t => (double[])t.Clone()).ToArray();
        var messages = new double[schedule.Length][];
        for (int s = 0; s < schedule.Length; s++)
        {
            var (from, to) = schedule[s];
            int reverse = _reverseStep[s];
            var message = _sendProjection[s].LogSumExp(beliefs[from]);
            if (reverse >= 0 && reverse < s)
            {
                // Downward: the sender's beliefs hold the receiver's upward message, which is constant on each separator cell.
                var up = messages[reverse];
                for (int t = 0; t < message.Length; t++)
                {
                    message[t] = double.IsNegativeInfinity(up[t]) ? double.NegativeInfinity : message[t] - up[t];
                }
            }

            messages[s] = message;
            _receiveProjection[s].AddTo(message, beliefs[to]);
        }

        foreach (var b in beliefs)
        {
            Normalize(b, total);
        }

        return beliefs;
    }

    /// <inheritdoc/>
    public double[] Project(int c, double[] table, int[] variables) =>
        variables.SequenceEqual(Cliques[c]) ? table : Projection(c, variables).Sum(table);

    /// <inheritdoc/>
    public void Broadcast(int c, int[] variables, double[] g, double[] target) =>
        Projection(c, variables).AddTo(g, target);

    /// <summary>The projection of clique <paramref name="c"/>'s table onto <paramref name="variables"/>, built once.</summary>
    public CliqueProjection Projection(int c, int[] variables) =>
        _projections.GetOrAdd((c, string.Join(",", variables)), key => new CliqueProjection(Sizes, Cliques[key.Clique], variables, keepMap: true));

    /// <summary>
    /// Log-potentials on this model from those of <paramref name="previous"/> (Private-PGM's warm start): each of the
    /// previous model's tables is added to the first clique here that holds its variables; a table no clique holds is dropped.
    /// </summary>
    public double[][] WarmStart(ICliqueModel previous, double[][] theta)
    {
        var result = ZeroPotentials();
        for (int old = 0; old < previous.Cliques.Length; old++)
        {
            int c = Array.FindIndex(Cliques, clique => previous.Cliques[old].All(clique.Contains));
            if (c >= 0)
            {
                new CliqueProjection(Sizes, Cliques[c], previous.Cliques[old]).AddTo(theta[old], result[c]);
            }
        }

        return result;
    }

    /// <summary>The log-potentials with evidence <paramref name="variable"/> = <paramref name="value"/>: −∞ on every other value in one clique holding the variable.</summary>
    public double[][] WithEvidence(double[][] theta, int variable, int value)
    {
        var result = theta.Select(t => (double[])t.Clone()).ToArray();
        int c = CliqueContaining([variable]);
        var map = new CliqueProjection(Sizes, Cliques[c], [variable]).Map();
        for (int i = 0; i < map.Length; i++)
        {
            if (map[i] != value)
            {
                result[c][i] = double.NegativeInfinity;
            }
        }

        return result;
    }

    /// <summary>Turns log-beliefs into probabilities times <paramref name="total"/>, in place.</summary>
    internal static void Normalize(double[] logBelief, double total)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (var v in logBelief)
        {
            max = Math.Max(max, v);
        }

        for (int i = 0; i < logBelief.Length; i++)
        {
            logBelief[i] = Math.Exp(logBelief[i] - max);
            sum += logBelief[i];
        }

        double scale = total / sum;
        for (int i = 0; i < logBelief.Length; i++)
        {
            logBelief[i] *= scale;
        }
    }
}
