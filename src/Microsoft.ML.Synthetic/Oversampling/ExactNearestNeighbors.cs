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
        Parallel.For(0, chunks, options, () => new Scratch(k, Dimensions), (chunk, _, scratch) =>
        {
            int first = chunk * QueryChunk, last = Math.Min(queryCount, first + QueryChunk);
            for (int q = first; q < last; q += Tile)
            {
                SearchTile(queries, q, Math.Min(Tile, last - q), k, excluded, scratch, result);
            }

            return scratch;
        }, static _ => { });
        return result;
    }

    private const int Tile = 4;

    private sealed class Scratch(int k, int dims)
    {
        public readonly float[] Distances = new float[BlockSize];
        public readonly float[][] Best = [new float[k], new float[k], new float[k], new float[k]];
        public readonly int[][] BestIndex = [new int[k], new int[k], new int[k], new int[k]];
        public readonly Vector<float>[] Broadcast = new Vector<float>[Tile * dims];
    }

    /// <summary>
    /// Up to <see cref="Tile"/> queries at once: each reference vector loaded is used by every query of the tile
    /// (register tiling), and each squared difference is one fused multiply-add.
    /// </summary>
    private void SearchTile(float[] queries, int firstQuery, int count, int k, int[]? excluded, Scratch s, int[] output)
    {
        int dims = Dimensions;
        for (int t = 0; t < Tile; t++)
        {
            int q = firstQuery + Math.Min(t, count - 1);   // a short tile repeats its last query
            Array.Fill(s.Best[t], float.PositiveInfinity);
            Array.Fill(s.BestIndex[t], int.MaxValue);
            for (int d = 0; d < dims; d++)
            {
                s.Broadcast[(t * dims) + d] = new Vector<float>(queries[(q * dims) + d]);
            }
        }

        int width = Vector<float>.Count;
        int vectorsPerRow = BlockSize / width;
        ref Vector<float> b0 = ref s.Broadcast[0];
        ref Vector<float> b1 = ref s.Broadcast[dims];
        ref Vector<float> b2 = ref s.Broadcast[2 * dims];
        ref Vector<float> b3 = ref s.Broadcast[3 * dims];
        Span<Vector<float>> acc = stackalloc Vector<float>[2 * Tile];
        for (int b = 0; b < _blocks.Length; b++)
        {
            ref Vector<float> block = ref Unsafe.As<float, Vector<float>>(ref _blocks[b][0]);
            var t0 = new Vector<float>(s.Best[0][k - 1]);
            var t1 = new Vector<float>(s.Best[1][k - 1]);
            var t2 = new Vector<float>(s.Best[2][k - 1]);
            var t3 = new Vector<float>(s.Best[3][k - 1]);
            for (int v = 0; v < vectorsPerRow; v += 2)
            {
                Vector<float> a00 = default, a01 = default, a10 = default, a11 = default;
                Vector<float> a20 = default, a21 = default, a30 = default, a31 = default;
                int offset = v;
                for (int d = 0; d < dims; d++, offset += vectorsPerRow)
                {
                    var r0 = Unsafe.Add(ref block, offset);
                    var r1 = Unsafe.Add(ref block, offset + 1);
                    var q = Unsafe.Add(ref b0, d);
                    var x = q - r0; a00 = Vector.FusedMultiplyAdd(x, x, a00);
                    x = q - r1; a01 = Vector.FusedMultiplyAdd(x, x, a01);
                    q = Unsafe.Add(ref b1, d);
                    x = q - r0; a10 = Vector.FusedMultiplyAdd(x, x, a10);
                    x = q - r1; a11 = Vector.FusedMultiplyAdd(x, x, a11);
                    q = Unsafe.Add(ref b2, d);
                    x = q - r0; a20 = Vector.FusedMultiplyAdd(x, x, a20);
                    x = q - r1; a21 = Vector.FusedMultiplyAdd(x, x, a21);
                    q = Unsafe.Add(ref b3, d);
                    x = q - r0; a30 = Vector.FusedMultiplyAdd(x, x, a30);
                    x = q - r1; a31 = Vector.FusedMultiplyAdd(x, x, a31);
                }

                bool h0 = Vector.LessThanOrEqualAny(a00, t0) || Vector.LessThanOrEqualAny(a01, t0);
                bool h1 = count > 1 && (Vector.LessThanOrEqualAny(a10, t1) || Vector.LessThanOrEqualAny(a11, t1));
                bool h2 = count > 2 && (Vector.LessThanOrEqualAny(a20, t2) || Vector.LessThanOrEqualAny(a21, t2));
                bool h3 = count > 3 && (Vector.LessThanOrEqualAny(a30, t3) || Vector.LessThanOrEqualAny(a31, t3));
                if (!(h0 || h1 || h2 || h3))
                {
                    continue;
                }

                acc[0] = a00; acc[1] = a01; acc[2] = a10; acc[3] = a11;
                acc[4] = a20; acc[5] = a21; acc[6] = a30; acc[7] = a31;
                int start = (b * BlockSize) + (v * width);
                for (int t = 0; t < count; t++)
                {
                    if (!(t == 0 ? h0 : t == 1 ? h1 : t == 2 ? h2 : h3))
                    {
                        continue;
                    }

                    var dist = MemoryMarshal.Cast<Vector<float>, float>(acc.Slice(2 * t, 2));
                    var best = s.Best[t];
                    int skip = excluded?[firstQuery + t] ?? -1;
                    for (int j = 0; j < dist.Length; j++)
                    {
                        int index = start + j;
                        if (dist[j] < best[k - 1] && index != skip && index < Count)
                        {
                            Insert(best, s.BestIndex[t], dist[j], index);
                        }
                    }
                }

                t0 = new Vector<float>(s.Best[0][k - 1]);
                t1 = new Vector<float>(s.Best[1][k - 1]);
                t2 = new Vector<float>(s.Best[2][k - 1]);
                t3 = new Vector<float>(s.Best[3][k - 1]);
            }
        }

        for (int t = 0; t < count; t++)
        {
            s.BestIndex[t].AsSpan().CopyTo(output.AsSpan((firstQuery + t) * k, k));
        }
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
