using Microsoft.ML.Synthetic.Evaluation.Tables;

namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// Distribution distances on the mixed encoding (continuous columns min–max scaled by the real range, missing
/// values at the real mean; categories one-hot times 1/√2 so two different categories are 1 apart), on a seeded
/// subsample of rows. The one-hot vectors are never built: the squared distance of two rows is the sum of the squared
/// continuous differences plus the number of differing categories, and the squared distance of a row to a mean is
/// computed from the category frequencies, so a column with thousands of levels costs no more than one with two.
/// </summary>
internal static class KernelMetrics
{
    public static void Compute(AlignedTables tables, int maxRows, int seed, FidelityResult result, CancellationToken cancellationToken)
    {
        var encoding = tables.FitEncoding();
        var realRows = Sample(tables.Real.RowCount, maxRows, seed, 1);
        var syntheticRows = Sample(tables.Synthetic.RowCount, maxRows, seed, 2);
        tables.Record("kernel_metrics", maxRows, "FidelityOptions.MaxRowsForKernelMetrics", realRows.Length, syntheticRows.Length, 0);
        var real = new MixedPoints(encoding, tables.Real, realRows);
        var synthetic = new MixedPoints(encoding, tables.Synthetic, syntheticRows);
        result.Mmd = Mmd(real, synthetic, cancellationToken);
        (result.AlphaPrecision, result.BetaRecall) = AlphaPrecisionBetaRecall(real, synthetic, cancellationToken);
    }

    internal static int[] Sample(int rowCount, int maxRows, int seed, int stream)
    {
        var rows = Enumerable.Range(0, rowCount).ToArray();
        if (rowCount <= maxRows) return rows;
        var random = Numerics.SeedSequence.CreateRandom(seed, stream);
        random.Shuffle(rows);
        var selected = rows.AsSpan(0, maxRows).ToArray();
        Array.Sort(selected);
        return selected;
    }

    /// <summary>
    /// The maximum mean discrepancy (Gretton et al. 2012) with the Gaussian kernel <c>k(x, y) = exp(−‖x − y‖² / (2σ²))</c>,
    /// σ² the median of the pooled pairwise squared distances (median heuristic): the square root of the biased
    /// estimate <c>mean k(x, x′) + mean k(y, y′) − 2 mean k(x, y)</c>. 0 for identical samples.
    /// </summary>
    public static double Mmd(MixedPoints x, MixedPoints y, CancellationToken cancellationToken)
    {
        var pooled = MixedPoints.Concat(x, y);
        int n = pooled.Count;
        var d2 = new float[n][];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var row = new float[n];
            for (int j = 0; j < n; j++) row[j] = pooled.SquaredDistance(i, pooled, j);
            d2[i] = row;
        });
        var offDiagonal = new List<float>(checked((int)((long)n * (n - 1) / 2)));
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++) offDiagonal.Add(d2[i][j]);
        }

        offDiagonal.Sort();
        double median = offDiagonal.Count == 0 ? 1 : offDiagonal[offDiagonal.Count / 2];
        double gamma = median > 0 ? 1.0 / (2 * median) : 1.0;
        int nx = x.Count;
        double kxx = 0, kyy = 0, kxy = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double k = Math.Exp(-gamma * d2[i][j]);
                if (i < nx && j < nx) kxx += k;
                else if (i >= nx && j >= nx) kyy += k;
                else kxy += k;
            }
        }

        int ny = y.Count;
        double mmd2 = kxx / ((double)nx * nx) + kyy / ((double)ny * ny) - kxy / ((double)nx * ny);
        return Math.Sqrt(Math.Max(0, mmd2));
    }

    /// <summary>
    /// Integrated α-precision and β-recall (Alaa, van Breugel, Saveliev, van der Schaar, ICML 2022), with the
    /// embedding being the mixed encoding itself. The α-support of the real data is the ball around the real
    /// mean holding a fraction α of real rows; P_α is the share of synthetic rows inside it. A real row is
    /// β-covered when its nearest synthetic row lies inside the synthetic β-support (ball around the synthetic
    /// mean holding β of the synthetic rows) and within the real row's k-th nearest real neighbour distance
    /// (k = 5). Integrated scores: <c>1 − 2·mean_α |P_α − α|</c> over α = 1/30 … 29/30 (same for β);
    /// 1 when the curves follow the diagonal, as they do for a sample of the real distribution.
    /// </summary>
    public static (double AlphaPrecision, double BetaRecall) AlphaPrecisionBetaRecall(MixedPoints real, MixedPoints synthetic, CancellationToken cancellationToken, int k = 5)
    {
        var levels = Enumerable.Range(1, 29).Select(i => i / 30.0).ToArray();
        var realCenter = real.Center();
        var syntheticCenter = synthetic.Center();
        var realToCenter = Enumerable.Range(0, real.Count).Select(r => Math.Sqrt(realCenter.SquaredDistance(real, r))).ToArray();
        var syntheticToRealCenter = Enumerable.Range(0, synthetic.Count).Select(s => Math.Sqrt(realCenter.SquaredDistance(synthetic, s))).ToArray();
        var syntheticToOwnCenter = Enumerable.Range(0, synthetic.Count).Select(s => Math.Sqrt(syntheticCenter.SquaredDistance(synthetic, s))).ToArray();

        // k-th nearest real neighbour radius of each real row, and the nearest synthetic row of each real row.
        int realCount = real.Count, syntheticCount = synthetic.Count;
        var kthRadius = new double[realCount];
        var nearestSynthetic = new int[realCount];
        var nearestSyntheticDistance = new double[realCount];
        int kk = Math.Min(k, realCount - 1);
        Parallel.For(0, realCount, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var distances = new float[realCount];
            for (int j = 0; j < realCount; j++) distances[j] = real.SquaredDistance(i, real, j);
            distances[i] = float.PositiveInfinity;
            Array.Sort(distances);
            kthRadius[i] = Math.Sqrt(distances[Math.Max(0, kk - 1)]);
            float best = float.PositiveInfinity;
            int bestIndex = 0;
            for (int j = 0; j < syntheticCount; j++)
            {
                float d = real.SquaredDistance(i, synthetic, j);
                if (d < best)
                {
                    best = d;
                    bestIndex = j;
                }
            }

            nearestSynthetic[i] = bestIndex;
            nearestSyntheticDistance[i] = Math.Sqrt(best);
        });

        var sortedReal = (double[])realToCenter.Clone();
        Array.Sort(sortedReal);
        var sortedSynthetic = (double[])syntheticToOwnCenter.Clone();
        Array.Sort(sortedSynthetic);
        double precisionGap = 0, recallGap = 0;
        foreach (var level in levels)
        {
            double alphaRadius = Quantile(sortedReal, level);
            double precision = syntheticToRealCenter.Count(d => d <= alphaRadius) / (double)syntheticCount;
            precisionGap += Math.Abs(precision - level);
            double betaRadius = Quantile(sortedSynthetic, level);
            int covered = 0;
            for (int i = 0; i < realCount; i++)
            {
                if (nearestSyntheticDistance[i] <= kthRadius[i] && syntheticToOwnCenter[nearestSynthetic[i]] <= betaRadius) covered++;
            }

            recallGap += Math.Abs(covered / (double)realCount - level);
        }

        return (1 - 2 * precisionGap / levels.Length, 1 - 2 * recallGap / levels.Length);
    }

    /// <summary>Linear-interpolation quantile of a sorted sample (numpy's default).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(position);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }
}
