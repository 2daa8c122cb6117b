namespace Microsoft.ML.Synthetic.Evaluation.Statistics;

/// <summary>
/// The occupied cells of one pair's two-way table. A side's code is a category id (−1 missing) of a categorical
/// column, or the equal-width bin (0 … bins + 1, missing in bins + 1) of a continuous one.
/// </summary>
internal static class PairCells
{
    public static long Key(int a, int b) => ((long)(a + 1) << 32) | (uint)(b + 1);

    public static (int A, int B) Split(long key) => ((int)(key >> 32) - 1, (int)(uint)key - 1);

    /// <summary>Adds the cells of one block (codes ≥ −1) to <paramref name="cells"/>; small tables count in a dense array first.</summary>
    public static void Count(int[] a, int[] b, Dictionary<long, long> cells)
    {
        int maxA = -1, maxB = -1;
        foreach (var x in a) maxA = Math.Max(maxA, x);
        foreach (var y in b) maxB = Math.Max(maxB, y);
        long width = maxB + 2L, size = (maxA + 2L) * width;
        if (size <= 1 << 16)
        {
            var dense = new int[size];
            for (int i = 0; i < a.Length; i++) dense[(a[i] + 1) * width + b[i] + 1]++;
            for (int k = 0; k < dense.Length; k++)
            {
                if (dense[k] == 0) continue;
                long key = Key((int)(k / width) - 1, (int)(k % width) - 1);
                cells[key] = cells.GetValueOrDefault(key) + dense[k];
            }

            return;
        }

        for (int i = 0; i < a.Length; i++)
        {
            long key = Key(a[i], b[i]);
            cells[key] = cells.GetValueOrDefault(key) + 1;
        }
    }
}
