using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Privacy.Marginals;

namespace Microsoft.ML.Synthetic.Tests.Privacy.Marginals;

/// <summary>Junction trees, belief propagation, mirror descent and sampling on general (cyclic) models, against exact enumeration.</summary>
[TestClass]
public sealed class JunctionTreeModelTests
{
    private static readonly int[] CycleSizes = [2, 3, 2, 3];
    private static readonly int[][] Cycle = [[0, 1], [1, 2], [2, 3], [0, 3]];

    [TestMethod]
    public void Marginals_FourVariableCycle_EqualExactEnumerationTo1e9()
    {
        var model = new JunctionTreeModel(CycleSizes, Cycle);
        Assert.IsLessThan(Cycle.Length, model.Cliques.Length, "the cycle is triangulated into larger cliques, so it is not its own tree");
        Assert.IsTrue(model.Cliques.All(c => c.Length == 3), string.Join("; ", model.Cliques.Select(c => string.Join(",", c))));
        var theta = ExactEnumeration.RandomPotentials(model, seed: 3);
        var bp = model.Marginals(theta, total: 7.5);
        var exact = ExactEnumeration.Marginals(model, theta, 7.5);
        for (int c = 0; c < model.Cliques.Length; c++)
        {
            ExactEnumeration.AssertClose(exact[c], bp[c], 1e-9, $"clique {c}");
        }

        var pairs = ExactEnumeration.Marginals(model, theta, 7.5, Cycle);
        for (int i = 0; i < Cycle.Length; i++)
        {
            int c = model.CliqueContaining(Cycle[i]);
            ExactEnumeration.AssertClose(pairs[i], model.Project(c, bp[c], Cycle[i]), 1e-9, $"pair ({string.Join(", ", Cycle[i])})");
        }
    }

    [TestMethod]
    public void Marginals_ThreeWayFactorsCycleAndLoneVariable_EqualExactEnumerationTo1e9()
    {
        int[] sizes = [2, 3, 4, 2, 3];
        var model = new JunctionTreeModel(sizes, [[0, 1, 2], [1, 3], [2, 3], [0, 3]]);
        var theta = ExactEnumeration.RandomPotentials(model, seed: 8);
        var bp = model.Marginals(theta, total: 1);
        var exact = ExactEnumeration.Marginals(model, theta, 1);
        for (int c = 0; c < model.Cliques.Length; c++)
        {
            ExactEnumeration.AssertClose(exact[c], bp[c], 1e-9, $"clique ({string.Join(", ", model.Cliques[c])})");
        }

        CollectionAssert.Contains(model.Cliques.Select(c => string.Join(",", c)).ToList(), "4", "the lone variable is its own clique");
    }

    [TestMethod]
    public void SubsetMarginal_SetsInNoClique_EqualExactEnumerationTo1e9()
    {
        int[] sizes = [2, 3, 4, 2, 3, 2];
        var model = new JunctionTreeModel(sizes, [[0, 1], [1, 2], [2, 3], [0, 3], [3, 4], [5]]);
        var theta = ExactEnumeration.RandomPotentials(model, seed: 21);
        var mu = model.Marginals(theta, total: 3);
        int[][] sets = [[0, 2], [1, 3], [0, 4], [1, 2, 4], [0, 5], [4, 5], [0, 1, 2, 3, 4, 5], [2]];
        Assert.IsTrue(sets.Take(2).Any(s => model.CliqueContaining(s) < 0), "one of the cycle's diagonals is in no clique");
        var exact = ExactEnumeration.Marginals(model, theta, 3, sets);
        for (int i = 0; i < sets.Length; i++)
        {
            ExactEnumeration.AssertClose(exact[i], SubsetMarginal.Compute(model, mu, sets[i], 3), 1e-9, $"set ({string.Join(", ", sets[i])})");
        }
    }

    [TestMethod]
    public void Tree_OfManyOverlappingFactors_HasTheRunningIntersectionProperty()
    {
        var random = new Random(4);
        int p = 9;
        var sizes = Enumerable.Range(0, p).Select(_ => random.Next(2, 5)).ToArray();
        var factors = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(p)).Distinct().Order().ToArray()).ToList();
        var tree = new JunctionTree(sizes, factors);
        Assert.HasCount(tree.Cliques.Length - 1, tree.Edges, "a spanning tree");
        foreach (var f in factors)
        {
            Assert.IsTrue(tree.Cliques.Any(c => f.All(c.Contains)), $"factor ({string.Join(", ", f)}) lies in a clique");
        }

        for (int v = 0; v < p; v++)
        {
            // The cliques holding v are connected through cliques holding v.
            var holding = Enumerable.Range(0, tree.Cliques.Length).Where(c => tree.Cliques[c].Contains(v)).ToHashSet();
            var reached = new HashSet<int> { holding.First() };
            var queue = new Queue<int>(reached);
            while (queue.Count > 0)
            {
                foreach (var w in tree.Neighbors[queue.Dequeue()].Where(w => holding.Contains(w) && reached.Add(w)))
                {
                    queue.Enqueue(w);
                }
            }

            Assert.HasCount(holding.Count, reached, $"variable {v}");
        }

        Assert.AreEqual(2 * tree.Edges.Length, tree.Schedule.Length, "one message each way per edge");
    }

    [TestMethod]
    public void WarmStart_FromTreeModel_GivesTheSameDistribution()
    {
        int[] sizes = [2, 3, 4, 2];
        (int, int)[] edges = [(0, 1), (1, 2), (1, 3)];
        var forest = new ForestModel(sizes, edges);
        var theta = ExactEnumeration.RandomPotentials(forest, seed: 6);
        var expected = forest.Marginals(theta, 10);
        var model = new JunctionTreeModel(sizes, [[0, 1], [1, 2], [1, 3], [0, 2]]);
        var mu = model.Marginals(model.WarmStart(forest, theta), 10);
        for (int e = 0; e < edges.Length; e++)
        {
            int[] pair = [edges[e].Item1, edges[e].Item2];
            int c = model.CliqueContaining(pair);
            ExactEnumeration.AssertClose(expected[e], model.Project(c, mu[c], pair), 1e-9, $"edge {e}");
        }
    }

    [TestMethod]
    public void Estimate_NoiselessMarginalsOfTreeDistribution_ReproducesThem()
    {
        int[] sizes = [2, 3, 4, 2];
        (int, int)[] edges = [(0, 1), (1, 2), (1, 3)];
        var forest = new ForestModel(sizes, edges);
        var truth = forest.Marginals(ExactEnumeration.RandomPotentials(forest, seed: 11), total: 1000);
        var measurements = edges.Select((e, i) => new MarginalMeasurement([e.Item1, e.Item2], truth[i], Sigma: 1)).ToList();
        var model = new JunctionTreeModel(sizes, measurements.Select(m => m.Variables));
        var fit = MirrorDescent.Estimate(model, measurements, iterations: 20_000);
        Assert.AreEqual(1000, fit.Total, 1e-9);
        foreach (var m in measurements)
        {
            int c = model.CliqueContaining(m.Variables);
            ExactEnumeration.AssertClose(m.Y, model.Project(c, fit.Marginals[c], m.Variables), 1e-6 * 1000, $"pair ({string.Join(", ", m.Variables)}) (to 1e-6 of the total)");
        }

        // The fitted tree model is the truth itself: its joint matches the forest's everywhere, e.g. on (0, 2).
        var exact = ExactEnumeration.Marginals(forest, ExactEnumeration.RandomPotentials(forest, seed: 11), 1000, [[0, 2]]);
        var fitted = ExactEnumeration.Marginals(model, fit.Theta, 1000, [[0, 2]]);
        ExactEnumeration.AssertClose(exact[0], fitted[0], 1e-5 * 1000, "the unmeasured pair (0, 2)");
    }

    [TestMethod]
    public void Estimate_NoiselessPairMarginalsOnCycle_ReproducesThem()
    {
        var model = new JunctionTreeModel(CycleSizes, Cycle);
        var theta = ExactEnumeration.RandomPotentials(model, seed: 12);
        var pairs = ExactEnumeration.Marginals(model, theta, 500, Cycle);
        var measurements = Cycle.Select((v, i) => new MarginalMeasurement(v, pairs[i], Sigma: 2)).ToList();
        var fit = MirrorDescent.Estimate(model, measurements, iterations: 20_000);
        for (int i = 0; i < Cycle.Length; i++)
        {
            int c = model.CliqueContaining(Cycle[i]);
            ExactEnumeration.AssertClose(pairs[i], model.Project(c, fit.Marginals[c], Cycle[i]), 1e-6 * 500, $"pair {i}");
        }
    }

    [TestMethod]
    public void Constructor_ModelAboveTheCap_IsAnErrorNamingTheLargestClique()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new JunctionTreeModel([10, 10, 10, 10], [[0, 1], [1, 2], [2, 3], [0, 3]], maxCells: 1000, names: ["a", "b", "c", "d"]));
        StringAssert.Contains(e.Message, "2,000 cells");
        StringAssert.Contains(e.Message, "cap of 1,000 cells");
        StringAssert.Contains(e.Message, "with 1,000 cells");
    }

    [TestMethod]
    public void DrawRounded_KeepsEveryPairMarginalNearTheModel_AndEvidenceConditionsExactly()
    {
        var model = new JunctionTreeModel(CycleSizes, Cycle);
        var theta = ExactEnumeration.RandomPotentials(model, seed: 2);
        var mu = model.Marginals(theta, 1);
        const int n = 20_000;
        var columns = Enumerable.Range(0, 4).Select(_ => new int[n]).ToArray();
        new JunctionTreeSampler(model, mu).DrawRounded(Xoshiro256StarStar.From(new Random(3)), n, columns);
        var pairs = ExactEnumeration.Marginals(model, theta, 1, Cycle);
        for (int i = 0; i < Cycle.Length; i++)
        {
            var counts = Count(columns, Cycle[i], n);
            for (int x = 0; x < counts.Length; x++)
            {
                Assert.AreEqual(pairs[i][x] * n, counts[x], (3 * Math.Sqrt(pairs[i][x] * n)) + 5, $"pair {i} cell {x}");
            }
        }

        // Evidence x3 = 2: P(x0, x1 | x3 = 2) from the joint, against the conditioned model's draws.
        var conditioned = model.Marginals(model.WithEvidence(theta, 3, 2), 1);
        new JunctionTreeSampler(model, conditioned).DrawRounded(Xoshiro256StarStar.From(new Random(4)), n, columns);
        Assert.IsTrue(columns[3].All(x => x == 2));
        var joint = new double[6];
        foreach (var (x, w) in ExactEnumeration.Joint(model, theta).Where(a => a.X[3] == 2))
        {
            joint[(x[0] * 3) + x[1]] += w;
        }

        double z = joint.Sum();
        var drawn = Count(columns, [0, 1], n);
        for (int x = 0; x < 6; x++)
        {
            Assert.AreEqual(joint[x] / z * n, drawn[x], (3 * Math.Sqrt(joint[x] / z * n)) + 5, $"P(x0, x1 = {x} | x3 = 2)");
        }
    }

    private static double[] Count(int[][] columns, int[] variables, int n)
    {
        var counts = new double[variables.Aggregate(1, (a, v) => a * CycleSizes[v])];
        var x = new int[CycleSizes.Length];
        for (int r = 0; r < n; r++)
        {
            for (int v = 0; v < x.Length; v++)
            {
                x[v] = columns[v][r];
            }

            counts[ExactEnumeration.Cell(CycleSizes, variables, x)]++;
        }

        return counts;
    }
}
