using System.Runtime;
using Microsoft.ML.Synthetic.Deep;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Deep;

[TestClass]
[DoNotParallelize]
public sealed class FinalizerQuietRegionTests
{
    [TestMethod]
    public void Region_HoldsOffTheCollector_AndEndsCleanly()
    {
        int before = GC.CollectionCount(0);
        using (FinalizerQuietRegion.Enter())
        {
            Assert.AreEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode, "the no-GC region is active inside");
            int afterStart = GC.CollectionCount(0);
            var garbage = new List<byte[]>();
            for (int i = 0; i < 200; i++)
            {
                garbage.Add(new byte[16 * 1024]);   // 3 MiB, well inside the budget
            }

            Assert.AreEqual(afterStart, GC.CollectionCount(0), "no collection inside the region");
            GC.KeepAlive(garbage);
        }

        Assert.AreNotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        Assert.IsTrue(GC.CollectionCount(0) >= before);
    }
}
