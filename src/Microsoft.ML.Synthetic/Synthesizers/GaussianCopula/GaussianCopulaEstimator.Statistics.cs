using Microsoft.ML.Synthetic.Synthesizers;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Metadata.Generators;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

namespace Microsoft.ML.Synthetic;

/// <summary>The Gaussian copula fitted from mergeable statistics of partitions, or streamed out of core.</summary>
public sealed partial class GaussianCopulaEstimator
{
    /// <summary>Rows read into memory at a time by the statistics passes.</summary>
    internal const int StatisticsBlockSize = 65_536;

    /// <summary>Rows a statistics pass reads at a time (tests make it small to cross block boundaries).</summary>
    internal int BlockSize { get; set; } = StatisticsBlockSize;

    /// <summary>
    /// Pass 1 over one partition: the schema and per-column statistics (exact category and missing counts, each
    /// continuous column's values counted exactly up to <see cref="GaussianCopulaOptions.DistinctValueCapacity"/>
    /// distinct values, then sketched). Reads the partition's cursor block by block, with the estimator's
    /// <see cref="SynthesizerEstimatorBase{TModel}.DataOptions"/>; never holds more than a block of rows.
    /// </summary>
    /// <exception cref="ArgumentException">A column cannot be read (the message names it).</exception>
    /// <exception cref="NotSupportedException">The data options declare what needs the whole table (identifier or PII columns, constraints).</exception>
    public GaussianCopulaMarginalStatistics ComputeMarginalStatistics(IDataView partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        CheckStreamable();
        TabularSchema? template = null;
        ColumnStatistics[]? columns = null;
        long rows = 0;
        foreach (var block in TabularDataReader.ReadBlocks(partition, DataOptions, BlockSize, _options.CancellationToken))
        {
            if (template is null)
            {
                template = block.Schema;
                CheckGeneratedColumns(template);
                columns = template.Columns.Select(info => ColumnStatistics.Create(info, _options.DistinctValueCapacity)).ToArray();
            }

            for (int c = 0; c < columns!.Length; c++)
            {
                columns[c].Add(block.Columns[c], block.Schema.Columns[c]);
            }

            rows += block.RowCount;
        }

        return new GaussianCopulaMarginalStatistics(template!, columns!, rows);
    }

    /// <summary>
    /// Pass 2 over one partition, given the first-pass statistics merged from every partition: each row's latent
    /// normal scores (its ranks among all rows, from the merged statistics) and, per pair of coordinates, the count,
    /// means and co-moment over the rows where both are observed, for the parallel merge of Chan, Golub and LeVeque.
    /// </summary>
    /// <exception cref="ArgumentException">The partition has a category the merged statistics never saw, or its schema differs (the message names the column).</exception>
    public GaussianCopulaCorrelationStatistics ComputeCorrelationStatistics(GaussianCopulaMarginalStatistics merged, IDataView partition)
    {
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(partition);
        CheckStreamable();
        var layout = Layout(merged);
        var result = new GaussianCopulaCorrelationStatistics(layout.Coordinates.Count, merged.RowCount);
        foreach (var block in TabularDataReader.ReadBlocks(partition, DataOptions, BlockSize, _options.CancellationToken))
        {
            CheckSameColumns(merged.Template, block.Schema);
            result.Add(layout.Score(block), _options.CancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Fits the copula from the merged statistics of both passes. With exact counts (every continuous column within
    /// the capacity) the model equals <c>Fit</c> on the concatenated partitions: schema, marginals and encodings
    /// exactly, co-moments to rounding (1e-12), hence correlations to the rounding the correlation solve amplifies
    /// (tested to 1e-9); past the capacity, ranks and marginals are within the sketch's stated bound.
    /// </summary>
    /// <exception cref="ArgumentException">The statistics have no rows, or the second pass was computed with other first-pass statistics.</exception>
    public GaussianCopulaModel Fit(GaussianCopulaMarginalStatistics merged, GaussianCopulaCorrelationStatistics mergedCorrelation)
    {
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(mergedCorrelation);
        CheckStreamable();
        if (merged.RowCount == 0)
        {
            throw new ArgumentException("The training data has no rows; a synthesizer needs at least one row to learn from.", nameof(merged));
        }

        if (merged.Columns.Length == 0)
        {
            throw new ArgumentException("The training data has no columns.", nameof(merged));
        }

        var layout = Layout(merged);
        if (mergedCorrelation.Dimension != layout.Coordinates.Count || mergedCorrelation.MarginalRowCount != merged.RowCount || mergedCorrelation.RowCount != merged.RowCount)
        {
            throw new ArgumentException($"The correlation statistics cover {mergedCorrelation.RowCount:N0} rows computed with first-pass statistics of {mergedCorrelation.MarginalRowCount:N0} rows ({mergedCorrelation.Dimension} coordinates); these first-pass statistics cover {merged.RowCount:N0} rows ({layout.Coordinates.Count} coordinates). Run the second pass over every partition with these merged statistics.", nameof(mergedCorrelation));
        }

        var model = FitLayout(layout, mergedCorrelation);
        model.Seed = NextSeed();
        return model;
    }

    /// <summary>
    /// Out-of-core fit: the two passes over the source's cursor in blocks of rows (Parquet row groups, CSV, any
    /// <see cref="IDataView"/>), never materialising the table; memory is a block plus the statistics.
    /// </summary>
    public GaussianCopulaModel FitStreaming(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var marginal = ComputeMarginalStatistics(data);
        return Fit(marginal, ComputeCorrelationStatistics(marginal, data));
    }

    private LatentLayout Layout(GaussianCopulaMarginalStatistics merged)
    {
        var schema = merged.BuildSchema();
        CheckColumnMarginals(schema);
        return LatentLayout.Create(schema, merged.Columns, _options.CancellationToken);
    }

    private const string StatisticsFit = "A fit from partition statistics";

    private void CheckStreamable() => WholeTableChecks.ThrowIfConstraints(DataOptions, StatisticsFit);

    private void CheckGeneratedColumns(TabularSchema schema) =>
        WholeTableChecks.ThrowIfGeneratedColumns(DataOptions, schema.Columns.Select(c => c.Name), StatisticsFit);

    private static void CheckSameColumns(TabularSchema expected, TabularSchema actual)
    {
        for (int c = 0; c < Math.Max(expected.Columns.Count, actual.Columns.Count); c++)
        {
            var e = c < expected.Columns.Count ? expected.Columns[c] : null;
            var a = c < actual.Columns.Count ? actual.Columns[c] : null;
            if (e is null || a is null || e.Name != a.Name || e.Kind != a.Kind || !e.OriginalType.Equals(a.OriginalType))
            {
                throw new ArgumentException($"The partition's column '{(a ?? e)!.Name}' does not match the first-pass statistics ({e?.Kind} {e?.OriginalType} there, {a?.Kind} {a?.OriginalType} here). Read every partition with the same columns and types.");
            }
        }
    }
}
