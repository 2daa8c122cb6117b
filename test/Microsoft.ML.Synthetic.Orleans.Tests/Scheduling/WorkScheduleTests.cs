using System.Net;
using Microsoft.ML.Synthetic.Orleans.Scheduling;
using Orleans.Runtime;

namespace Microsoft.ML.Synthetic.Orleans.Tests.Scheduling;

[TestClass]
public sealed class WorkScheduleTests
{
    private static readonly SiloAddress A = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress B = SiloAddress.New(IPAddress.Loopback, 11112, 1);
    private static readonly SiloAddress C = SiloAddress.New(IPAddress.Loopback, 11113, 1);

    [TestMethod]
    public void Assign_ThreeSilosTwoEach_GivesSixItemsInOrderAndHoldsTheRest()
    {
        var schedule = new WorkSchedule(8, perSilo: 2);
        var first = schedule.Assign(new HashSet<SiloAddress> { C, A, B }).ToList();
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 5 }, first.Select(a => a.Item).ToArray());
        Assert.IsTrue(first.GroupBy(a => a.Silo).All(g => g.Count() == 2), "two per silo");
        Assert.IsEmpty(schedule.Assign(new HashSet<SiloAddress> { A, B, C }).ToList(), "no room until an item finishes");

        schedule.Finish(0, first[0].Silo);
        var next = schedule.Assign(new HashSet<SiloAddress> { A, B, C }).Single();
        Assert.AreEqual((6, first[0].Silo), next);
    }

    [TestMethod]
    public void Fail_ItemGoesFirstToAnotherSiloAndTheFailedSiloGetsNoMore()
    {
        var schedule = new WorkSchedule(4, perSilo: 1);
        var alive = new HashSet<SiloAddress> { A, B };
        var first = schedule.Assign(alive).ToList();   // 0 → A, 1 → B
        var failed = first.Single(a => a.Item == 1);
        schedule.Fail(1, failed.Silo);
        schedule.Finish(0, first.Single(a => a.Item == 0).Silo);

        var again = schedule.Assign(alive).ToList();
        Assert.AreEqual(1, again.Count, "only the silo that did not fail takes work");
        Assert.AreEqual(1, again[0].Item, "the failed item goes first");
        Assert.AreNotEqual(failed.Silo, again[0].Silo);
        Assert.AreEqual(2, schedule.Attempts(1));
    }

    [TestMethod]
    public void Assign_EveryLiveSiloFailedOnce_GivesThemAnotherChance()
    {
        var schedule = new WorkSchedule(1, perSilo: 1);
        var only = schedule.Assign(new HashSet<SiloAddress> { A }).Single();
        schedule.Fail(only.Item, A);
        Assert.AreEqual((0, A), schedule.Assign(new HashSet<SiloAddress> { A }).Single());
    }
}
