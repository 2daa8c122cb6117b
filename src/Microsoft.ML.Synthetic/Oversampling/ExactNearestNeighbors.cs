using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    private const int QueryChunk = 64;
    private readonly float[][] _blocks;

    /// <summary>Indexes <paramref name="count"/> reference points of <paramref name="dimensions"/> values each, row-major.</summary>
    /// <param name="points">The points, row-major.</param>
    /// <param name="count">The number of points.</param>
    /// <param name="dimensions">Values per point.</param>
    /// <param name="wideVectors">Use 512-bit vectors; null: where the processor accelerates them (tests force either kernel).</param>
    public ExactNearestNeighbors(ReadOnlySpan<float> points, int count, int dimensions, bool? wideVectors = null)
    {
        _wide = (wideVectors ?? WideVectorsAvailable) && WideVectorsAvailable;
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
        Parallel.For(0, chunks, options, () => new Scratch(k, Dimensions, _wide), (chunk, _, scratch) =>
        {
            int first = chunk * QueryChunk, count = Math.Min(queryCount, first + QueryChunk) - first;
            SearchChunk(queries, first, count, k, excluded, scratch, result);
            return scratch;
        }, static _ => { });
        return result;
    }

    private const int Tile = 4;

    /// <summary>Whether 512-bit vectors are hardware-accelerated (and so used instead of <see cref="Vector{T}"/>).</summary>
    internal static bool WideVectorsAvailable { get; } = Vector512.IsHardwareAccelerated && Vector512<float>.Count > Vector<float>.Count;

    private readonly bool _wide;

    private sealed class Scratch
    {
        public Scratch(int k, int dims, bool wide)
        {
            Best = Enumerable.Range(0, QueryChunk).Select(_ => new float[k]).ToArray();
            BestIndex = Enumerable.Range(0, QueryChunk).Select(_ => new int[k]).ToArray();
            Broadcast = wide ? [] : new Vector<float>[QueryChunk * dims];
            Broadcast512 = wide ? new Vector512<float>[QueryChunk * dims] : [];
        }

        public float[][] Best { get; }

        public int[][] BestIndex { get; }

        public Vector<float>[] Broadcast { get; }

        public Vector512<float>[] Broadcast512 { get; }
    }

    /// <summary>
    /// One chunk of queries against every reference block: the block (dimensions × 256 values) stays in cache while
    /// all queries of the chunk use it, so references stream from memory once per chunk, not once per query.
    /// </summary>
    private void SearchChunk(float[] queries, int firstQuery, int count, int k, int[]? excluded, Scratch s, int[] output)
    {
        int dims = Dimensions;
        for (int t = 0; t < count; t++)
        {
            Array.Fill(s.Best[t], float.PositiveInfinity);
            Array.Fill(s.BestIndex[t], int.MaxValue);
            for (int d = 0; d < dims; d++)
            {
                float value = queries[((firstQuery + t) * dims) + d];
                if (_wide)
                {
                    s.Broadcast512[(t * dims) + d] = Vector512.Create(value);
                }
                else
                {
                    s.Broadcast[(t * dims) + d] = new Vector<float>(value);
                }
            }
        }

        for (int b = 0; b < _blocks.Length; b++)
        {
            for (int tile = 0; tile < count; tile += Tile)
            {
                int n = Math.Min(Tile, count - tile);
                if (_wide)
                {
                    ScanBlock512(b, tile, n, k, firstQuery, excluded, s);
                }
                else
                {
                    ScanBlock(b, tile, n, k, firstQuery, excluded, s);
                }
            }
        }

        for (int t = 0; t < count; t++)
        {
            s.BestIndex[t].AsSpan().CopyTo(output.AsSpan((firstQuery + t) * k, k));
        }
    }

    /// <summary>
    /// Distances from the queries <c>[tile, tile + count)</c> of the chunk to the references of block
    /// <paramref name="b"/>: each reference vector loaded serves every query of the tile (register tiling), and each
    /// squared difference is one fused multiply-add. Only candidates that beat a query's current k-th distance are
    /// looked at one by one.
    /// </summary>
    private void ScanBlock(int b, int tile, int count, int k, int firstQuery, int[]? excluded, Scratch s)
    {
        int dims = Dimensions;
        int width = Vector<float>.Count;
        int vectorsPerRow = BlockSize / width;
        ref Vector<float> b0 = ref s.Broadcast[tile * dims];
        ref Vector<float> b1 = ref s.Broadcast[(tile + Math.Min(1, count - 1)) * dims];
        ref Vector<float> b2 = ref s.Broadcast[(tile + Math.Min(2, count - 1)) * dims];
        ref Vector<float> b3 = ref s.Broadcast[(tile + Math.Min(3, count - 1)) * dims];
        Span<Vector<float>> acc = stackalloc Vector<float>[2 * Tile];
        ref Vector<float> block = ref Unsafe.As<float, Vector<float>>(ref _blocks[b][0]);
        var t0 = new Vector<float>(s.Best[tile][k - 1]);
        var t1 = new Vector<float>(s.Best[tile + Math.Min(1, count - 1)][k - 1]);
        var t2 = new Vector<float>(s.Best[tile + Math.Min(2, count - 1)][k - 1]);
        var t3 = new Vector<float>(s.Best[tile + Math.Min(3, count - 1)][k - 1]);
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
            int hits = (h0 ? 1 : 0) | (h1 ? 2 : 0) | (h2 ? 4 : 0) | (h3 ? 8 : 0);
            OfferCandidates(MemoryMarshal.Cast<Vector<float>, float>(acc), 2 * width, hits, count, start, tile, k, firstQuery, excluded, s);

            t0 = new Vector<float>(s.Best[tile][k - 1]);
            t1 = new Vector<float>(s.Best[tile + Math.Min(1, count - 1)][k - 1]);
            t2 = new Vector<float>(s.Best[tile + Math.Min(2, count - 1)][k - 1]);
            t3 = new Vector<float>(s.Best[tile + Math.Min(3, count - 1)][k - 1]);
        }
    }

    /// <summary>
    /// After a scan step: for each query of the tile whose bit is set in <paramref name="hits"/>, offers its
    /// <paramref name="lanesPerQuery"/> distances (to the references from <paramref name="start"/> on) to its k best.
    /// </summary>
    private void OfferCandidates(ReadOnlySpan<float> distances, int lanesPerQuery, int hits, int count, int start, int tile, int k, int firstQuery, int[]? excluded, Scratch s)
    {
        for (int t = 0; t < count; t++)
        {
            if ((hits & (1 << t)) == 0)
            {
                continue;
            }

            var dist = distances.Slice(t * lanesPerQuery, lanesPerQuery);
            var best = s.Best[tile + t];
            int skip = excluded?[firstQuery + tile + t] ?? -1;
            for (int j = 0; j < dist.Length; j++)
            {
                int index = start + j;
                if (dist[j] < best[k - 1] && index != skip && index < Count)
                {
                    Insert(best, s.BestIndex[tile + t], dist[j], index);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="ScanBlock"/> with 512-bit vectors (AVX-512). Distances from the queries <c>[tile, tile + count)</c> of the chunk to the references of block
    /// <paramref name="b"/>: each reference vector loaded serves every query of the tile (register tiling), and each
    /// squared difference is one fused multiply-add. Only candidates that beat a query's current k-th distance are
    /// looked at one by one.
    /// </summary>
    private void ScanBlock512(int b, int tile, int count, int k, int firstQuery, int[]? excluded, Scratch s)
    {
        int dims = Dimensions;
        int width = Vector512<float>.Count;
        int vectorsPerRow = BlockSize / width;
        ref Vector512<float> b0 = ref s.Broadcast512[tile * dims];
        ref Vector512<float> b1 = ref s.Broadcast512[(tile + Math.Min(1, count - 1)) * dims];
        ref Vector512<float> b2 = ref s.Broadcast512[(tile + Math.Min(2, count - 1)) * dims];
        ref Vector512<float> b3 = ref s.Broadcast512[(tile + Math.Min(3, count - 1)) * dims];
        Span<Vector512<float>> acc = stackalloc Vector512<float>[2 * Tile];
        ref Vector512<float> block = ref Unsafe.As<float, Vector512<float>>(ref _blocks[b][0]);
        var t0 = Vector512.Create(s.Best[tile][k - 1]);
        var t1 = Vector512.Create(s.Best[tile + Math.Min(1, count - 1)][k - 1]);
        var t2 = Vector512.Create(s.Best[tile + Math.Min(2, count - 1)][k - 1]);
        var t3 = Vector512.Create(s.Best[tile + Math.Min(3, count - 1)][k - 1]);
        for (int v = 0; v < vectorsPerRow; v += 2)
        {
            Vector512<float> a00 = default, a01 = default, a10 = default, a11 = default;
            Vector512<float> a20 = default, a21 = default, a30 = default, a31 = default;
            int offset = v;
            for (int d = 0; d < dims; d++, offset += vectorsPerRow)
            {
                var r0 = Unsafe.Add(ref block, offset);
                var r1 = Unsafe.Add(ref block, offset + 1);
                var q = Unsafe.Add(ref b0, d);
                var x = q - r0; a00 = Vector512.FusedMultiplyAdd(x, x, a00);
                x = q - r1; a01 = Vector512.FusedMultiplyAdd(x, x, a01);
                q = Unsafe.Add(ref b1, d);
                x = q - r0; a10 = Vector512.FusedMultiplyAdd(x, x, a10);
                x = q - r1; a11 = Vector512.FusedMultiplyAdd(x, x, a11);
                q = Unsafe.Add(ref b2, d);
                x = q - r0; a20 = Vector512.FusedMultiplyAdd(x, x, a20);
                x = q - r1; a21 = Vector512.FusedMultiplyAdd(x, x, a21);
                q = Unsafe.Add(ref b3, d);
                x = q - r0; a30 = Vector512.FusedMultiplyAdd(x, x, a30);
                x = q - r1; a31 = Vector512.FusedMultiplyAdd(x, x, a31);
            }

            bool h0 = Vector512.LessThanOrEqualAny(a00, t0) || Vector512.LessThanOrEqualAny(a01, t0);
            bool h1 = count > 1 && (Vector512.LessThanOrEqualAny(a10, t1) || Vector512.LessThanOrEqualAny(a11, t1));
            bool h2 = count > 2 && (Vector512.LessThanOrEqualAny(a20, t2) || Vector512.LessThanOrEqualAny(a21, t2));
            bool h3 = count > 3 && (Vector512.LessThanOrEqualAny(a30, t3) || Vector512.LessThanOrEqualAny(a31, t3));
            if (!(h0 || h1 || h2 || h3))
            {
                continue;
            }

            acc[0] = a00; acc[1] = a01; acc[2] = a10; acc[3] = a11;
            acc[4] = a20; acc[5] = a21; acc[6] = a30; acc[7] = a31;
            int start = (b * BlockSize) + (v * width);
            int hits = (h0 ? 1 : 0) | (h1 ? 2 : 0) | (h2 ? 4 : 0) | (h3 ? 8 : 0);
            OfferCandidates(MemoryMarshal.Cast<Vector512<float>, float>(acc), 2 * width, hits, count, start, tile, k, firstQuery, excluded, s);

            t0 = Vector512.Create(s.Best[tile][k - 1]);
            t1 = Vector512.Create(s.Best[tile + Math.Min(1, count - 1)][k - 1]);
            t2 = Vector512.Create(s.Best[tile + Math.Min(2, count - 1)][k - 1]);
            t3 = Vector512.Create(s.Best[tile + Math.Min(3, count - 1)][k - 1]);
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
