using Microsoft.ML.Synthetic.Oversampling;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

[TestClass]
public sealed class ExactNearestNeighborsTests
{
    /// <summary>Independent reference: sort all distances in double precision, ties by index.</summary>
    private static int[] BruteForce(float[] refs, int n, float[] queries, int m, int d, int k, int[]? excluded)
    {
        var result = new int[m * k];
        for (int q = 0; q < m; q++)
        {
            var order = Enumerable.Range(0, n).Where(r => excluded is null || excluded[q] != r)
                .Select(r => (r, dist: Enumerable.Range(0, d).Sum(j => Math.Pow((double)queries[(q * d) + j] - refs[(r * d) + j], 2))))
                .OrderBy(p => p.dist).ThenBy(p => p.r).Take(k).Select(p => p.r).ToArray();
            order.CopyTo(result, q * k);
        }

        return result;
    }

    [TestMethod]
    [DataRow(1, 1, 300)]
    [DataRow(3, 5, 700)]
    [DataRow(20, 10, 1000)]
    public void Search_MatchesBruteForce(int dims, int k, int n)
    {
        var random = new Random(dims + k);
        // Values on a coarse grid, so there are many exact ties.
        var refs = Enumerable.Range(0, n * dims).Select(_ => (float)random.Next(0, 8)).ToArray();
        var index = new ExactNearestNeighbors(refs, n, dims);
        var found = index.Search(refs, n, k, Enumerable.Range(0, n).ToArray(), maxThreads: 2, CancellationToken.None);
        CollectionAssert.AreEqual(BruteForce(refs, n, refs, n, dims, k, Enumerable.Range(0, n).ToArray()), found);

        var queries = Enumerable.Range(0, 50 * dims).Select(_ => (float)(random.NextDouble() * 8)).ToArray();
        var other = index.Search(queries, 50, k, null, maxThreads: 1, CancellationToken.None);
        CollectionAssert.AreEqual(BruteForce(refs, n, queries, 50, dims, k, null), other);
    }

    [TestMethod]
    public void Search_MoreNeighboursThanPoints_Throws()
    {
        var index = new ExactNearestNeighbors(new float[] { 0, 1, 2 }, 3, 1);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => index.Search(new float[] { 0, 1, 2 }, 3, 3, [0, 1, 2], 1, CancellationToken.None));
    }
}
