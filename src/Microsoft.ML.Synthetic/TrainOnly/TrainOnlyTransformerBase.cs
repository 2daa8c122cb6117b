using System.Runtime.CompilerServices;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Base of every train-only stage (oversampling, augmentation, replacement, DP noise): the estimators after the
/// stage are fitted on the rows it prepares, and a fitted model scores exactly the rows it is given.
/// </summary>
/// <remarks>
/// <para>Which calls get the training rows. A stage fitted inside ML.NET's <c>EstimatorChain.Fit</c> (flat
/// <c>Append</c>, a chain appended to a chain, the <c>IEstimator&lt;ITransformer&gt;.Append</c> extension, a stage
/// first, middle or last of an inner chain, any depth of nesting, <c>AppendCacheCheckpoint</c>) remembers the
/// running chain fits on its thread. A later <c>Transform</c> returns the training rows when it is called by one of
/// those chain fits — directly, or through the fitted inner chains (<c>TransformerChain.Transform</c>) an outer
/// chain re-applies to its data — and its input is the data the stage was fitted on or a view with the same rows
/// (compared by content, so an outer chain that re-derives the view from the training data is recognised). The
/// training rows are made once and memoised: every later stage, at every level of nesting, sees the same rows and
/// the same noise, so a DP step releases one noisy view per fit. Once the outermost chain fit has returned,
/// <c>Transform</c> is the identity for every input, the training data included, and the memoised rows are dropped
/// (at the first <c>Transform</c> or <c>GetRowToRowMapper</c> call after the fit).</para>
/// <para>What throws instead of skipping. Inside the running fit, a call from anything other than a chain fit (a
/// custom estimator or transformer wrapping the chain) with the training rows cannot be told apart from scoring, and
/// the rows re-derived by an outer chain must equal the rows the stage was fitted on; both cases throw an
/// <see cref="InvalidOperationException"/> that names the stage and says how to compose it.</para>
/// <para>A stage fitted on its own (<c>estimator.Fit(data)</c> outside any chain) hands its training rows to the first
/// <c>Transform</c> call with the very object it was fitted on, as a one-stage chain would, and is the identity for
/// every other call. AutoTrain fits its prefix stage by stage inside an internal training scope with the same
/// rules. At scoring time the stage is an identity row-to-row mapper, so <c>CreatePredictionEngine</c> works, and
/// <c>mlContext.Model.Save</c> stores it as an identity column selection.</para>
/// <para>Costs and limits. Each <c>Transform</c> during a fit, and the first one after it, reads the call stack
/// (method metadata is needed: a JIT-compiled runtime, not Native AOT). Recognising a view an outer chain
/// re-derived reads it and the fitted-on view once each. Until the first <c>Transform</c> or
/// <c>GetRowToRowMapper</c> call after the fit, the fitted stage keeps its training rows (and the fitted-on view)
/// alive. Calls made on another thread than the fit's while the fit runs are treated as scoring.</para>
/// </remarks>
public abstract class TrainOnlyTransformerBase : ITrainOnlyTransformer
{
    private readonly object _gate = new();
    private readonly ITransformer _identity;
    private readonly TrainOnlyFitScope? _scope;
    private readonly ChainFitFrames.Anchor[] _anchors;
    private IDataView? _fittedOn;
    private RowFingerprint? _fittedOnFingerprint;
    private IDataView? _trainingRows;
    private bool _ended;

    /// <summary>Creates the stage for the data it was fitted on; call it from the estimator's <c>Fit</c>.</summary>
    /// <param name="context">The ML.NET context.</param>
    /// <param name="fittedOn">The data object passed to the estimator's <c>Fit</c>.</param>
    private protected TrainOnlyTransformerBase(MLContext context, IDataView fittedOn)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fittedOn);
        Context = context;
        InputSchema = fittedOn.Schema;
        _fittedOn = fittedOn;
        var visible = fittedOn.Schema.Where(c => !c.IsHidden).Select(c => c.Name).ToArray();
        _identity = context.Transforms.SelectColumns(visible, keepHidden: true).Fit(fittedOn);
        _scope = TrainOnlyFitScope.Current;
        _anchors = _scope is null ? ChainFitFrames.Current() : [];
        _scope?.Register(this);
    }

    /// <summary>The ML.NET context the stage was created with.</summary>
    private protected MLContext Context { get; }

    /// <summary>The schema of the data the stage was fitted on.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>How errors name the stage, e.g. <c>AddLaplaceNoise(age)</c> or <c>Oversample(label: 'Label', SMOTE (k = 5))</c>.</summary>
    public virtual string StageName => GetType().Name;

    /// <summary>Whether the stage has made its training rows (the estimators after it were fitted on them).</summary>
    public bool HasProducedTrainingRows { get; private set; }

    /// <summary>Always true: at scoring time the stage maps each row to itself.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The output schema equals the input schema: the stage never adds, drops or retypes columns.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return inputSchema;
    }

    /// <summary>An identity mapper: scoring passes every row through unchanged.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        if (_anchors.Length > 0 && !_ended && !IsOwnFitRunning(ChainFitFrames.Current()))
        {
            EndTraining();
        }

        return _identity.GetRowToRowMapper(inputSchema);
    }

    /// <summary>
    /// The training rows when called by the fit of the chain the stage was fitted in (see the remarks of
    /// <see cref="TrainOnlyTransformerBase"/>); <paramref name="input"/> itself otherwise.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stage was composed in a way whose training calls cannot be told from scoring.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_ended)
        {
            return input;
        }

        if (_scope is not null)
        {
            return _scope.IsOpen ? TrainingRows(input, "AutoTrain's prefix fit") : input;
        }

        if (_anchors.Length == 0)
        {
            return StandaloneTransform(input);
        }

        var (direct, running) = ChainFitFrames.CallerFit();
        if (direct is { } fit && _anchors.Contains(fit))
        {
            return TrainingRows(input, "EstimatorChain.Fit");
        }

        if (!IsOwnFitRunning(running))
        {
            if (_anchors[0].ThreadId == Environment.CurrentManagedThreadId)
            {
                EndTraining();
            }

            return input;
        }

        if (IsTrainingData(input))
        {
            throw new InvalidOperationException(
                $"{StageName} is a train-only stage, and while its pipeline is being fitted its fitted chain was applied to the training " +
                "rows by code other than ML.NET's EstimatorChain.Fit (a custom estimator or transformer that wraps the chain). The library " +
                "cannot tell whether that call trains later stages (which must see the changed rows) or scores (which must see the real " +
                "rows). Compose the stage with EstimatorChain.Append or the IEstimator<ITransformer>.Append extension, and let the " +
                "chain fit the stages after it.");
        }

        return input;
    }

    /// <summary>The rows the estimators after this stage are fitted on. Must keep the input schema. Called at most once per fit.</summary>
    private protected abstract IDataView TransformTraining(IDataView trainingData);

    /// <summary>Ends the training phase: from now on the stage is the identity, and it drops its training rows.</summary>
    internal void EndTraining()
    {
        lock (_gate)
        {
            _ended = true;
            _fittedOn = null;
            _fittedOnFingerprint = null;
            _trainingRows = null;
        }
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_identity).Save(ctx);

    private IDataView StandaloneTransform(IDataView input)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(input, _fittedOn))
            {
                return input;
            }
        }

        var rows = TrainingRows(input, "its own Fit");
        EndTraining();
        return rows;
    }

    private IDataView TrainingRows(IDataView input, string caller)
    {
        lock (_gate)
        {
            var fittedOn = _fittedOn;
            if (_ended || fittedOn is null)
            {
                return input;
            }

            if (!ReferenceEquals(input, fittedOn) && !SameRows(input, fittedOn))
            {
                throw new InvalidOperationException(
                    $"{StageName} is a train-only stage fitted on {Describe(fittedOn)}, and {caller} now asks it for the training rows of " +
                    $"different rows ({Describe(input)}). An outer chain re-derives the stage's input from the training data, and here " +
                    "that input changed between the two calls (a stage before it is not deterministic, or the chain is applied to other " +
                    "data inside its own fit). Put the train-only stage first in the pipeline, or make the stages before it deterministic.");
            }

            if (_trainingRows is null)
            {
                _trainingRows = TransformTraining(fittedOn);
                HasProducedTrainingRows = true;
            }

            return _trainingRows;
        }
    }

    private bool IsTrainingData(IDataView input)
    {
        lock (_gate)
        {
            return _fittedOn is { } fittedOn && (ReferenceEquals(input, fittedOn) || SameRows(input, fittedOn));
        }
    }

    private bool SameRows(IDataView input, IDataView fittedOn)
    {
        if (!SameVisibleColumns(input.Schema, fittedOn.Schema))
        {
            return false;
        }

        if (input.GetRowCount() is long a && fittedOn.GetRowCount() is long b && a != b)
        {
            return false;
        }

        _fittedOnFingerprint ??= RowFingerprint.Of(fittedOn);
        return RowFingerprint.Of(input) == _fittedOnFingerprint;
    }

    private bool IsOwnFitRunning(ChainFitFrames.Anchor[] running) => running.Any(a => _anchors.Contains(a));

    private static bool SameVisibleColumns(DataViewSchema a, DataViewSchema b)
    {
        var x = a.Where(c => !c.IsHidden).ToArray();
        var y = b.Where(c => !c.IsHidden).ToArray();
        return x.Length == y.Length && x.Zip(y).All(p => p.First.Name == p.Second.Name && p.First.Type.Equals(p.Second.Type));
    }

    private static string Describe(IDataView view) =>
        view.GetRowCount() is long n ? $"a view of {n} rows" : "a view";
}
