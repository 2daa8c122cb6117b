using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Aim;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Fits AIM (McKenna, Mullins, Sheldon &amp; Miklau, VLDB 2022) under (ε, δ)-differential privacy: noisy one-way
/// marginals, then rounds that choose the worst-estimated workload marginal by the exponential mechanism, measure it
/// with Gaussian noise and refit a Private-PGM graphical model on a junction tree. Created by
/// <c>mlContext.Synthetic().Synthesizers.Aim()</c>.
/// </summary>
public sealed class AimEstimator : SynthesizerEstimatorBase<AimModel>
{
    private readonly AimOptions _options;

    internal AimEstimator(SyntheticCatalog catalog, AimOptions options)
        : base(catalog, options.DataOptions, options.Seed)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>False: AIM's public bounds and categories describe the declared columns, so constraints are kept by rejection alone.</summary>
    private protected override bool TransformsConstraints => false;

    /// <inheritdoc/>
    private protected override bool IsDifferentiallyPrivate => true;

    /// <inheritdoc/>
    private protected override AimModel FitTable(TabularData table) => Create(AimFit.Run(table, _options));

    /// <summary>
    /// Counts, exactly and without noise, every one-way marginal and every candidate of AIM's workload (its downward
    /// closure) in one partition of the training rows, read in blocks; as <see cref="MstEstimator.ComputeStatistics"/>
    /// does for MST (merge with <see cref="MarginalStatistics.Merge"/>, fit with <see cref="Fit(MarginalStatistics)"/>).
    /// </summary>
    /// <param name="partition">Some of the training rows, with the columns and types of every other partition.</param>
    /// <returns>The partition's statistics: private, noise-free counts (guard them like the rows).</returns>
    /// <exception cref="ArgumentException">A column has no declared public domain or is declared an identifier or personal information (the message names it).</exception>
    /// <exception cref="NotSupportedException"><see cref="TabularDataOptions.Constraints"/> are declared: they need the whole table.</exception>
    public MarginalStatistics ComputeStatistics(IDataView partition)
        => MarginalCounter.ComputeStatistics(partition, DataOptions, "AIM", (blocks, metadata) => AimFit.Count(blocks, _options, metadata));

    /// <summary>
    /// Fits from the merged statistics of every partition: all rounds' selections, noise and annealing run here, once,
    /// so the model, its ledger and its samples are those of the in-memory fit with the same options and seeds.
    /// </summary>
    /// <param name="statistics">Statistics from <see cref="ComputeStatistics"/> (merged), counted with the same options.</param>
    /// <exception cref="ArgumentException">The statistics were counted on another declared domain or other marginals (the message names the column), or count no rows.</exception>
    /// <exception cref="NotSupportedException"><see cref="TabularDataOptions.Constraints"/> are declared: they need the whole table.</exception>
    public AimModel Fit(MarginalStatistics statistics)
    {
        MarginalCounter.ThrowIfCannotFit(statistics, DataOptions, _options, "AIM", nameof(AimOptions), AimFit.Query(_options));
        var model = Create(AimFit.Run(statistics, _options));
        model.Seed = NextSeed();
        return model;
    }

    /// <summary>Fits from a streamed source without materialising the table: <see cref="ComputeStatistics"/> (one cursor pass, in blocks), then <see cref="Fit(MarginalStatistics)"/>.</summary>
    /// <param name="data">The training rows (a Parquet or CSV view, or any <see cref="IDataView"/>).</param>
    public AimModel FitStreaming(IDataView data) => Fit(ComputeStatistics(data));

    private static AimModel Create(AimFit.Fitted fit) => new(fit.Schema, fit.Cells, fit.Measured, fit.Theta, fit.Total, fit.Ledger);
}
