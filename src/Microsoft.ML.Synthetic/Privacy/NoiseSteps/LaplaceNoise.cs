using System.Globalization;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;
using Microsoft.ML.Synthetic.TrainOnly;
using Microsoft.ML.Synthetic.Privacy;
using Microsoft.ML.Synthetic.Privacy.NoiseSteps;

namespace Microsoft.ML.Synthetic;

/// <summary>Options of <see cref="LaplaceNoiseEstimator"/>.</summary>
public sealed class LaplaceNoiseOptions
{
    /// <summary>The Single or Double column to protect.</summary>
    public string ColumnName { get; set; } = "";

    /// <summary>ε &gt; 0 spent by this step (each row's value is released ε-DP).</summary>
    public double Epsilon { get; set; } = 1;

    /// <summary>The public lower bound of the column (required: the library never derives bounds from the data).</summary>
    public double? Lower { get; set; }

    /// <summary>The public upper bound of the column (required).</summary>
    public double? Upper { get; set; }

    /// <summary>The output grid step, a power of two; by default 2⁻¹⁰ of the noise scale (rounded to a power of two).</summary>
    public double? Granularity { get; set; }

    /// <summary>
    /// NOT PRIVATE, for tests and demonstrations only: draw the noise from a generator seeded with this value instead of the
    /// secure source, so anyone with the seed can replay the noise. The step's ledger entry then carries
    /// <see cref="PrivacyLedgerEntry.NotPrivateReason"/>. Null (the default): secret noise.
    /// </summary>
    public int? NonPrivateReproducibleSeed { get; set; }
}

/// <summary>
/// Adds Laplace noise to a numeric column of the training rows (train-only). Values are first clamped to the
/// declared public bounds [lower, upper] — clamping is what bounds the sensitivity, and it is applied to the
/// noisy training copy only, never to the data passed in — then released with <see cref="GridLaplaceMechanism"/>
/// (discrete Laplace on a power-of-two grid, secure against the floating-point attack).
/// </summary>
public sealed class LaplaceNoiseEstimator : TrainOnlyEstimatorBase<LaplaceNoiseTransformer>
{
    private readonly MLContext _context;
    private readonly LaplaceNoiseOptions _options;
    private readonly GridLaplaceMechanism _mechanism;

    internal LaplaceNoiseEstimator(MLContext context, LaplaceNoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ColumnName, nameof(options.ColumnName));
        PrivacyParameters.ThrowIfBadEpsilon(options.Epsilon, "epsilon");
        var (lower, upper) = NoiseStepColumns.RequireBounds(options.Lower, options.Upper, options.ColumnName, nameof(options));
        _context = context;
        _options = options;
        _mechanism = new GridLaplaceMechanism(lower, upper, options.Epsilon, options.Granularity, options.ColumnName);
    }

    /// <inheritdoc/>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        NoiseStepColumns.RequireNumeric(inputSchema, _options.ColumnName, "AddLaplaceNoise");
        return base.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    private protected override LaplaceNoiseTransformer FitCore(IDataView input)
    {
        var column = NoiseStepColumns.Find(input.Schema, _options.ColumnName, "AddLaplaceNoise");
        NoiseStepColumns.RequireNumeric(column, "AddLaplaceNoise");
        var source = NoiseSource.For(_options.NonPrivateReproducibleSeed);
        var m = _mechanism;
        var entry = new PrivacyLedgerEntry(
            $"AddLaplaceNoise({column.Name})",
            string.Create(CultureInfo.InvariantCulture, $"Laplace, discrete on grid {m.Granularity:G6}, scale {m.Scale:G6}, bounds [{m.Lower:G6}, {m.Upper:G6}]{(source.IsSecure ? "" : ", NOT PRIVATE: seeded noise")}"),
            m.Epsilon, 0)
        {
            NotPrivateReason = source.NotPrivateReason,
        };
        return new LaplaceNoiseTransformer(_context, input, column.Name, entry, m, source);
    }
}

/// <summary>The fitted Laplace noise step.</summary>
public sealed class LaplaceNoiseTransformer : NoiseStepTransformer
{
    private readonly GridLaplaceMechanism _mechanism;
    private readonly NoiseSource _source;

    internal LaplaceNoiseTransformer(MLContext context, IDataView fittedOn, string column, PrivacyLedgerEntry entry, GridLaplaceMechanism mechanism, NoiseSource source)
        : base(context, fittedOn, column, entry)
    {
        _mechanism = mechanism;
        _source = source;
    }

    /// <summary>The mechanism (bounds, ε, grid and scale).</summary>
    internal GridLaplaceMechanism Mechanism => _mechanism;

    /// <inheritdoc/>
    private protected override IDataView TransformTraining(IDataView trainingData) =>
        NoiseStepColumns.MapNumeric(trainingData, ColumnName, "AddLaplaceNoise", v => _mechanism.Apply(v, _source));
}
