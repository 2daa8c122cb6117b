using Microsoft.ML.Synthetic.Privacy.Marginals;

namespace Microsoft.ML.Synthetic.Benchmarks.Mst;

/// <summary>The published workload error of marginal synthesizers (McKenna et al.): mean over all k-way marginals of ½‖X/ΣX − Y/ΣY‖₁, real counts X against synthetic counts Y.</summary>
internal static class Workload
{
    /// <summary>The error over all k-way marginals of cells <paramref name="real"/> and <paramref name="synthetic"/> (by column) with <paramref name="sizes"/> cells per column.</summary>
    public static double Error(int[][] real, int[][] synthetic, int[] sizes, int k)
    {
        var subsets = Subsets(real.Length, k).ToList();
        double total = 0;
        foreach (var subset in subsets)
        {
            var x = MarginalCounts.Of(real, sizes, subset);
            var y = MarginalCounts.Of(synthetic, sizes, subset);
            double sx = x.Sum(), sy = y.Sum(), l1 = 0;
            for (int i = 0; i < x.Length; i++)
            {
                l1 += Math.Abs((x[i] / sx) - (y[i] / sy));
            }

            total += l1 / 2;
        }

        return total / subsets.Count;
    }

    /// <summary>The number of k-way marginals of p columns.</summary>
    public static int Count(int p, int k) => Subsets(p, k).Count();

    private static IEnumerable<int[]> Subsets(int p, int k) =>
        k == 0 ? [[]] : Enumerable.Range(0, p).SelectMany(first => Subsets(p, k - 1).Where(rest => rest.All(r => r > first)).Select(rest => (int[])[first, .. rest]));
}
