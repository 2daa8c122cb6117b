using Microsoft.ML.Synthetic.AutoTrain.Search;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

[TestClass]
public sealed class LearnerSchedulerTests
{
    [TestMethod]
    public void UntriedTrainers_AreTriedFirst_InOrder()
    {
        var scheduler = new LearnerScheduler(3, seed: 1);
        for (int i = 0; i < 3; i++)
        {
            Assert.AreEqual(i, scheduler.Next());
            scheduler.Record(i, loss: 1, cost: 1);
        }
    }

    [TestMethod]
    public void CheapImprovingTrainer_GetsMostTrials_OverAnExpensiveWorseOne()
    {
        // Trainer 0: cheap (cost 1) and improving; trainer 1: expensive (cost 20) and stuck at a worse loss.
        var scheduler = new LearnerScheduler(2, seed: 4);
        double loss0 = 0.5;
        var picks = new int[2];
        for (int i = 0; i < 300; i++)
        {
            int l = scheduler.Next();
            picks[l]++;
            if (l == 0)
            {
                loss0 *= 0.999;
                scheduler.Record(0, loss0, 1);
            }
            else
            {
                scheduler.Record(1, 0.8, 20);
            }
        }

        Assert.IsTrue(picks[0] > 10 * picks[1], $"picks {picks[0]} vs {picks[1]}");
        Assert.IsTrue(picks[1] >= 1);
    }

    [TestMethod]
    public void Eci1_IsTheCostSinceTheBestOrBetweenTheTwoBest()
    {
        var scheduler = new LearnerScheduler(1, seed: 1);
        scheduler.Record(0, 0.5, 2);   // K1 = 2 (best), K2 = 0
        scheduler.Record(0, 0.4, 3);   // best at K = 5, second best at 2
        scheduler.Record(0, 0.6, 1);   // K0 = 6
        Assert.AreEqual(Math.Max(6 - 5, 5 - 2), scheduler.EstimatedCostForImprovement[0], 1e-12);
    }
}
