using System.Net;
using Microsoft.ML.Synthetic.Orleans.Placement;
using Orleans.Runtime;

namespace Microsoft.ML.Synthetic.Orleans.Tests.Scheduling;

[TestClass]
public sealed class SiloTargetedPlacementTests
{
    [TestMethod]
    public void SiloOf_KeyMadeForASilo_GivesThatSiloBack()
    {
        var silo = SiloAddress.New(IPAddress.Loopback, 11111, 155683865);
        Assert.AreEqual(silo, SiloTargetedPlacement.SiloOf(SiloTargetedPlacement.Key("job/3/1", silo)));
        Assert.IsNull(SiloTargetedPlacement.SiloOf("job/3/1"));
    }
}
