namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>Counts of the rows' cells over a set of variables.</summary>
internal static class MarginalCounts
{
    /// <summary>The counts over <paramref name="variables"/> (row-major in the order given, first slowest) of the rows' cells <paramref name="codes"/> (by variable).</summary>
    public static double[] Of(int[][] codes, IReadOnlyList<int> sizes, int[] variables)
    {
        var counts = new double[variables.Aggregate(1, (s, v) => s * sizes[v])];
        int rows = codes.Length == 0 ? 0 : codes[0].Length;
        for (int r = 0; r < rows; r++)
        {
            int index = 0;
            foreach (var v in variables)
            {
                index = (index * sizes[v]) + codes[v][r];
            }

            counts[index]++;
        }

        return counts;
    }
}
