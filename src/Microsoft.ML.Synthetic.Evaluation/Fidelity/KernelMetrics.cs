using System.Numerics.Tensors;
using Microsoft.ML.Synthetic.Evaluation.Tables;

namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// Distribution distances on the mixed encoding (continuous columns min–max scaled by the real range,
/// categories one-hot times 1/√2 so two different categories are 1 apart), on a seeded subsample of rows.
/// </summary>
internal static class KernelMetrics
{
    private static readonly float OneHot = (float)Math.Sqrt(0.5);

    public static void Compute(AlignedTables tables, int maxRows, int seed, FidelityResult result)
    {
        var encoding = new MixedEncoding(tables);
        var real = encoding.OneHotRows(tables.Real, Sample(tables.Real.RowCount, maxRows, seed, 1), OneHot);
        var synthetic = encoding.OneHotRows(tables.Synthetic, Sample(tables.Synthetic.RowCount, maxRows, seed, 2), OneHot);
        result.Mmd = Mmd(real, synthetic);
        (result.AlphaPrecision, result.BetaRecall) = AlphaPrecisionBetaRecall(real, synthetic);
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
    public static double Mmd(float[][] x, float[][] y)
    {
        var pooled = x.Concat(y).ToArray();
        int n = pooled.Length;
        var d2 = new float[n][];
        Parallel.For(0, n, i =>
        {
            var row = new float[n];
            for (int j = 0; j < n; j++) row[j] = SquaredDistance(pooled[i], pooled[j]);
            d2[i] = row;
        });
        var offDiagonal = new List<float>(n * (n - 1) / 2);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++) offDiagonal.Add(d2[i][j]);
        }

        offDiagonal.Sort();
        double median = offDiagonal.Count == 0 ? 1 : offDiagonal[offDiagonal.Count / 2];
        double gamma = median > 0 ? 1.0 / (2 * median) : 1.0;
        int nx = x.Length;
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

        int ny = y.Length;
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
    public static (double AlphaPrecision, double BetaRecall) AlphaPrecisionBetaRecall(float[][] real, float[][] synthetic, int k = 5)
    {
        var levels = Enumerable.Range(1, 29).Select(i => i / 30.0).ToArray();
        var realCenter = Mean(real);
        var syntheticCenter = Mean(synthetic);
        var realToCenter = real.Select(r => Math.Sqrt(SquaredDistance(r, realCenter))).ToArray();
        var syntheticToRealCenter = synthetic.Select(s => Math.Sqrt(SquaredDistance(s, realCenter))).ToArray();
        var syntheticToOwnCenter = synthetic.Select(s => Math.Sqrt(SquaredDistance(s, syntheticCenter))).ToArray();

        // k-th nearest real neighbour radius of each real row, and the nearest synthetic row of each real row.
        var kthRadius = new double[real.Length];
        var nearestSynthetic = new int[real.Length];
        var nearestSyntheticDistance = new double[real.Length];
        int kk = Math.Min(k, real.Length - 1);
        Parallel.For(0, real.Length, i =>
        {
            var distances = new float[real.Length];
            for (int j = 0; j < real.Length; j++) distances[j] = SquaredDistance(real[i], real[j]);
            distances[i] = float.PositiveInfinity;
            Array.Sort(distances);
            kthRadius[i] = Math.Sqrt(distances[Math.Max(0, kk - 1)]);
            float best = float.PositiveInfinity;
            int bestIndex = 0;
            for (int j = 0; j < synthetic.Length; j++)
            {
                float d = SquaredDistance(real[i], synthetic[j]);
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
            double precision = syntheticToRealCenter.Count(d => d <= alphaRadius) / (double)synthetic.Length;
            precisionGap += Math.Abs(precision - level);
            double betaRadius = Quantile(sortedSynthetic, level);
            int covered = 0;
            for (int i = 0; i < real.Length; i++)
            {
                if (nearestSyntheticDistance[i] <= kthRadius[i] && syntheticToOwnCenter[nearestSynthetic[i]] <= betaRadius) covered++;
            }

            recallGap += Math.Abs(covered / (double)real.Length - level);
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

    private static float[] Mean(float[][] rows)
    {
        var mean = new float[rows[0].Length];
        foreach (var r in rows) TensorPrimitives.Add(mean, r, mean);
        TensorPrimitives.Divide(mean, rows.Length, mean);
        return mean;
    }

    private static float SquaredDistance(float[] a, float[] b)
    {
        float d = TensorPrimitives.Distance(a, b);
        return d * d;
    }
}
