using Microsoft.ML.Synthetic.Metadata.Generators;

namespace Microsoft.ML.Synthetic.Tests.Metadata.Generators;

[TestClass]
public sealed class IndexPermutationTests
{
    [TestMethod]
    [DataRow(1UL)]
    [DataRow(2UL)]
    [DataRow(3UL)]
    [DataRow(1000UL)]
    [DataRow(1025UL)]
    [DataRow(4096UL)]
    public void Apply_OverTheWholeDomain_HitsEveryIndexOnce(ulong size)
    {
        var permutation = new IndexPermutation(size, key: 12345);
        var seen = new bool[size];
        for (ulong i = 0; i < size; i++)
        {
            ulong j = permutation.Apply(i);
            Assert.IsLessThan(size, j);
            Assert.IsFalse(seen[j], $"{j} hit twice");
            seen[j] = true;
        }
    }

    [TestMethod]
    public void Apply_DifferentKeys_GiveDifferentOrders()
    {
        var a = new IndexPermutation(1000, 1);
        var b = new IndexPermutation(1000, 2);
        int same = Enumerable.Range(0, 1000).Count(i => a.Apply((ulong)i) == b.Apply((ulong)i));
        // Two independent random permutations agree in about one place (the expected number of fixed points is 1).
        Assert.IsLessThan(10, same);
    }

    [TestMethod]
    public void Apply_LargeDomain_StaysInTheDomain()
    {
        var permutation = new IndexPermutation(1UL << 62, 9);
        for (ulong i = 0; i < 1000; i++)
        {
            Assert.IsLessThan(1UL << 62, permutation.Apply(i * 7919));
        }
    }
}
