using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Fits MST (McKenna, Miklau &amp; Sheldon, JPC 2021) under (ε, δ)-differential privacy: noisy one-way marginals, a
/// maximum spanning tree of two-way marginals chosen by the exponential mechanism, noisy two-way marginals along it,
/// and a Private-PGM graphical model fitted to them. Created by <c>mlContext.Synthetic().Synthesizers.Mst()</c>.
/// </summary>
public sealed class MstEstimator : SynthesizerEstimatorBase<MstModel>
{
    private readonly MstOptions _options;

    internal MstEstimator(SyntheticCatalog catalog, MstOptions options)
        : base(catalog, options.DataOptions, options.Seed)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>False: MST's public bounds and categories describe the declared columns, so constraints are kept by rejection alone.</summary>
    private protected override bool TransformsConstraints => false;

    /// <inheritdoc/>
    private protected override bool IsDifferentiallyPrivate => true;

    /// <inheritdoc/>
    private protected override MstModel FitTable(TabularData table) => Create(MstFit.Run(table, _options));

    /// <summary>
    /// Counts, exactly and without noise, the marginals this estimator fits from in one partition of the training rows,
    /// reading <paramref name="partition"/> in blocks (the table is never held whole). Statistics of partitions merged
    /// with <see cref="MarginalStatistics.Merge"/> equal those of the concatenated rows, and <see cref="Fit(MarginalStatistics)"/>
    /// on them gives the model <see cref="SynthesizerEstimatorBase{TModel}.Fit(IDataView)"/> gives on the concatenated rows
    /// with the same options and seeds. An empty partition counts nothing.
    /// </summary>
    /// <param name="partition">Some of the training rows, with the columns and types of every other partition.</param>
    /// <returns>The partition's statistics: private, noise-free counts (guard them like the rows).</returns>
    /// <exception cref="ArgumentException">A column has no declared public domain or is declared an identifier or personal information (the message names it).</exception>
    /// <exception cref="NotSupportedException"><see cref="TabularDataOptions.Constraints"/> are declared: they need the whole table.</exception>
    public MarginalStatistics ComputeStatistics(IDataView partition)
        => MarginalCounter.ComputeStatistics(partition, DataOptions, "MST", (blocks, metadata) => MstFit.Count(blocks, _options, metadata));

    /// <summary>
    /// Fits from the merged statistics of every partition: all noise is added and every private selection made here,
    /// once, so the model, its privacy ledger and its samples are those of the in-memory fit on the concatenated rows
    /// with the same options and seeds.
    /// </summary>
    /// <param name="statistics">Statistics from <see cref="ComputeStatistics"/> (merged with <see cref="MarginalStatistics.Merge"/>), counted with the same options.</param>
    /// <exception cref="ArgumentException">The statistics were counted on another declared domain or other marginals (the message names the column), or count no rows.</exception>
    /// <exception cref="NotSupportedException"><see cref="TabularDataOptions.Constraints"/> are declared: they need the whole table.</exception>
    public MstModel Fit(MarginalStatistics statistics)
    {
        MarginalCounter.ThrowIfCannotFit(statistics, DataOptions, _options, "MST", nameof(MstOptions), MstFit.Query(_options));
        var model = Create(MstFit.Run(statistics, _options));
        model.Seed = NextSeed();
        return model;
    }

    /// <summary>
    /// Fits from a streamed source without materialising the table: one cursor pass counts the marginals in blocks
    /// (<see cref="ComputeStatistics"/>), then <see cref="Fit(MarginalStatistics)"/>. Same model as
    /// <see cref="SynthesizerEstimatorBase{TModel}.Fit(IDataView)"/> on the same rows; memory holds one block and the counts.
    /// </summary>
    /// <param name="data">The training rows (a Parquet or CSV view, or any <see cref="IDataView"/>).</param>
    public MstModel FitStreaming(IDataView data) => Fit(ComputeStatistics(data));

    private static MstModel Create(MstFit.Fitted fit) => new(fit.Schema, fit.Cells, fit.Maps, fit.Model, fit.Marginals, fit.Ledger);
}
