using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Privacy.Marginals;

namespace Microsoft.ML.Synthetic.Tests.Privacy.Marginals;

/// <summary>Belief propagation, mirror descent and sampling on forest models, against exact enumeration.</summary>
[TestClass]
public sealed class ForestModelTests
{
    private static readonly int[] Sizes = [2, 3, 4, 2];
    private static readonly (int, int)[] Edges = [(0, 1), (1, 2), (1, 3)];

    [TestMethod]
    public void Marginals_FourVariableTree_EqualBruteForceEnumerationTo1e9()
    {
        var model = new ForestModel(Sizes, Edges);
        var theta = RandomPotentials(model, seed: 3);
        var bp = model.Marginals(theta, total: 7.5);
        var exact = Enumerate(model, theta, 7.5);
        for (int c = 0; c < model.Cliques.Length; c++)
        {
            for (int i = 0; i < exact[c].Length; i++)
            {
                Assert.AreEqual(exact[c][i], bp[c][i], 1e-9, $"clique {c} cell {i}");
            }
        }
    }

    [TestMethod]
    public void Marginals_ForestWithLoneVariable_EqualBruteForceEnumerationTo1e9()
    {
        var model = new ForestModel([3, 2, 2], [(2, 0)]);
        var theta = RandomPotentials(model, seed: 5);
        var bp = model.Marginals(theta, total: 1);
        var exact = Enumerate(model, theta, 1);
        for (int c = 0; c < model.Cliques.Length; c++)
        {
            CollectionAssert.AreEqual(exact[c], bp[c], new Tolerance(1e-9));
        }
    }

    [TestMethod]
    public void Constructor_EdgesWithCycle_ThrowsNamingTheEdge()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new ForestModel([2, 2, 2], [(0, 1), (1, 2), (2, 0)]));
        StringAssert.Contains(e.Message, "(2, 0)");
    }

    [TestMethod]
    public void Estimate_NoiselessMarginalsOfTreeDistribution_ReproducesThem()
    {
        var model = new ForestModel(Sizes, Edges);
        var truth = model.Marginals(RandomPotentials(model, seed: 11), total: 1000);
        var measurements = new List<MarginalMeasurement>();
        for (int c = 0; c < model.Cliques.Length; c++)
        {
            measurements.Add(new MarginalMeasurement(model.Cliques[c], truth[c], Sigma: 1));
        }

        measurements.Add(new MarginalMeasurement([2], model.Project(1, truth[1], [2]), Sigma: 2));
        var fit = MirrorDescent.Estimate(model, measurements, iterations: 20_000);
        Assert.AreEqual(1000, fit.Total, 1e-9);
        for (int c = 0; c < model.Cliques.Length; c++)
        {
            CollectionAssert.AreEqual(truth[c], fit.Marginals[c], new Tolerance(1e-6 * 1000), $"clique {c} (to 1e-6 of the total)");
        }

        Assert.IsLessThan(1e-6, fit.Loss);
    }

    [TestMethod]
    public void Estimate_ScaledMeasurement_MatchesTheScaledQuery()
    {
        // Q = diag(1, 1, 1/√2): the last cell is measured as its count / √2 (MST's compressed "other" cell).
        var model = new ForestModel([3], []);
        double[] counts = [50, 30, 20];
        double[] q = [1, 1, 1 / Math.Sqrt(2)];
        var y = counts.Select((x, i) => x * q[i]).ToArray();
        var fit = MirrorDescent.Estimate(model, [new MarginalMeasurement([0], y, 1, q)], iterations: 2000);
        CollectionAssert.AreEqual(counts, fit.Marginals[0], new Tolerance(1e-4));
    }

    [TestMethod]
    public void Sampler_Draws_FollowTheModelAndConditioningOnLeaf()
    {
        var model = new ForestModel(Sizes, Edges);
        var mu = model.Marginals(RandomPotentials(model, seed: 2), total: 1);
        var rng = Xoshiro256StarStar.From(new Random(1));
        var row = new int[4];
        const int n = 100_000;
        var counts = new double[Sizes[0] * Sizes[1]];
        var sampler = new ForestSampler(model, mu);
        for (int i = 0; i < n; i++)
        {
            sampler.Draw(rng, row);
            counts[(row[0] * 3) + row[1]]++;
        }

        for (int i = 0; i < counts.Length; i++)
        {
            Assert.AreEqual(mu[0][i], counts[i] / n, 4 * Math.Sqrt(mu[0][i] / n) + 1e-3, $"cell {i}");
        }

        // Conditioning on variable 3 = 1 re-roots there: P(x2 | x3 = 1) from the joint.
        var conditional = new ForestSampler(model, mu, root: 3);
        var counts2 = new double[4];
        for (int i = 0; i < n; i++)
        {
            conditional.Draw(rng, row, fixedRoot: 1);
            Assert.AreEqual(1, row[3]);
            counts2[row[2]]++;
        }

        var exact = ConditionalOfTwoOnThree(model, RandomPotentials(model, seed: 2));
        for (int x = 0; x < 4; x++)
        {
            Assert.AreEqual(exact[x], counts2[x] / n, 0.01, $"P(x2 = {x} | x3 = 1)");
        }
    }

    [TestMethod]
    public void DrawRounded_KeepsEveryEdgeMarginalWithinRoundingOfTheModel()
    {
        var model = new ForestModel(Sizes, Edges);
        var mu = model.Marginals(RandomPotentials(model, seed: 4), total: 1);
        var sampler = new ForestSampler(model, mu);
        const int n = 5000;
        var columns = Enumerable.Range(0, 4).Select(_ => new int[n]).ToArray();
        sampler.DrawRounded(Xoshiro256StarStar.From(new Random(3)), n, columns);
        for (int c = 0; c < Edges.Length; c++)
        {
            var (a, b) = Edges[c];
            var counts = new double[Sizes[a] * Sizes[b]];
            for (int r = 0; r < n; r++)
            {
                counts[(columns[a][r] * Sizes[b]) + columns[b][r]]++;
            }

            // The root's counts are within 1 of n·p; each child's within 1 per parent group, plus the parent's rounding.
            for (int i = 0; i < counts.Length; i++)
            {
                Assert.AreEqual(mu[c][i] * n, counts[i], 2 + (2 * mu[c][i] * Sizes[b]), $"edge {c} cell {i}");
            }
        }
    }

    private static double[] ConditionalOfTwoOnThree(ForestModel model, double[][] theta)
    {
        var p = new double[4];
        foreach (var (x, w) in Joint(model, theta))
        {
            if (x[3] == 1)
            {
                p[x[2]] += w;
            }
        }

        double s = p.Sum();
        return [.. p.Select(v => v / s)];
    }

    private static double[][] RandomPotentials(ForestModel model, int seed) => ExactEnumeration.RandomPotentials(model, seed);

    private static IEnumerable<(int[] X, double W)> Joint(ForestModel model, double[][] theta) => ExactEnumeration.Joint(model, theta);

    private static double[][] Enumerate(ForestModel model, double[][] theta, double total) => ExactEnumeration.Marginals(model, theta, total);

    private sealed class Tolerance(double tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) <= tolerance ? 0 : 1;
    }
}
