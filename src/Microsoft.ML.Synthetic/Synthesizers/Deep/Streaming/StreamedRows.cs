using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;

/// <summary>
/// The training rows of a streamed fit, a shuffle buffer at a time: each epoch the source's blocks are put in a new
/// seeded random order and taken <c>BufferBlocks</c> at a time; a buffer's blocks are read in one cursor pass (rows of
/// other blocks passed over), restated in the whole table's schema, joined and encoded — each continuous value's mode
/// drawn afresh from its posterior, as the in-memory fit does once. This is the shuffle-buffer approximation of a
/// uniform permutation that tf.data and WebDataset make: every row is seen once per epoch, but a minibatch mixes only
/// rows of the same buffer. When every block fits in one buffer (<see cref="Resident"/>) the table is read and
/// encoded once and kept.
/// </summary>
internal sealed class StreamedRows(BlockReader reader, StreamSummary summary, TabularEncoder encoder, int bufferBlocks, Random random, CancellationToken cancellation)
{
    private int[][] _buffers = [];

    /// <summary>Whether the whole table fits in one buffer.</summary>
    public bool Resident => summary.BlockCount <= bufferBlocks;

    /// <summary>The buffers of the running epoch.</summary>
    public int BufferCount => _buffers.Length;

    /// <summary>Puts the blocks in a new random order and groups them into buffers (one buffer of every block, in order, when <see cref="Resident"/>).</summary>
    public void BeginEpoch()
    {
        var order = Enumerable.Range(0, summary.BlockCount).ToArray();
        if (!Resident)
        {
            random.Shuffle(order);
        }

        _buffers = order.Chunk(bufferBlocks).Select(blocks => blocks.Order().ToArray()).ToArray();
    }

    /// <summary>Rows of buffer <paramref name="buffer"/> of the running epoch.</summary>
    public int RowsOf(int buffer) => _buffers[buffer].Sum(BlockRowCount);

    /// <summary>Reads, restates, joins and encodes buffer <paramref name="buffer"/> of the running epoch.</summary>
    public EncodedRows Load(int buffer)
    {
        var blocks = _buffers[buffer];
        var wanted = blocks.ToHashSet();
        var parts = reader.Read(wanted.Contains, blocks[^1], cancellation).Select(b => summary.Restate(b.Block)).ToList();
        var rows = parts.Count == 0 ? summary.Reservoir.SelectRows([]) : TabularData.Concat(parts);
        if (parts.Count != blocks.Length || rows.RowCount != RowsOf(buffer))
        {
            throw new InvalidDataException($"The training source changed between passes: blocks {string.Join(", ", blocks)} gave {rows.RowCount:N0} rows, {RowsOf(buffer):N0} expected. A streamed fit reads its source once per buffer and needs it to stay the same.");
        }

        return new EncodedRows(rows, encoder.Encode(rows, random));
    }

    private int BlockRowCount(int block) =>
        block < summary.BlockCount - 1 ? summary.BlockRows : (int)(summary.RowCount - ((long)(summary.BlockCount - 1) * summary.BlockRows));
}

/// <summary>A buffer of training rows and their encoding (row-major, the encoder's width per row).</summary>
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
