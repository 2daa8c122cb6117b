using Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// A plain (non-private) step over consecutive batches of the rows, shuffled once per epoch (streamed training: of each
/// shuffle buffer's rows, shuffled when the buffer is loaded), with the epoch's figures kept as running means: what
/// TVAE's and the diffusion model's steps share. A subclass trains on one batch of row
/// indices and adds its batch figures with <see cref="Add"/>.
/// </summary>
internal abstract class ShuffledBatchStep : TrainingStep
{
    private readonly int _configuredBatch;
    private readonly BufferSchedule? _schedule;
    private int[] _order;
    private int _batchSize;
    private readonly List<string> _names = [];
    private readonly Dictionary<string, double> _sums = [];

    /// <param name="rowCount">The training rows.</param>
    /// <param name="batchSize">Rows per batch (capped at <paramref name="rowCount"/>).</param>
    /// <param name="random">Shuffles the rows at each epoch; the subclass may draw from it too (same sequence, same model).</param>
    protected ShuffledBatchStep(int rowCount, int batchSize, Random random)
    {
        Random = random;
        _configuredBatch = batchSize;
        _order = Enumerable.Range(0, rowCount).ToArray();
        _batchSize = Math.Min(batchSize, rowCount);
    }

    /// <summary>
    /// A step over streamed rows (<see cref="StreamedRows"/>, not resident): each shuffle buffer's rows are shuffled
    /// when it is loaded and taken in consecutive batches; <see cref="OnBuffer"/> is told each buffer.
    /// </summary>
    protected ShuffledBatchStep(StreamedRows rows, int batchSize, Random random)
        : this(0, batchSize, random)
    {
        _schedule = new BufferSchedule(rows, n => (n + Math.Min(batchSize, n) - 1) / Math.Min(batchSize, n));   // ⌈n / batch⌉; a buffer has rows
    }

    /// <summary>The training's random source (shuffling and the subclass's own draws).</summary>
    protected Random Random { get; }

    public sealed override int StepsPerEpoch => _schedule?.StepsPerEpoch ?? (_order.Length + _batchSize - 1) / _batchSize;

    public sealed override void BeginEpoch()
    {
        if (_schedule is null)
        {
            Random.Shuffle(_order);
        }
        else
        {
            _schedule.BeginEpoch();
        }
    }

    public sealed override void Run(int index)
    {
        if (_schedule is not null)
        {
            var (local, started) = _schedule.Locate(index);
            if (started is not null)
            {
                OnBuffer(started);
                _order = Enumerable.Range(0, started.RowCount).ToArray();
                _batchSize = Math.Min(_configuredBatch, started.RowCount);
                Random.Shuffle(_order);
            }

            index = local;
        }

        int start = index * _batchSize;
        RunBatch(_order.AsSpan(start, Math.Min(_batchSize, _order.Length - start)));
    }

    /// <summary>Called when streamed training starts a shuffle buffer: the rows later batches index.</summary>
    protected virtual void OnBuffer(EncodedRows rows) => throw new NotSupportedException("This step does not train from a stream.");

    /// <summary>Trains on the rows <paramref name="rows"/> (indices into the training data).</summary>
    protected abstract void RunBatch(ReadOnlySpan<int> rows);

    /// <summary>Adds one batch's value of the epoch figure <paramref name="name"/> (reported as the epoch's mean).</summary>
    protected void Add(string name, double value)
    {
        if (!_sums.TryAdd(name, value))
        {
            _sums[name] += value;
        }
        else
        {
            _names.Add(name);
        }
    }

    public sealed override IReadOnlyDictionary<string, double> EndEpoch(int steps)
    {
        var figures = new Dictionary<string, double>();
        foreach (string name in _names)
        {
            figures[name] = _sums[name] / steps;
            _sums[name] = 0;
        }

        return figures;
    }
}
