using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Microsoft.ML.Synthetic.Oversampling;

/// <summary>
/// Exact k-nearest-neighbour search under the Euclidean distance: blocked brute force, SIMD across reference
/// points, multi-threaded over queries. Results are deterministic: neighbours are sorted by distance, and equal
/// distances are broken by the smaller reference index, whatever the thread count.
/// </summary>
/// <remarks>
/// References are stored transposed in blocks of <see cref="BlockSize"/> points (one row of the block per
/// dimension), so one vector instruction computes the squared difference of a query to
/// <see cref="Vector{T}.Count"/> references at once. Distances are computed from differences, not from the
/// expansion ‖q‖² + ‖r‖² − 2 q·r, so there is no cancellation.
/// </remarks>
internal sealed class ExactNearestNeighbors
{
    private const int BlockSize = 256;
    private const int QueryChunk = 16;
    private readonly float[][] _blocks;

    /// <summary>Indexes <paramref name="count"/> reference points of <paramref name="dimensions"/> values each, row-major.</summary>
    public ExactNearestNeighbors(ReadOnlySpan<float> points, int count, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (points.Length < (long)count * dimensions)
        {
            throw new ArgumentException("Fewer values than count × dimensions.", nameof(points));
        }

        Count = count;
        Dimensions = dimensions;
        int blocks = (count + BlockSize - 1) / BlockSize;
        _blocks = new float[blocks][];
        for (int b = 0; b < blocks; b++)
        {
            var block = new float[dimensions * BlockSize];
            Array.Fill(block, float.PositiveInfinity);   // padding: infinitely far away
            int start = b * BlockSize, n = Math.Min(BlockSize, count - start);
            for (int j = 0; j < n; j++)
            {
                var p = points.Slice((start + j) * dimensions, dimensions);
                for (int d = 0; d < dimensions; d++)
                {
                    block[(d * BlockSize) + j] = p[d];
                }
            }

            _blocks[b] = block;
        }
    }

    /// <summary>The number of reference points.</summary>
    public int Count { get; }

    /// <summary>The number of values per point.</summary>
    public int Dimensions { get; }

    /// <summary>
    /// The <paramref name="k"/> nearest references of each query, nearest first: row i of the result
    /// (<paramref name="k"/> entries) belongs to query i.
    /// </summary>
    /// <param name="queries">Query points, row-major, <see cref="Dimensions"/> values each.</param>
    /// <param name="queryCount">The number of queries.</param>
    /// <param name="k">Neighbours per query; at most the number of references a query may use.</param>
    /// <param name="excluded">Per query, a reference index it may not return (itself), or null.</param>
    /// <param name="maxThreads">Upper bound on threads.</param>
    /// <param name="cancellation">Checked between chunks of queries.</param>
    public int[] Search(float[] queries, int queryCount, int k, int[]? excluded, int maxThreads, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int available = excluded is null ? Count : Count - 1;
        if (k > available)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"{k} neighbours were asked for, but only {available} points are available.");
        }

        var result = new int[queryCount * k];
        int chunks = (queryCount + QueryChunk - 1) / QueryChunk;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxThreads), CancellationToken = cancellation };
        Parallel.For(0, chunks, options, () => new Scratch(k), (chunk, _, scratch) =>
        {
            int first = chunk * QueryChunk, last = Math.Min(queryCount, first + QueryChunk);
            for (int q = first; q < last; q++)
            {
                SearchOne(queries.AsSpan(q * Dimensions, Dimensions), k, excluded?[q] ?? -1, scratch, result.AsSpan(q * k, k));
            }

            return scratch;
        }, static _ => { });
        return result;
    }

    private sealed class Scratch(int k)
    {
        public readonly float[] Distances = new float[BlockSize];
        public readonly float[] Best = new float[k];
        public readonly int[] BestIndex = new int[k];
        public float[] Broadcast = [];
    }

    private void SearchOne(ReadOnlySpan<float> query, int k, int excluded, Scratch s, Span<int> output)
    {
        Array.Fill(s.Best, float.PositiveInfinity);
        Array.Fill(s.BestIndex, int.MaxValue);
        int dims = Dimensions;
        int width = Vector<float>.Count;
        if (s.Broadcast.Length != dims * width)
        {
            s.Broadcast = new float[dims * width];
        }

        for (int d = 0; d < dims; d++)
        {
            s.Broadcast.AsSpan(d * width, width).Fill(query[d]);
        }

        var qv = MemoryMarshal.Cast<float, Vector<float>>(s.Broadcast.AsSpan());
        var distances = MemoryMarshal.Cast<float, Vector<float>>(s.Distances.AsSpan());
        int vectorsPerRow = BlockSize / width;
        for (int b = 0; b < _blocks.Length; b++)
        {
            var block = MemoryMarshal.Cast<float, Vector<float>>(_blocks[b].AsSpan());
            var threshold = new Vector<float>(s.Best[k - 1]);
            for (int v = 0; v < vectorsPerRow; v += 2)
            {
                var acc0 = Vector<float>.Zero;
                var acc1 = Vector<float>.Zero;
                int offset = v;
                for (int d = 0; d < dims; d++, offset += vectorsPerRow)
                {
                    var q = qv[d];
                    var diff0 = q - block[offset];
                    var diff1 = q - block[offset + 1];
                    acc0 += diff0 * diff0;
                    acc1 += diff1 * diff1;
                }

                distances[v] = acc0;
                distances[v + 1] = acc1;
                if (Vector.LessThanOrEqualAny(acc0, threshold) || Vector.LessThanOrEqualAny(acc1, threshold))
                {
                    int start = b * BlockSize;
                    for (int j = v * width; j < (v + 2) * width; j++)
                    {
                        float dist = s.Distances[j];
                        int index = start + j;
                        if (dist < s.Best[k - 1] && index != excluded && index < Count)
                        {
                            Insert(s.Best, s.BestIndex, dist, index);
                        }
                    }

                    threshold = new Vector<float>(s.Best[k - 1]);
                }
            }
        }

        s.BestIndex.AsSpan().CopyTo(output);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Insert(float[] best, int[] bestIndex, float dist, int index)
    {
        // References arrive in increasing index order, so a strict comparison keeps the smaller index on ties.
        int i = best.Length - 1;
        while (i > 0 && best[i - 1] > dist)
        {
            best[i] = best[i - 1];
            bestIndex[i] = bestIndex[i - 1];
            i--;
        }

        best[i] = dist;
        bestIndex[i] = index;
    }
}
