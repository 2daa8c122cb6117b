namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// A Markov random field over discrete variables, parameterised by one dense log-potential table per clique, whose
/// clique marginals exact inference computes (Private-PGM's graphical model: McKenna, Sheldon &amp; Miklau, ICML 2019).
/// Tables are row-major over the clique's variables in increasing order, first variable slowest.
/// </summary>
internal interface ICliqueModel
{
    /// <summary>The number of values of each variable.</summary>
    int[] Sizes { get; }

    /// <summary>The cliques, each an increasing list of variables.</summary>
    int[][] Cliques { get; }

    /// <summary>The number of cells of clique <paramref name="c"/>.</summary>
    int CliqueSize(int c);

    /// <summary>A clique that holds every variable of <paramref name="variables"/>, or -1.</summary>
    int CliqueContaining(int[] variables);

    /// <summary>Zero log-potentials (the uniform distribution).</summary>
    double[][] ZeroPotentials();

    /// <summary>The marginal of every clique under log-potentials <paramref name="theta"/>, scaled to sum to <paramref name="total"/>.</summary>
    double[][] Marginals(double[][] theta, double total);

    /// <summary>The marginal of <paramref name="variables"/> (increasing, inside clique <paramref name="c"/>) from that clique's table.</summary>
    double[] Project(int c, double[] table, int[] variables);

    /// <summary>Adds <paramref name="g"/>, a table over <paramref name="variables"/> (inside clique <paramref name="c"/>), to every matching cell of <paramref name="target"/>, a table of clique <paramref name="c"/>.</summary>
    void Broadcast(int c, int[] variables, double[] g, double[] target);
}
