using Microsoft.ML.Synthetic.Privacy.Marginals;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;

namespace Microsoft.ML.Synthetic.Synthesizers.Mst;

/// <summary>
/// MST's choice of the two-way marginals (McKenna, Miklau &amp; Sheldon, JPC 2021, Algorithm 1, as in the reference's
/// select): estimate the independent model from the noisy one-way marginals; score every pair of columns by the L1
/// distance between its true two-way counts and the model's; then build a spanning tree Kruskal-style, choosing each of
/// the p − 1 edges among the pairs that join two components with the exponential mechanism (sensitivity 1) at
/// ε = √(8ρ/(p − 1)), so that the p − 1 choices are ρ-zCDP together (ε-DP implies ε²/8-zCDP for the exponential
/// mechanism, Cesar &amp; Rogers 2021).
/// </summary>
internal static class TreeSelection
{
    /// <summary>The ε of each of the p − 1 selections for a total of <paramref name="rho"/>.</summary>
    public static double EpsilonPerRound(double rho, int columns) => Math.Sqrt(8 * rho / (columns - 1));

    public static List<(int A, int B)> Select(IReadOnlyDictionary<(int, int), double[]> pairCounts, int[] sizes, IReadOnlyList<MarginalMeasurement> oneWay, double rho, int iterations, NoiseSource source, CancellationToken cancellation)
    {
        int p = sizes.Length;
        var independent = new ForestModel(sizes, []);
        var fit = MirrorDescent.Estimate(independent, oneWay, iterations, cancellation: cancellation);
        var candidates = new List<(int A, int B)>();
        var scores = new Dictionary<(int, int), double>();
        for (int a = 0; a < p; a++)
        {
            for (int b = a + 1; b < p; b++)
            {
                var counts = pairCounts[(a, b)];
                var ma = fit.Marginals[independent.CliqueContaining([a])];
                var mb = fit.Marginals[independent.CliqueContaining([b])];
                double l1 = 0;
                for (int i = 0; i < counts.Length; i++)
                {
                    l1 += Math.Abs(counts[i] - (ma[i / sizes[b]] * mb[i % sizes[b]] / fit.Total));
                }

                candidates.Add((a, b));
                scores[(a, b)] = l1;
            }
        }

        var component = Enumerable.Range(0, p).ToArray();
        int Find(int v) => component[v] == v ? v : component[v] = Find(component[v]);
        double epsilon = EpsilonPerRound(rho, p);
        var tree = new List<(int, int)>();
        for (int round = 0; round < p - 1; round++)
        {
            candidates = [.. candidates.Where(e => Find(e.A) != Find(e.B))];
            int chosen = ExponentialMechanism.Select([.. candidates.Select(e => scores[e])], epsilon, sensitivity: 1, source);
            var (x, y) = candidates[chosen];
            tree.Add((x, y));
            component[Find(x)] = Find(y);
        }

        return tree;
    }
}
