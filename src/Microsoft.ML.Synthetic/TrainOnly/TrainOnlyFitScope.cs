namespace Microsoft.ML.Synthetic.TrainOnly;

/// <summary>
/// An explicit training scope for code that fits stages one by one instead of through ML.NET's
/// <c>EstimatorChain.Fit</c> (AutoTrain's per-fold prefix fits). A train-only stage fitted while the scope is open
/// hands its training rows to every <c>Transform</c> of its training data until the scope is disposed, and is the
/// identity afterwards. The scope flows with the async context, and an inner scope takes precedence.
/// </summary>
internal sealed class TrainOnlyFitScope : IDisposable
{
    private static readonly AsyncLocal<TrainOnlyFitScope?> CurrentScope = new();
    private readonly TrainOnlyFitScope? _outer;
    private readonly List<TrainOnlyTransformerBase> _stages = [];
    private volatile bool _open = true;

    private TrainOnlyFitScope(TrainOnlyFitScope? outer) => _outer = outer;

    /// <summary>The innermost open scope of this async flow, or null.</summary>
    public static TrainOnlyFitScope? Current => CurrentScope.Value is { _open: true } s ? s : null;

    /// <summary>Whether the scope is still open.</summary>
    public bool IsOpen => _open;

    /// <summary>Opens a scope; dispose it when the stages' training transforms are done.</summary>
    public static TrainOnlyFitScope Open()
    {
        var scope = new TrainOnlyFitScope(CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Registers a stage fitted in the scope, so that closing the scope releases its training rows.</summary>
    public void Register(TrainOnlyTransformerBase stage)
    {
        lock (_stages)
        {
            _stages.Add(stage);
        }
    }

    /// <summary>Closes the scope: every stage fitted in it becomes the identity and drops its training rows.</summary>
    public void Dispose()
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        if (ReferenceEquals(CurrentScope.Value, this))
        {
            CurrentScope.Value = _outer;
        }

        TrainOnlyTransformerBase[] stages;
        lock (_stages)
        {
            stages = [.. _stages];
            _stages.Clear();
        }

        foreach (var stage in stages)
        {
            stage.EndTraining();
        }
    }
}
