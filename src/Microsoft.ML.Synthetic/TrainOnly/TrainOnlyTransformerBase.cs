using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.TrainOnly;

/// <summary>
/// Base of every train-only stage (oversampling, augmentation, replacement, DP noise). The stage changes rows
/// only while its pipeline is being fitted: <see cref="Transform"/> returns <see cref="TransformTraining"/>
/// for the first call that passes the very <see cref="IDataView"/> object the stage was fitted on (which is
/// what <c>EstimatorChain.Fit</c> does: <c>Fit(current)</c>, then <c>Transform(current)</c>), and returns its
/// input unchanged for every other call — scoring, cross-validation folds, and later calls on the training
/// data itself. So the estimators after the stage are fitted on the changed rows, while a fitted model scores
/// exactly the rows it is given.
/// </summary>
/// <remarks>
/// At scoring time the stage is an identity row-to-row mapper, so <c>CreatePredictionEngine</c> works, and
/// <c>mlContext.Model.Save</c> stores it as an identity column selection: a loaded model contains an ML.NET
/// <c>ColumnSelectingTransformer</c> that keeps every column, which is all scoring needs.
/// </remarks>
public abstract class TrainOnlyTransformerBase : ITrainOnlyTransformer
{
    private readonly object _gate = new();
    private readonly ITransformer _identity;
    private WeakReference<IDataView>? _pendingTrainingData;

    /// <summary>Creates the stage for the data it was fitted on.</summary>
    /// <param name="context">The ML.NET context.</param>
    /// <param name="fittedOn">The data object passed to the estimator's <c>Fit</c>.</param>
    protected TrainOnlyTransformerBase(MLContext context, IDataView fittedOn)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fittedOn);
        Context = context;
        InputSchema = fittedOn.Schema;
        _pendingTrainingData = new WeakReference<IDataView>(fittedOn);
        var visible = fittedOn.Schema.Where(c => !c.IsHidden).Select(c => c.Name).ToArray();
        _identity = context.Transforms.SelectColumns(visible, keepHidden: true).Fit(fittedOn);
    }

    /// <summary>The ML.NET context the stage was created with.</summary>
    protected MLContext Context { get; }

    /// <summary>The schema of the data the stage was fitted on.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>Always true: at scoring time the stage maps each row to itself.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The output schema equals the input schema: the stage never adds, drops or retypes columns.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return inputSchema;
    }

    /// <summary>An identity mapper: scoring passes every row through unchanged.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _identity.GetRowToRowMapper(inputSchema);

    /// <summary>
    /// Returns the training-time rows for the first call with the data the stage was fitted on; otherwise
    /// returns <paramref name="input"/> itself.
    /// </summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (_gate)
        {
            if (_pendingTrainingData is null || !_pendingTrainingData.TryGetTarget(out var fitted)
                || !ReferenceEquals(fitted, input))
            {
                return input;
            }

            _pendingTrainingData = null;
        }

        return TransformTraining(input);
    }

    /// <summary>
    /// Whether the next <see cref="Transform"/> call with the fitted-on data will still return the
    /// training-time rows.
    /// </summary>
    public bool IsAwaitingTrainingTransform
    {
        get
        {
            lock (_gate)
            {
                return _pendingTrainingData is not null && _pendingTrainingData.TryGetTarget(out _);
            }
        }
    }

    /// <summary>The rows the estimators after this stage are fitted on. Must keep the input schema.</summary>
    protected abstract IDataView TransformTraining(IDataView trainingData);

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_identity).Save(ctx);
}
