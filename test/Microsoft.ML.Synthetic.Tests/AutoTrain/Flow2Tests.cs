using Microsoft.ML.Synthetic.AutoTrain.Search;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

[TestClass]
public sealed class Flow2Tests
{
    private static double Sphere(double[] x, double[] optimum) => x.Select((v, i) => (v - optimum[i]) * (v - optimum[i])).Sum();

    private static (double[] Best, double Loss, int Evaluations) Run(double[] start, double[] optimum, int evaluations, int seed)
    {
        var search = new Flow2(start, seed);
        for (int i = 0; i < evaluations; i++)
        {
            var x = search.Propose();
            search.Report(Sphere(x, optimum));
        }

        return (search.Best!.ToArray(), search.BestLoss, evaluations);
    }

    [TestMethod]
    public void FirstProposal_IsTheLowCostStartingPoint()
    {
        var search = new Flow2([0.1, 0.0, 0.3], seed: 1);
        CollectionAssert.AreEqual(new[] { 0.1, 0.0, 0.3 }, search.Propose());
    }

    [TestMethod]
    public void OnAQuadratic_FindsTheKnownOptimum()
    {
        double[] optimum = [0.3, 0.7, 0.55, 0.2];
        var (best, loss, _) = Run([0, 0, 0, 0], optimum, evaluations: 400, seed: 3);
        Assert.IsTrue(loss < 1e-3, $"loss {loss} at [{string.Join(", ", best)}]");
        for (int i = 0; i < optimum.Length; i++) Assert.AreEqual(optimum[i], best[i], 0.05);
    }

    [TestMethod]
    public void OptimumOnTheBoundary_IsReachedThroughClipping()
    {
        var (best, loss, _) = Run([0.5, 0.5], [1.0, 0.0], evaluations: 200, seed: 5);
        Assert.IsTrue(loss < 1e-3, $"loss {loss}");
        Assert.AreEqual(1.0, best[0], 0.03);
        Assert.AreEqual(0.0, best[1], 0.03);
    }

    [TestMethod]
    public void CostFrugal_ApproachesACostlyOptimumGradually()
    {
        // Cost grows with x[0]; FLOW2 moves at most one step (δ ≤ 0.1·√d) per accepted move, so it never jumps to the
        // expensive corner: the cost of every proposal is bounded by the best point so far plus one step.
        var search = new Flow2([0, 0], seed: 7);
        double bestX0 = 0;
        for (int i = 0; i < 100; i++)
        {
            var x = search.Propose();
            Assert.IsTrue(x[0] <= bestX0 + 0.1 * Math.Sqrt(2) + 1e-9, $"proposal {x[0]} jumped beyond {bestX0} + step");
            double loss = Sphere(x, [0.9, 0.5]);
            search.Report(loss);
            if (search.Best != null) bestX0 = Math.Max(bestX0, search.Best[0]);
        }
    }

    [TestMethod]
    public void SameSeed_SameProposals()
    {
        var a = new Flow2([0.2, 0.2, 0.2], seed: 11);
        var b = new Flow2([0.2, 0.2, 0.2], seed: 11);
        for (int i = 0; i < 50; i++)
        {
            var x = a.Propose();
            CollectionAssert.AreEqual(x, b.Propose());
            double loss = Sphere(x, [0.6, 0.1, 0.9]);
            a.Report(loss);
            b.Report(loss);
        }
    }

    [TestMethod]
    public void ConvergedSearch_RestartsAtANewPoint()
    {
        var search = new Flow2([0.5], seed: 2);
        for (int i = 0; i < 500; i++)
        {
            var x = search.Propose();
            search.Report(Math.Abs(x[0] - 0.5));   // already optimal: every move fails, so δ shrinks to its bound
        }

        Assert.IsTrue(search.Restarts >= 1);
        Assert.AreEqual(0.5, search.Best![0], 1e-12);
    }
}
