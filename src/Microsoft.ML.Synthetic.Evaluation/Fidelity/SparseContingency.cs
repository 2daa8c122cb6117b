namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// ContingencySimilarity and Cramér's V for a pair of wide columns, counting only the cells that occur (a
/// dictionary keyed by the 64-bit cell index), so two columns with 50,000 levels each need memory for their rows,
/// not for 2.5 billion cells. Same definitions as the dense path: TVD over the union of occupied cells, and
/// <c>χ² = Σ O²/E − n</c> over the occupied cells, which equals <c>Σ (O − E)²/E</c> over every cell whose row and
/// column hold any count.
/// </summary>
internal static class SparseContingency
{
    public static double Compute(int[] realA, int[] realB, int[] syntheticA, int[] syntheticB,
        int cardinalityA, int cardinalityB, double associationThreshold, out double realAssociation)
    {
        var real = Count(realA, realB, cardinalityA, cardinalityB);
        realAssociation = double.NaN;
        if (associationThreshold > 0)
        {
            realAssociation = CramersV(real, cardinalityA + 1, cardinalityB + 1);
            if (double.IsNaN(realAssociation) || realAssociation <= associationThreshold) return double.NaN;
        }

        var synthetic = Count(syntheticA, syntheticB, cardinalityA, cardinalityB);
        return Similarity(real, synthetic, realA.Length, syntheticA.Length);
    }

    /// <summary><c>1 − TVD</c> of two tables of occupied cells over <paramref name="realRows"/> and <paramref name="syntheticRows"/> rows.</summary>
    internal static double Similarity(Dictionary<long, long> real, Dictionary<long, long> synthetic, double realRows, double syntheticRows)
    {
        double tv = 0;
        foreach (var (cell, count) in real) tv += Math.Abs(count / realRows - synthetic.GetValueOrDefault(cell) / syntheticRows);
        foreach (var (cell, count) in synthetic)
        {
            if (!real.ContainsKey(cell)) tv += count / syntheticRows;
        }

        return 1.0 - tv / 2.0;
    }

    private static Dictionary<long, long> Count(int[] a, int[] b, int cardinalityA, int cardinalityB)
    {
        var counts = new Dictionary<long, long>();
        long width = cardinalityB + 1L;
        for (int i = 0; i < a.Length; i++)
        {
            long x = a[i] < 0 ? cardinalityA : a[i];
            long y = b[i] < 0 ? cardinalityB : b[i];
            long cell = x * width + y;
            counts[cell] = counts.GetValueOrDefault(cell) + 1;
        }

        return counts;
    }

    /// <summary>Cramér's V of the occupied cells; NaN when fewer than two rows or columns hold a count.</summary>
    internal static double CramersV(Dictionary<long, long> counts, int rows, int columns)
    {
        var rowSums = new double[rows];
        var columnSums = new double[columns];
        double n = 0;
        foreach (var (cell, count) in counts)
        {
            rowSums[cell / columns] += count;
            columnSums[cell % columns] += count;
            n += count;
        }

        int usedRows = rowSums.Count(s => s > 0), usedColumns = columnSums.Count(s => s > 0);
        if (n == 0 || usedRows < 2 || usedColumns < 2) return double.NaN;
        double sum = 0;
        foreach (var (cell, count) in counts) sum += (double)count * count / (rowSums[cell / columns] * columnSums[cell % columns] / n);
        double chi2 = Math.Max(0, sum - n);
        return Math.Sqrt(chi2 / (n * (Math.Min(usedRows, usedColumns) - 1)));
    }
}
