namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// A plain (non-private) step over consecutive batches of the rows, shuffled once per epoch, with the epoch's figures
/// kept as running means: what TVAE's and the diffusion model's steps share. A subclass trains on one batch of row
/// indices and adds its batch figures with <see cref="Add"/>.
/// </summary>
internal abstract class ShuffledBatchStep : TrainingStep
{
    private readonly int[] _order;
    private readonly int _batchSize;
    private readonly List<string> _names = [];
    private readonly Dictionary<string, double> _sums = [];

    /// <param name="rowCount">The training rows.</param>
    /// <param name="batchSize">Rows per batch (capped at <paramref name="rowCount"/>).</param>
    /// <param name="random">Shuffles the rows at each epoch; the subclass may draw from it too (same sequence, same model).</param>
    protected ShuffledBatchStep(int rowCount, int batchSize, Random random)
    {
        Random = random;
        _order = Enumerable.Range(0, rowCount).ToArray();
        _batchSize = Math.Min(batchSize, rowCount);
    }

    /// <summary>The training's random source (shuffling and the subclass's own draws).</summary>
    protected Random Random { get; }

    public sealed override int StepsPerEpoch => (_order.Length + _batchSize - 1) / _batchSize;

    public sealed override void BeginEpoch() => Random.Shuffle(_order);

    public sealed override void Run(int index)
    {
        int start = index * _batchSize;
        RunBatch(_order.AsSpan(start, Math.Min(_batchSize, _order.Length - start)));
    }

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
