using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;
using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

/// <summary>
/// The copula's latent coordinates as first-pass statistics define them, and the score of every row on each:
/// a continuous column's value coordinate (each distinct value — or sketch item — owns the probability interval of its
/// run of ties, its score is the interval's mean normal score; a value between sketch items takes the run of the next
/// item above), its missing indicator when values were missing, and a categorical column's frequency intervals.
/// With exact counts the scores are exactly those of the rows' ranks in the whole table.
/// </summary>
internal sealed class LatentLayout
{
    private readonly ColumnScorer[] _scorers;

    private LatentLayout(TabularSchema schema, ColumnStatistics[] statistics, ColumnScorer[] scorers, List<LatentStep> coordinates)
    {
        Schema = schema;
        Statistics = statistics;
        _scorers = scorers;
        Coordinates = coordinates;
    }

    public TabularSchema Schema { get; }

    public ColumnStatistics[] Statistics { get; }

    /// <summary>Each coordinate's interval-mean step function.</summary>
    public IReadOnlyList<LatentStep> Coordinates { get; }

    public static LatentLayout Create(TabularSchema schema, ColumnStatistics[] statistics, CancellationToken cancellationToken = default)
    {
        var coordinates = new List<LatentStep>();
        var scorers = new ColumnScorer[statistics.Length];
        for (int c = 0; c < statistics.Length; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = schema.Columns[c];
            var s = statistics[c];
            if (s.Kind == ColumnKind.Continuous)
            {
                if (s.Values!.Count == 0)
                {
                    throw new ArgumentException($"Column '{s.Name}' has no values: all {s.Rows} rows are missing. Leave it out ({nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Columns)}) or supply values.");
                }

                var sample = s.Sample();
                int runs = sample.Values.Length;
                double m = sample.Count;
                var means = new double[runs];
                var boundaries = new double[runs - 1];
                for (int r = 0; r < runs; r++)
                {
                    double lo = sample.CountBelow(r) / m, hi = sample.CountBelow(r + 1) / m;
                    means[r] = Numerics.StandardNormal.IntervalMean(lo, hi);
                    if (r < boundaries.Length)
                    {
                        boundaries[r] = hi;
                    }
                }

                int valueCoordinate = coordinates.Count;
                coordinates.Add(new LatentStep(boundaries, means));
                IntervalEncoding? missing = null;
                double[]? missingScores = null;
                if (s.Missing > 0)
                {
                    missing = new IntervalEncoding([0, 1], [s.Values.Count, s.Missing]);
                    missingScores = missing.LevelScores();
                    coordinates.Add(LatentStep.Of(missing));
                }

                scorers[c] = new ContinuousScorer(sample, means, valueCoordinate, missing, missingScores);
            }
            else
            {
                var categories = info.Categories;
                var counts = new long[categories.Count + 1];
                for (int i = 0; i < categories.Count; i++)
                {
                    counts[i] = s.CategoryCounts!.GetValueOrDefault(categories[i]);
                }

                counts[^1] = s.Missing;
                var transformer = FrequencyIntervalTransformer.FromCounts(info, counts);
                int coordinate = coordinates.Count;
                coordinates.Add(LatentStep.Of(transformer.Encoding));
                scorers[c] = new CategoricalScorer(info, transformer, coordinate);
            }
        }

        return new LatentLayout(schema, statistics, scorers, coordinates);
    }

    /// <summary>The scores of <paramref name="block"/>'s rows: one array per coordinate (NaN where not observed).</summary>
    public double[][] Score(TabularData block)
    {
        var scores = new double[Coordinates.Count][];
        for (int c = 0; c < _scorers.Length; c++)
        {
            _scorers[c].Score(block.Columns[c], scores);
        }

        return scores;
    }

    /// <summary>The copula's columns: marginals fitted to the weighted samples, and the coordinates they use.</summary>
    public CopulaColumn[] FitColumns(GaussianCopulaOptions options)
    {
        var columns = new CopulaColumn[_scorers.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            var info = Schema.Columns[c];
            columns[c] = _scorers[c] switch
            {
                ContinuousScorer s => new ContinuousCopulaColumn(
                    NormalScoreTransformer.Fit(info, s.Sample, info.IsInteger || Statistics[c].AllWhole,
                        options.ColumnMarginals.TryGetValue(info.Name, out var kind) ? kind : options.Marginal, options.EmpiricalQuantiles),
                    s.ValueCoordinate, s.Missing, s.Missing is null ? -1 : s.ValueCoordinate + 1),
                CategoricalScorer s => new CategoricalCopulaColumn(s.Transformer, s.Coordinate),
                _ => throw new InvalidOperationException(),
            };
        }

        return columns;
    }

    private abstract class ColumnScorer
    {
        public abstract void Score(TableColumn column, double[][] scores);
    }

    private sealed class ContinuousScorer(WeightedSample sample, double[] means, int valueCoordinate, IntervalEncoding? missing, double[]? missingScores) : ColumnScorer
    {
        public WeightedSample Sample => sample;

        public int ValueCoordinate => valueCoordinate;

        public IntervalEncoding? Missing => missing;

        public override void Score(TableColumn column, double[][] scores)
        {
            var values = ((ContinuousColumn)column).Values;
            var distinct = sample.Values;
            var value = new double[values.Length];
            for (int row = 0; row < values.Length; row++)
            {
                double v = values[row];
                if (double.IsNaN(v))
                {
                    value[row] = double.NaN;
                    continue;
                }

                int i = Array.BinarySearch(distinct, v);
                value[row] = means[i >= 0 ? i : Math.Min(~i, distinct.Length - 1)];
            }

            scores[valueCoordinate] = value;
            if (missingScores is not null)
            {
                var indicator = new double[values.Length];
                for (int row = 0; row < values.Length; row++)
                {
                    indicator[row] = missingScores[double.IsNaN(values[row]) ? 1 : 0];
                }

                scores[valueCoordinate + 1] = indicator;
            }
        }
    }

    private sealed class CategoricalScorer(TableColumnInfo info, FrequencyIntervalTransformer transformer, int coordinate) : ColumnScorer
    {
        private readonly double[] _levelScores = transformer.Encoding.LevelScores();
        private readonly Dictionary<string, int> _codes = info.Categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

        public FrequencyIntervalTransformer Transformer => transformer;

        public int Coordinate => coordinate;

        public override void Score(TableColumn column, double[][] scores)
        {
            var categorical = (CategoricalColumn)column;
            // The block's own category codes → the merged schema's → the level's score.
            var levelScore = new double[categorical.CategoryCount + 1];
            for (int k = 0; k <= categorical.CategoryCount; k++)
            {
                int code = k == categorical.CategoryCount ? -1
                    : _codes.TryGetValue(categorical.Categories[k], out var known) ? known : int.MinValue;
                int level = code == int.MinValue ? -1 : transformer.LevelIndexOfCode(code);
                levelScore[k] = level < 0 ? double.NaN : _levelScores[level];
            }

            var codes = categorical.Codes;
            var result = new double[codes.Length];
            for (int row = 0; row < codes.Length; row++)
            {
                int k = codes[row] < 0 ? categorical.CategoryCount : codes[row];
                double score = levelScore[k];
                if (double.IsNaN(score))
                {
                    throw new ArgumentException($"Column '{info.Name}' has {(codes[row] < 0 ? "a missing value" : $"category '{categorical.Categories[codes[row]]}'")}, which the first-pass statistics never saw: compute the second pass with the statistics merged from every partition.");
                }

                result[row] = score;
            }

            scores[coordinate] = result;
        }
    }
}

/// <summary>A latent coordinate's interval-mean step function: the probabilities that split (0, 1), and each interval's mean normal score.</summary>
internal sealed record LatentStep(double[] InteriorBoundaries, double[] IntervalMeans)
{
    /// <summary>The step function of an interval-encoded variable.</summary>
    public static LatentStep Of(IntervalEncoding encoding)
    {
        var levelScores = encoding.LevelScores();
        return new LatentStep(encoding.UpperU[..^1], encoding.Order.Select(i => levelScores[i]).ToArray());
    }
}
