using Microsoft.ML.Synthetic.Transforms;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Fits a Gaussian copula (Patki, Wedge and Veeramachaneni, "The Synthetic Data Vault", DSAA 2016) to a table:
/// per-column marginals, and the correlation of the columns' latent normal scores. Created by
/// <c>mlContext.Synthetic().Synthesizers.GaussianCopula()</c>.
/// </summary>
public sealed partial class GaussianCopulaEstimator : SynthesizerEstimatorBase<GaussianCopulaModel>
{
    private readonly GaussianCopulaOptions _options;

    internal GaussianCopulaEstimator(SyntheticCatalog catalog, GaussianCopulaOptions options)
        : base(catalog, options.DataOptions, options.Seed)
    {
        if (options.EmpiricalQuantiles < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EmpiricalQuantiles, $"{nameof(GaussianCopulaOptions.EmpiricalQuantiles)} must be at least 2.");
        }

        if (options.GibbsSweeps is < 0 or > ModelFileLimits.MaxGibbsSweeps)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.GibbsSweeps, $"{nameof(GaussianCopulaOptions.GibbsSweeps)} must lie in [0, {ModelFileLimits.MaxGibbsSweeps}] (a saved model with more sweeps would not load).");
        }

        if (options.DistinctValueCapacity < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DistinctValueCapacity, $"{nameof(GaussianCopulaOptions.DistinctValueCapacity)} must be at least 8.");
        }

        _options = options;
    }

    /// <inheritdoc/>
    private protected override GaussianCopulaModel FitTable(TabularData table)
    {
        // The in-memory fit is the fit from statistics of one partition, the whole table, counted exactly.
        CheckColumnMarginals(table.Schema);
        var columns = table.Schema.Columns.Select(info => ColumnStatistics.Create(info, int.MaxValue)).ToArray();
        for (int c = 0; c < columns.Length; c++)
        {
            _options.CancellationToken.ThrowIfCancellationRequested();
            columns[c].Add(table.Columns[c], table.Schema.Columns[c]);
        }

        var layout = LatentLayout.Create(table.Schema, columns, _options.CancellationToken);
        var correlation = new GaussianCopulaCorrelationStatistics(layout.Coordinates.Count, table.RowCount);
        correlation.Add(layout.Score(table), _options.CancellationToken);
        return FitLayout(layout, correlation);
    }

    private GaussianCopulaModel FitLayout(LatentLayout layout, GaussianCopulaCorrelationStatistics correlation)
    {
        var columns = layout.FitColumns(_options);
        var rho = LatentCorrelation.Estimate(layout.Coordinates, correlation.Covariance, _options.CancellationToken);
        return new GaussianCopulaModel(layout.Schema, columns, rho, layout.Coordinates.Count, _options.GibbsSweeps);
    }

    private void CheckColumnMarginals(TabularSchema schema)
    {
        foreach (var name in _options.ColumnMarginals.Keys)
        {
            int index = schema.IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"{nameof(GaussianCopulaOptions.ColumnMarginals)} names column '{name}', which is not in the training data.");
            }

            if (schema.Columns[index].Kind != ColumnKind.Continuous)
            {
                throw new ArgumentException($"{nameof(GaussianCopulaOptions.ColumnMarginals)} gives a marginal for column '{name}', which is categorical; marginals apply to continuous columns.");
            }
        }
    }
}
