using System.Numerics;
using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Privacy;

/// <summary>
/// SDMetrics' row distance and distance to closest record (DCR): per column, a number contributes
/// <c>min(|a − b| / range, 1)</c> (range of the real training column; both missing = 0, one missing = 1) and a
/// category contributes 0 when equal and 1 otherwise; the row distance is the mean over columns, in [0, 1].
/// The DCR of a row is its smallest distance to any reference row: computed exactly over all rows, in tiles,
/// with SIMD and on all cores.
/// </summary>
internal static class RowDistance
{
    private const int QueryChunk = 128;
    private const int ReferenceBlock = 2048;

    /// <summary>The distance between row <paramref name="i"/> of <paramref name="a"/> and row <paramref name="j"/> of <paramref name="b"/> (column-major, continuous columns first).</summary>
    public static double Between(float[][] a, int i, float[][] b, int j, int continuousColumns)
    {
        double sum = 0;
        for (int c = 0; c < a.Length; c++)
        {
            if (c < continuousColumns) sum += Math.Min(Math.Abs(a[c][i] - b[c][j]), 1f);
            else sum += a[c][i] == b[c][j] ? 0 : 1;
        }

        return sum / a.Length;
    }

    /// <summary>The DCR of every query row against the reference rows (both column-major, as <see cref="MixedRowEncoding.ColumnMajor"/> makes them).</summary>
    public static double[] Dcr(float[][] queries, float[][] references, int continuousColumns, CancellationToken cancellationToken)
    {
        int columns = queries.Length;
        int queryCount = columns == 0 ? 0 : queries[0].Length;
        int referenceCount = columns == 0 ? 0 : references[0].Length;
        if (referenceCount == 0) throw new ArgumentException("The reference table has no rows.", nameof(references));
        var best = new float[queryCount];
        int chunks = (queryCount + QueryChunk - 1) / QueryChunk;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
        {
            int start = chunk * QueryChunk, end = Math.Min(queryCount, start + QueryChunk);
            var minimum = new float[end - start];
            Array.Fill(minimum, float.PositiveInfinity);
            var query = new float[columns];
            for (int blockStart = 0; blockStart < referenceCount; blockStart += ReferenceBlock)
            {
                int blockEnd = Math.Min(referenceCount, blockStart + ReferenceBlock);
                for (int q = start; q < end; q++)
                {
                    for (int c = 0; c < columns; c++) query[c] = queries[c][q];
                    float m = MinimumOverBlock(query, references, continuousColumns, blockStart, blockEnd);
                    if (m < minimum[q - start]) minimum[q - start] = m;
                }
            }

            for (int q = start; q < end; q++) best[q] = minimum[q - start];
        });
        var result = new double[queryCount];
        for (int i = 0; i < queryCount; i++) result[i] = best[i] / (double)columns;
        return result;
    }

    /// <summary>The smallest sum of per-column distances from <paramref name="query"/> to reference rows [start, end).</summary>
    private static float MinimumOverBlock(float[] query, float[][] references, int continuousColumns, int start, int end)
    {
        int width = Vector<float>.Count;
        int columns = query.Length;
        var one = Vector<float>.One;
        var minimum = new Vector<float>(float.PositiveInfinity);
        int r = start;
        for (; r + width <= end; r += width)
        {
            var sum = Vector<float>.Zero;
            for (int c = 0; c < continuousColumns; c++)
            {
                var reference = new Vector<float>(references[c], r);
                sum += Vector.Min(Vector.Abs(reference - new Vector<float>(query[c])), one);
            }

            for (int c = continuousColumns; c < columns; c++)
            {
                var reference = new Vector<float>(references[c], r);
                sum += Vector.ConditionalSelect(Vector.Equals(reference, new Vector<float>(query[c])), Vector<float>.Zero, one);
            }

            minimum = Vector.Min(minimum, sum);
        }

        float best = float.PositiveInfinity;
        for (int lane = 0; lane < width; lane++) best = Math.Min(best, minimum[lane]);
        for (; r < end; r++)
        {
            float sum = 0;
            for (int c = 0; c < continuousColumns; c++) sum += Math.Min(Math.Abs(references[c][r] - query[c]), 1f);
            for (int c = continuousColumns; c < columns; c++) sum += references[c][r] == query[c] ? 0f : 1f;
            best = Math.Min(best, sum);
        }

        return best;
    }
}
