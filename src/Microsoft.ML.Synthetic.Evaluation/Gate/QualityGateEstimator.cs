using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A pipeline stage that evaluates the data reaching it — the samples of the synthesizer before it — against the
/// real data it was built with, and stops the pipeline when a figure misses its threshold: <see cref="Fit"/>
/// throws a <see cref="QualityGateException"/> that lists every failing figure with its value. When the data
/// passes, the fitted stage is the identity and carries the report.
/// </summary>
public sealed class QualityGateEstimator : IEstimator<QualityGateTransformer>
{
    private readonly MLContext _context;
    private readonly IDataView _real;
    private readonly IDataView? _holdout;
    private TabularData? _realTable;
    private TabularData? _holdoutTable;

    internal QualityGateEstimator(SyntheticCatalog catalog, IDataView real, IDataView? holdout, QualityGateOptions options)
    {
        _context = catalog.Context;
        _real = real;
        _holdout = holdout;
        Options = options;
        if (options.Minimums.Count + options.Maximums.Count == 0) throw new ArgumentException("A quality gate needs at least one threshold.", nameof(options));
        Seed = options.Evaluation.Seed ?? catalog.NextSeed();
    }

    /// <summary>The thresholds and evaluation settings.</summary>
    public QualityGateOptions Options { get; }

    private int Seed { get; }

    /// <summary>Evaluates <paramref name="input"/> as synthetic data; throws <see cref="QualityGateException"/> when it fails.</summary>
    public QualityGateTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var read = Options.Evaluation.ReadOptions ?? new TabularDataOptions();
        _realTable ??= TabularData.FromDataView(_real, read);
        if (_holdout is not null) _holdoutTable ??= TabularData.FromDataView(_holdout, read);
        var report = EvaluationCatalog.Evaluate(_context, _realTable, TabularData.FromDataView(input, read), _holdoutTable, Options.Evaluation, Seed, CancellationToken.None);
        QualityGate.Enforce(report, Options);
        var identity = _context.Transforms.SelectColumns(input.Schema.Select(c => c.Name).Distinct().ToArray(), keepHidden: true).Fit(input);
        return new QualityGateTransformer(identity, report);
    }

    /// <summary>The input schema, unchanged.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
}

/// <summary>The fitted gate: the identity, with the report of the data that passed.</summary>
public sealed class QualityGateTransformer : ITransformer
{
    private readonly ITransformer _identity;

    internal QualityGateTransformer(ITransformer identity, QualityReport report)
    {
        _identity = identity;
        Report = report;
    }

    /// <summary>The report of the data that passed the gate.</summary>
    public QualityReport Report { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _identity.GetRowToRowMapper(inputSchema);

    /// <summary>Returns <paramref name="input"/> unchanged.</summary>
    public IDataView Transform(IDataView input) => input;

    /// <summary>Saved as an identity (a column selection of every input column): the gate has nothing to do at scoring time.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => _identity.Save(ctx);
}
