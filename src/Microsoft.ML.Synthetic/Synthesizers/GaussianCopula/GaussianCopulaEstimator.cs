using Microsoft.ML.Synthetic.Transforms;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Fits a Gaussian copula (Patki, Wedge and Veeramachaneni, "The Synthetic Data Vault", DSAA 2016) to a table:
/// per-column marginals, and the correlation of the columns' latent normal scores. Created by
/// <c>mlContext.Synthetic().Synthesizers.GaussianCopula()</c>.
/// </summary>
public sealed class GaussianCopulaEstimator : SynthesizerEstimatorBase<GaussianCopulaModel>
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

        _options = options;
    }

    /// <inheritdoc/>
    private protected override GaussianCopulaModel FitTable(TabularData table)
    {
        foreach (var name in _options.ColumnMarginals.Keys)
        {
            int index = table.IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"{nameof(GaussianCopulaOptions.ColumnMarginals)} names column '{name}', which is not in the training data.", nameof(table));
            }

            if (table.Columns[index].Kind != ColumnKind.Continuous)
            {
                throw new ArgumentException($"{nameof(GaussianCopulaOptions.ColumnMarginals)} gives a marginal for column '{name}', which is categorical; marginals apply to continuous columns.", nameof(table));
            }
        }

        var coordinates = new List<LatentCoordinate>();
        var columns = new CopulaColumn[table.Columns.Count];
        var cancellation = _options.CancellationToken;
        for (int c = 0; c < columns.Length; c++)
        {
            cancellation.ThrowIfCancellationRequested();
            columns[c] = table.Columns[c] switch
            {
                ContinuousColumn continuous => FitContinuous(continuous, table.Schema.Columns[c], coordinates),
                CategoricalColumn categorical => FitCategorical(categorical, table.Schema.Columns[c], coordinates),
                var other => throw new NotSupportedException($"Column '{other.Name}' has an unsupported kind {other.Kind}."),
            };
        }

        var correlation = LatentCorrelation.Estimate(coordinates, cancellation);
        return new GaussianCopulaModel(table.Schema, columns, correlation, coordinates.Count, _options.GibbsSweeps);
    }

    private ContinuousCopulaColumn FitContinuous(ContinuousColumn column, TableColumnInfo info, List<LatentCoordinate> coordinates)
    {
        var values = column.Values;
        int n = values.Length;
        var observed = ObservedValues.Of(column, "a Gaussian copula");
        int m = observed.Length;
        Array.Sort(observed);
        var requested = _options.ColumnMarginals.TryGetValue(column.Name, out var kind) ? kind : _options.Marginal;
        var value = NormalScoreTransformer.Fit(column, info, observed, requested, _options.EmpiricalQuantiles);

        // Latent scores from the ranks: each distinct value owns the probability interval of its run of ties.
        var runEnds = new List<int>();
        for (int i = 1; i <= m; i++)
        {
            if (i == m || observed[i] != observed[i - 1])
            {
                runEnds.Add(i);
            }
        }

        var runMeans = new double[runEnds.Count];
        var boundaries = new double[runEnds.Count - 1];
        int start = 0;
        for (int r = 0; r < runEnds.Count; r++)
        {
            double lo = (double)start / m, hi = (double)runEnds[r] / m;
            runMeans[r] = Numerics.StandardNormal.IntervalMean(lo, hi);
            if (r < boundaries.Length)
            {
                boundaries[r] = hi;
            }

            start = runEnds[r];
        }

        var distinct = runEnds.Select(e => observed[e - 1]).ToArray();
        var scores = new double[n];
        for (int row = 0; row < n; row++)
        {
            double v = values[row];
            scores[row] = double.IsNaN(v) ? double.NaN : runMeans[Array.BinarySearch(distinct, v)];
        }

        int valueCoordinate = coordinates.Count;
        coordinates.Add(new LatentCoordinate(scores, boundaries, runMeans));

        IntervalEncoding? missing = null;
        int missingCoordinate = -1;
        if (m < n)
        {
            missing = new IntervalEncoding([0, 1], [m, n - m]);
            missingCoordinate = coordinates.Count;
            var levelScores = missing.LevelScores();
            coordinates.Add(Coordinate(missing, values.Select(v => levelScores[double.IsNaN(v) ? 1 : 0]).ToArray()));
        }

        return new ContinuousCopulaColumn(value, valueCoordinate, missing, missingCoordinate);
    }

    private static CategoricalCopulaColumn FitCategorical(CategoricalColumn column, TableColumnInfo info, List<LatentCoordinate> coordinates)
    {
        var transformer = FrequencyIntervalTransformer.Fit(column, info);
        int coordinate = coordinates.Count;
        coordinates.Add(Coordinate(transformer.Encoding, transformer.Transform(column, Unused)));
        return new CategoricalCopulaColumn(transformer, coordinate);
    }

    /// <summary>The frequency-interval transform draws nothing; its <see cref="ColumnTransformer.Transform"/> still takes a generator.</summary>
    private static readonly Random Unused = new(0);

    /// <summary>The latent view of an interval-encoded variable, from each row's normal score (its level's interval mean).</summary>
    private static LatentCoordinate Coordinate(IntervalEncoding encoding, double[] scores)
    {
        var levelScores = encoding.LevelScores();
        var means = encoding.Order.Select(i => levelScores[i]).ToArray();
        var boundaries = encoding.UpperU[..^1];
        return new LatentCoordinate(scores, boundaries, means);
    }
}
