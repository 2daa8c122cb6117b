using System.Globalization;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;
using Microsoft.ML.Synthetic.TrainOnly;
using Microsoft.ML.Synthetic.Privacy;
using Microsoft.ML.Synthetic.Privacy.NoiseSteps;

namespace Microsoft.ML.Synthetic;

/// <summary>Options of <see cref="GaussianNoiseEstimator"/>.</summary>
public sealed class GaussianNoiseOptions
{
    /// <summary>The Single or Double column to protect.</summary>
    public string ColumnName { get; set; } = "";

    /// <summary>ε &gt; 0 spent by this step.</summary>
    public double Epsilon { get; set; } = 1;

    /// <summary>δ in (0, 1) spent by this step.</summary>
    public double Delta { get; set; } = 1e-5;

    /// <summary>The public lower bound of the column (required).</summary>
    public double? Lower { get; set; }

    /// <summary>The public upper bound of the column (required).</summary>
    public double? Upper { get; set; }

    /// <summary>The output grid step, a power of two; by default 2⁻¹⁰ of σ (rounded to a power of two).</summary>
    public double? Granularity { get; set; }

    /// <summary>
    /// NOT PRIVATE, for tests and demonstrations only: draw the noise from a generator seeded with this value instead of the
    /// secure source, so anyone with the seed can replay the noise. The step's ledger entry then carries
    /// <see cref="PrivacyLedgerEntry.NotPrivateReason"/>. Null (the default): secret noise.
    /// </summary>
    public int? NonPrivateReproducibleSeed { get; set; }
}

/// <summary>
/// Adds Gaussian noise to a numeric column of the training rows (train-only): clamp to the declared public
/// bounds, then <see cref="GridGaussianMechanism"/> (discrete Gaussian on a power-of-two grid, calibrated with the
/// analytic Gaussian and checked against the discrete Gaussian's exact δ). Records (ε, δ) and ρ.
/// </summary>
public sealed class GaussianNoiseEstimator : TrainOnlyEstimatorBase<GaussianNoiseTransformer>
{
    private readonly MLContext _context;
    private readonly GaussianNoiseOptions _options;
    private readonly GridGaussianMechanism _mechanism;

    internal GaussianNoiseEstimator(MLContext context, GaussianNoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ColumnName, nameof(options.ColumnName));
        PrivacyParameters.ThrowIfBadEpsilon(options.Epsilon, "epsilon");
        PrivacyParameters.ThrowIfBadDelta(options.Delta, "delta");
        var (lower, upper) = NoiseStepColumns.RequireBounds(options.Lower, options.Upper, options.ColumnName, nameof(options));
        _context = context;
        _options = options;
        _mechanism = new GridGaussianMechanism(lower, upper, options.Epsilon, options.Delta, options.Granularity, options.ColumnName);
    }

    /// <inheritdoc/>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        NoiseStepColumns.RequireNumeric(inputSchema, _options.ColumnName, "AddGaussianNoise");
        return base.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    private protected override GaussianNoiseTransformer FitCore(IDataView input)
    {
        var column = NoiseStepColumns.Find(input.Schema, _options.ColumnName, "AddGaussianNoise");
        NoiseStepColumns.RequireNumeric(column, "AddGaussianNoise");
        var source = NoiseSource.For(_options.NonPrivateReproducibleSeed);
        var m = _mechanism;
        var entry = new PrivacyLedgerEntry(
            $"AddGaussianNoise({column.Name})",
            string.Create(CultureInfo.InvariantCulture, $"Gaussian, discrete on grid {m.Granularity:G6}, σ {m.Sigma:G6}, bounds [{m.Lower:G6}, {m.Upper:G6}]{(source.IsSecure ? "" : ", NOT PRIVATE: seeded noise")}"),
            m.Epsilon, m.Delta, m.Rho)
        {
            NotPrivateReason = source.NotPrivateReason,
        };
        return new GaussianNoiseTransformer(_context, input, column.Name, entry, m, source);
    }
}

/// <summary>The fitted Gaussian noise step.</summary>
public sealed class GaussianNoiseTransformer : NoiseStepTransformer
{
    private readonly GridGaussianMechanism _mechanism;
    private readonly NoiseSource _source;

    internal GaussianNoiseTransformer(MLContext context, IDataView fittedOn, string column, PrivacyLedgerEntry entry, GridGaussianMechanism mechanism, NoiseSource source)
        : base(context, fittedOn, column, entry)
    {
        _mechanism = mechanism;
        _source = source;
    }

    /// <summary>The mechanism (bounds, ε, δ, grid, σ and ρ).</summary>
    internal GridGaussianMechanism Mechanism => _mechanism;

    /// <inheritdoc/>
    private protected override IDataView TransformTraining(IDataView trainingData) =>
        NoiseStepColumns.MapNumeric(trainingData, ColumnName, "AddGaussianNoise", v => _mechanism.Apply(v, _source));
}
