namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// ContingencySimilarity (SDMetrics): <c>1 − TVD</c> between the real and synthetic two-way contingency
/// tables of a column pair (joint relative frequencies; a missing value is a category of its own, as pandas'
/// <c>groupby(dropna=False)</c> makes it). Continuous columns are first binned (<see cref="EqualWidthBins"/>).
/// </summary>
internal static class ContingencySimilarity
{
    /// <summary>The ContingencySimilarity of two categorical columns; null marks a missing value.</summary>
    public static double Compute(IReadOnlyList<string?> realA, IReadOnlyList<string?> realB,
        IReadOnlyList<string?> syntheticA, IReadOnlyList<string?> syntheticB)
    {
        ArgumentNullException.ThrowIfNull(realA);
        ArgumentNullException.ThrowIfNull(realB);
        ArgumentNullException.ThrowIfNull(syntheticA);
        ArgumentNullException.ThrowIfNull(syntheticB);
        if (realA.Count != realB.Count) throw new ArgumentException("The two real columns must have the same length.", nameof(realB));
        if (syntheticA.Count != syntheticB.Count) throw new ArgumentException("The two synthetic columns must have the same length.", nameof(syntheticB));
        var indexA = new Dictionary<string, int>(StringComparer.Ordinal);
        var indexB = new Dictionary<string, int>(StringComparer.Ordinal);
        var ra = TVComplement.Encode(realA, indexA);
        var sa = TVComplement.Encode(syntheticA, indexA);
        var rb = TVComplement.Encode(realB, indexB);
        var sb = TVComplement.Encode(syntheticB, indexB);
        return Compute(ra, rb, sa, sb, indexA.Count, indexB.Count, 0, out _);
    }

    /// <summary>
    /// The score from coded columns (codes in <c>[0, cardinality)</c>, -1 = missing). With
    /// <paramref name="associationThreshold"/> &gt; 0, the real table's Cramér's V is computed first and the
    /// score is NaN when V does not exceed the threshold (SDMetrics' <c>real_association_threshold</c>).
    /// </summary>
    internal static double Compute(int[] realA, int[] realB, int[] syntheticA, int[] syntheticB,
        int cardinalityA, int cardinalityB, double associationThreshold, out double realAssociation)
    {
        int width = cardinalityB + 1;
        long cells = (cardinalityA + 1L) * width;
        if (cells > DenseCellLimit)
        {
            return SparseContingency.Compute(realA, realB, syntheticA, syntheticB, cardinalityA, cardinalityB, associationThreshold, out realAssociation);
        }

        var real = Count(realA, realB, cardinalityA, cardinalityB, (int)cells);
        realAssociation = double.NaN;
        if (associationThreshold > 0)
        {
            realAssociation = CramersV(real, cardinalityA + 1, width);
            if (double.IsNaN(realAssociation) || realAssociation <= associationThreshold) return double.NaN;
        }

        var synthetic = Count(syntheticA, syntheticB, cardinalityA, cardinalityB, (int)cells);
        double nr = realA.Length, ns = syntheticA.Length;
        double tv = 0;
        for (int k = 0; k < cells; k++)
        {
            tv += Math.Abs(real[k] / nr - synthetic[k] / ns);
        }

        return 1.0 - tv / 2.0;
    }

    /// <summary>Pairs whose two-way table has more cells than this count only the cells that occur (<see cref="SparseContingency"/>).</summary>
    internal const int DenseCellLimit = 1 << 22;

    private static int[] Count(int[] a, int[] b, int cardinalityA, int cardinalityB, int cells)
    {
        var counts = new int[cells];
        int width = cardinalityB + 1;
        for (int i = 0; i < a.Length; i++)
        {
            int x = a[i] < 0 ? cardinalityA : a[i];
            int y = b[i] < 0 ? cardinalityB : b[i];
            counts[x * width + y]++;
        }

        return counts;
    }

    /// <summary>
    /// Cramér's V of a contingency table, <c>√(χ² / (n (min(r, c) − 1)))</c>, over the rows and columns that
    /// hold any count (χ² without continuity correction); NaN when fewer than two such rows or columns.
    /// </summary>
    internal static double CramersV(int[] counts, int rows, int columns)
    {
        var rowSums = new double[rows];
        var columnSums = new double[columns];
        double n = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double v = counts[r * columns + c];
                rowSums[r] += v;
                columnSums[c] += v;
                n += v;
            }
        }

        int usedRows = rowSums.Count(s => s > 0), usedColumns = columnSums.Count(s => s > 0);
        if (n == 0 || usedRows < 2 || usedColumns < 2) return double.NaN;
        double chi2 = 0;
        for (int r = 0; r < rows; r++)
        {
            if (rowSums[r] == 0) continue;
            for (int c = 0; c < columns; c++)
            {
                if (columnSums[c] == 0) continue;
                double expected = rowSums[r] * columnSums[c] / n;
                double d = counts[r * columns + c] - expected;
                chi2 += d * d / expected;
            }
        }

        return Math.Sqrt(chi2 / (n * (Math.Min(usedRows, usedColumns) - 1)));
    }
}
