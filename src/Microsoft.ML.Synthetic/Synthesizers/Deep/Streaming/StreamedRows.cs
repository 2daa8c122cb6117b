using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;

/// <summary>
/// The training rows of a streamed fit, a shuffle buffer at a time. Each epoch the blocks come in a new seeded random
/// order: from a source that shuffles itself (<see cref="IDataView.CanShuffle"/>; Parquet visits its row groups in a
/// random order) one shuffled cursor pass per epoch is cut into blocks and the buffers take them in turn; from any other
/// source the block indices are permuted and each buffer's blocks are read in one cursor pass (rows of other blocks
/// passed over). A buffer's blocks are restated in the whole table's schema, joined and encoded into one reused array —
/// each continuous value's mode drawn afresh from its posterior, where the in-memory fit draws it once. This is the
/// shuffle-buffer approximation of a uniform permutation that tf.data and WebDataset make: every row is seen once per
/// epoch, but a minibatch mixes only rows of the same buffer. When every block fits in one buffer
/// (<see cref="Resident"/>) the table is read in source order and encoded once.
/// </summary>
internal sealed class StreamedRows(BlockReader reader, StreamSummary summary, TabularEncoder encoder, int bufferBlocks, Random random, CancellationToken cancellation) : IDisposable
{
    private int[][] _buffers = [];
    private IEnumerator<(int Index, TabularData Block)>? _shuffled;
    private float[] _encoded = [];

    /// <summary>Whether the whole table fits in one buffer.</summary>
    public bool Resident => summary.BlockCount <= bufferBlocks;

    /// <summary>The buffers of the running epoch.</summary>
    public int BufferCount => _buffers.Length;

    /// <summary>
    /// Puts the blocks in a new random order and groups them into buffers (one buffer of every block, in order, when
    /// <see cref="Resident"/>). From a shuffling source the buffers hold the next blocks of the epoch's shuffled pass
    /// (their indices are then positions in that pass).
    /// </summary>
    public void BeginEpoch()
    {
        _shuffled?.Dispose();
        _shuffled = null;
        var order = Enumerable.Range(0, summary.BlockCount).ToArray();
        if (!Resident)
        {
            if (reader.SourceShuffles)
            {
                _shuffled = reader.Read(shuffle: new Random(random.Next()), cancellation: cancellation).GetEnumerator();
            }
            else
            {
                random.Shuffle(order);
            }
        }

        _buffers = order.Chunk(bufferBlocks).Select(blocks => blocks.Order().ToArray()).ToArray();
    }

    /// <summary>Rows of buffer <paramref name="buffer"/> of the running epoch.</summary>
    public int RowsOf(int buffer) => _buffers[buffer].Sum(BlockRowCount);

    /// <summary>Reads, restates, joins and encodes buffer <paramref name="buffer"/> of the running epoch (from a shuffling source: the buffers in turn).</summary>
    public EncodedRows Load(int buffer)
    {
        var blocks = _buffers[buffer];
        var parts = new List<TabularData>(blocks.Length);
        if (_shuffled is not null)
        {
            while (parts.Count < blocks.Length && _shuffled.MoveNext())
            {
                parts.Add(summary.Restate(_shuffled.Current.Block));
            }
        }
        else
        {
            var wanted = blocks.ToHashSet();
            parts.AddRange(reader.Read(wanted.Contains, blocks[^1], cancellation: cancellation).Select(b => summary.Restate(b.Block)));
        }

        int expected = RowsOf(buffer);
        int rowCount = parts.Sum(p => p.RowCount);
        if (rowCount != expected)
        {
            throw new InvalidDataException($"The training source changed between passes: a shuffle buffer got {rowCount:N0} rows, {expected:N0} expected. A streamed fit reads its source once per epoch or buffer and needs it to give the same rows each time.");
        }

        var rows = TabularData.Concat(parts);
        long width = (long)rowCount * encoder.Width;
        if (_encoded.Length < width)
        {
            // One array for every buffer: a full buffer's rows (exactly the table's when it is resident).
            long capacity = Math.Min((long)bufferBlocks * summary.BlockRows, summary.RowCount) * encoder.Width;
            _encoded = new float[checked((int)Math.Max(capacity, width))];
        }

        encoder.EncodeInto(rows, random, _encoded);
        return new EncodedRows(rows, _encoded);
    }

    public void Dispose()
    {
        _shuffled?.Dispose();
        _shuffled = null;
    }

    private int BlockRowCount(int block) =>
        block < summary.BlockCount - 1 ? summary.BlockRows : (int)(summary.RowCount - ((long)(summary.BlockCount - 1) * summary.BlockRows));
}

/// <summary>
/// A buffer of training rows and their encoding (row-major, the encoder's width per row; the array may be longer
/// than <see cref="RowCount"/> rows: streamed training reuses it).
/// </summary>
internal sealed record EncodedRows(TabularData Rows, float[] Data)
{
    public int RowCount => Rows.RowCount;
}

/// <summary>
/// Maps the steps of an epoch of streamed training to buffers: a buffer of n rows gets <c>steps(n)</c> steps, and the
/// step that starts a buffer loads it.
/// </summary>
internal sealed class BufferSchedule(StreamedRows rows, Func<int, int> stepsOfRows)
{
    private int[] _firstStep = [0];
    private int _loaded = -1;

    public int StepsPerEpoch => _firstStep[^1];

    public void BeginEpoch()
    {
        rows.BeginEpoch();
        _firstStep = new int[rows.BufferCount + 1];
        for (int b = 0; b < rows.BufferCount; b++)
        {
            _firstStep[b + 1] = _firstStep[b] + stepsOfRows(rows.RowsOf(b));
        }

        _loaded = -1;
    }

    /// <summary>The step's index within its buffer, and the buffer when this step starts it (null otherwise).</summary>
    public (int Local, EncodedRows? Started) Locate(int step)
    {
        int buffer = _loaded < 0 ? 0 : _loaded;
        while (step >= _firstStep[buffer + 1])
        {
            buffer++;
        }

        EncodedRows? started = null;
        if (buffer != _loaded)
        {
            started = rows.Load(buffer);
            _loaded = buffer;
        }

        return (step - _firstStep[buffer], started);
    }
}
