using Microsoft.ML.Synthetic.Transforms;
using System.Runtime.CompilerServices;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted Gaussian copula. Sampling draws the latent Gaussian z = L·ε ~ N(0, R) from noise ε addressed by (seed,
/// row index) (<see cref="SamplerNoise"/>), and maps each coordinate back through its column's marginal table or
/// category intervals; conditional samples draw per block with a seeded xoshiro256** generator and Ziggurat normals.
/// Conditional samples condition the Gaussian on the conditions' intervals (see <c>ConditionedGaussian</c>), so every
/// row satisfies them and no row is rejected. Saved and loaded with format name <c>GaussianCopula</c>.
/// </summary>
public sealed class GaussianCopulaModel : SynthesizerModelBase
{
    internal const string Format = "GaussianCopula";

    /// <summary>The version of the body <see cref="SaveContents"/> writes.</summary>
    internal const int FormatVersion = 1;

    private readonly CopulaColumn[] _columns;
    private readonly double[] _correlation;
    private readonly int _dimension;
    private readonly int _gibbsSweeps;
    private readonly ConditionedGaussian _unconditional;
    private readonly ConditionalWeakTable<ResolvedConditions, Plan> _plans = new();

    internal GaussianCopulaModel(TabularSchema schema, CopulaColumn[] columns, double[] correlation, int dimension, int gibbsSweeps)
        : base(schema)
    {
        _columns = columns;
        _correlation = correlation;
        _dimension = dimension;
        _gibbsSweeps = gibbsSweeps;
        _unconditional = new ConditionedGaussian(correlation, dimension, [], gibbsSweeps);
    }

    /// <inheritdoc/>
    private protected override string FormatName => Format;

    /// <summary>What the copula learned about each column, in schema order.</summary>
    public IReadOnlyList<GaussianCopulaColumnInfo> Columns => _columns.Select(Describe).ToArray();

    /// <summary>
    /// The names of the latent Gaussian's coordinates: a column's name, and <c>name.missing</c> for the missing-value
    /// indicator of a continuous column that had missing values.
    /// </summary>
    public IReadOnlyList<string> LatentNames
    {
        get
        {
            var names = new string[_dimension];
            foreach (var column in _columns)
            {
                switch (column)
                {
                    case ContinuousCopulaColumn c:
                        names[c.ValueCoordinate] = c.Name;
                        if (c.Missing is not null)
                        {
                            names[c.MissingCoordinate] = c.Name + ".missing";
                        }

                        break;
                    case CategoricalCopulaColumn c:
                        names[c.Coordinate] = c.Name;
                        break;
                }
            }

            return names;
        }
    }

    /// <summary>The correlation matrix R of the latent Gaussian (positive definite), indexed as <see cref="LatentNames"/>.</summary>
    public double[,] Correlation
    {
        get
        {
            var result = new double[_dimension, _dimension];
            for (int i = 0; i < _dimension; i++)
            {
                for (int j = 0; j < _dimension; j++)
                {
                    result[i, j] = _correlation[(i * _dimension) + j];
                }
            }

            return result;
        }
    }

    private static GaussianCopulaColumnInfo Describe(CopulaColumn column) => column switch
    {
        ContinuousCopulaColumn c => new GaussianCopulaColumnInfo(c.Name, c.Marginal.Describe(), c.Marginal.Kind, c.KsStatistic, c.Whole,
            c.Missing is null ? 0 : (double)c.Missing.Counts[1] / c.Missing.Counts.Sum()),
        CategoricalCopulaColumn c => new GaussianCopulaColumnInfo(c.Name, $"{c.Encoding.Order.Length} levels by frequency (interval encoding)", null, null, false,
            MissingRate(c.Encoding)),
        _ => throw new InvalidOperationException(),
    };

    private static double MissingRate(IntervalEncoding e)
    {
        int i = Array.IndexOf(e.Levels, -1);
        return i < 0 ? 0 : (double)e.Counts[i] / e.Counts.Sum();
    }

    /// <summary>The dimension d of the latent Gaussian (the width of the noise <see cref="DecodeNoise"/> reads).</summary>
    internal int Dimension => _dimension;

    /// <summary>How each column maps back from the latent Gaussian, in schema order (for the ONNX sampler export).</summary>
    internal IReadOnlyList<CopulaColumn> CopulaColumns => _columns;

    /// <summary>The lower Cholesky factor L of R (row-major d×d): the unconditional latent is z = L·ε.</summary>
    internal double[] Cholesky => _unconditional.FreeCholesky;

    /// <summary>
    /// Decodes standard-normal noise ε (row-major <c>[rowCount, d]</c>) into synthetic rows: z = L·ε, then each column
    /// through its marginal table or category intervals, exactly as unconditional sampling decodes its own draws.
    /// The ONNX sampler graph computes the same function.
    /// </summary>
    internal TabularData DecodeNoise(ReadOnlySpan<double> noise, int rowCount)
    {
        if (noise.Length != (long)rowCount * _dimension)
        {
            throw new ArgumentException($"The noise holds {noise.Length} values; {rowCount} rows of the copula's dimension {_dimension} need {(long)rowCount * _dimension}.", nameof(noise));
        }

        var (values, codes) = CreateBuffers(rowCount);
        var z = new double[_dimension];
        for (int row = 0; row < rowCount; row++)
        {
            _unconditional.FromNoise(noise.Slice(row * _dimension, _dimension), z);
            DecodeRow(z, row, values, codes);
        }

        return CreateTable(values, codes);
    }

    /// <summary>
    /// The standard-normal noise ε of rows [<paramref name="firstRow"/>, <paramref name="firstRow"/> +
    /// <paramref name="rowCount"/>) of the sample with seed <paramref name="seed"/> (the model's <see cref="SynthesizerModelBase.Seed"/>
    /// when null): row-major <c>[rowCount, d]</c>, d = <see cref="LatentNames"/>.Count, the <c>noise</c> input of the
    /// ONNX sampler graph. Each row is a function of (seed, row index) alone — Philox4x32-10 with a Box–Muller
    /// transform, laid out in the ONNX README ("Spark (or any partitioned engine)") — so the noise of a range is the
    /// same computed at once or in pieces, and the graph fed with it gives the same rows as
    /// <c>Sample(rowCount, seed)</c> (unconditional, without constraints) gives for that range.
    /// </summary>
    /// <param name="firstRow">The index of the first row in the whole sample (0 or more).</param>
    /// <param name="rowCount">How many rows (0 or more; at most 2³¹ − 1 values in all).</param>
    /// <param name="seed">The sample's seed; null for the model's.</param>
    public double[] SamplerNoise(long firstRow, int rowCount, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (rowCount > 0 && firstRow > long.MaxValue - rowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, $"Rows from {firstRow} on overrun the largest row index {long.MaxValue}; ask for fewer rows.");
        }

        long length = (long)rowCount * _dimension;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, $"{rowCount} rows of {_dimension} noise values exceed one array ({Array.MaxLength} values); compute the noise in smaller pieces.");
        }

        var noise = new double[length];
        RowNoise.Fill(seed ?? Seed, firstRow, rowCount, _dimension, noise);
        return noise;
    }

    /// <inheritdoc/>
    private protected override TabularData? GenerateRows(long firstRow, int rowCount, int seed)
    {
        // Row by row from (seed, row index): the same function of the same noise as DecodeNoise(SamplerNoise(...)).
        var (values, codes) = CreateBuffers(rowCount);
        var eps = new double[_dimension];
        var z = new double[_dimension];
        for (int row = 0; row < rowCount; row++)
        {
            RowNoise.FillRow(seed, firstRow + row, eps);
            _unconditional.FromNoise(eps, z);
            DecodeRow(z, row, values, codes);
        }

        return CreateTable(values, codes);
    }

    /// <inheritdoc/>
    private protected override TabularData GenerateBlock(int rowCount, ResolvedConditions? conditions, Random random)
    {
        var plan = conditions is null ? null : _plans.GetValue(conditions, CreatePlan);
        var gaussian = plan?.Gaussian ?? _unconditional;
        var rng = Xoshiro256StarStar.From(random);
        var (values, codes) = CreateBuffers(rowCount);
        var z = new double[_dimension];
        var scratch = gaussian.CreateScratch();
        for (int row = 0; row < rowCount; row++)
        {
            gaussian.Draw(rng, z, scratch);
            DecodeRow(z, row, values, codes);
        }

        plan?.Enforce(values, codes);
        return CreateTable(values, codes);
    }

    private (double[][] Values, int[][] Codes) CreateBuffers(int rowCount)
    {
        var values = new double[_columns.Length][];
        var codes = new int[_columns.Length][];
        for (int c = 0; c < _columns.Length; c++)
        {
            if (_columns[c] is ContinuousCopulaColumn)
            {
                values[c] = new double[rowCount];
            }
            else
            {
                codes[c] = new int[rowCount];
            }
        }

        return (values, codes);
    }

    /// <summary>Maps one latent row z to the row's values (continuous, NaN when missing) and category codes.</summary>
    private void DecodeRow(double[] z, int row, double[][] values, int[][] codes)
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            switch (_columns[c])
            {
                case ContinuousCopulaColumn column:
                    values[c][row] = column.Missing is not null && column.Missing.Levels[column.Missing.LevelIndexOf(z[column.MissingCoordinate])] == 1
                        ? double.NaN
                        : column.Value.Decode(z[column.ValueCoordinate]);
                    break;
                case CategoricalCopulaColumn column:
                    codes[c][row] = column.Transformer.Decode(z[column.Coordinate]);
                    break;
            }
        }
    }

    private TabularData CreateTable(double[][] values, int[][] codes)
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            if (values[c] is { } v && ModelSchema.Columns[c].OriginalType.RawType == typeof(float))
            {
                // A Single column holds what its type can: the same values the streamed view returns.
                for (int i = 0; i < v.Length; i++)
                {
                    v[i] = (float)v[i];
                }
            }
        }

        var columns = new TableColumn[_columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            var info = ModelSchema.Columns[c];
            columns[c] = _columns[c] is ContinuousCopulaColumn
                ? new ContinuousColumn(info.Name, values[c], info.IsInteger)
                : new CategoricalColumn(info.Name, codes[c], info.Categories);
        }

        return new TabularData(ModelSchema, columns);
    }

    /// <summary>The latent box of the conditions, checked against what the model can produce.</summary>
    private Plan CreatePlan(ResolvedConditions conditions)
    {
        var box = new List<(int Coordinate, double Lower, double Upper)>();
        var enforce = new List<ResolvedCondition>();
        foreach (var condition in conditions.Items)
        {
            var name = ModelSchema.Columns[condition.ColumnIndex].Name;
            switch (_columns[condition.ColumnIndex])
            {
                case CategoricalCopulaColumn column:
                    var range = column.ScoreRange(condition.Category)
                        ?? throw new ArgumentException($"Column '{name}' never had the value '{ModelSchema.Columns[condition.ColumnIndex].Categories[condition.Category]}' in training, so the synthesizer cannot produce it.", nameof(conditions));
                    box.Add((column.Coordinate, range.Lower, range.Upper));
                    enforce.Add(condition);
                    break;
                case ContinuousCopulaColumn column:
                    double low = condition.Lower, high = condition.Upper;
                    if (column.Whole)
                    {
                        low = Math.Ceiling(low);
                        high = Math.Floor(high);
                        if (low > high)
                        {
                            throw new ArgumentException($"Column '{name}' holds whole numbers; the range [{condition.Lower}, {condition.Upper}] contains none.", nameof(conditions));
                        }
                    }

                    var scores = column.Whole ? column.Value.ScoreRange(low - 0.5, high + 0.5) : column.Value.ScoreRange(low, high);
                    if (!(scores.Lower < scores.Upper))
                    {
                        throw new ArgumentException($"The range [{condition.Lower}, {condition.Upper}] of column '{name}' has no probability under its fitted marginal {column.Marginal.Describe()}; widen it.", nameof(conditions));
                    }

                    box.Add((column.ValueCoordinate, scores.Lower, scores.Upper));
                    if (column.Missing is not null)
                    {
                        var present = column.Missing.IntervalOf(0)!.Value;
                        box.Add((column.MissingCoordinate, StandardNormal.InverseCdf(present.Lower), StandardNormal.InverseCdf(present.Upper)));
                    }

                    enforce.Add(condition with { Lower = low, Upper = high });
                    break;
            }
        }

        return new Plan(new ConditionedGaussian(_correlation, _dimension, box, _gibbsSweeps), enforce);
    }

    /// <inheritdoc/>
    private protected override void SaveContents(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_dimension);
        foreach (var r in _correlation)
        {
            writer.Write(r);
        }

        writer.Write(_gibbsSweeps);
        writer.Write(_columns.Length);
        foreach (var column in _columns)
        {
            column.Write(writer);
        }
    }

    /// <summary>Reads what <see cref="SaveContents"/> wrote, validating every field against <paramref name="schema"/>.</summary>
    internal static GaussianCopulaModel Read(ModelReader reader, TabularSchema schema)
    {
        // Every column uses one coordinate, or two with missing values: d ≤ 2 × columns bounds the d × d matrix.
        int dimension = reader.ReadInt32("latent dimension", 0, 2 * schema.Columns.Count);
        reader.CheckCount("correlation matrix entries", (long)dimension * dimension, (long)dimension * dimension, sizeof(double));
        double[] correlation;
        using (reader.Part("correlation matrix"))
        {
            correlation = reader.ReadDoubles("entries", dimension * dimension);
            CheckCorrelation(reader, correlation, dimension);
        }

        int sweeps = reader.ReadInt32("Gibbs sweeps", 0, ModelFileLimits.MaxGibbsSweeps);
        int count = reader.ReadInt32("column count");
        if (count != schema.Columns.Count)
        {
            throw reader.Corrupt($"the copula has {count} columns; its schema has {schema.Columns.Count}");
        }

        var columns = new CopulaColumn[count];
        var used = new bool[dimension];
        for (int c = 0; c < count; c++)
        {
            var info = schema.Columns[c];
            using var part = reader.Part($"column {ModelReader.Quote(info.Name)}");
            columns[c] = CopulaColumn.Read(reader, info);
            foreach (int coordinate in columns[c].Coordinates)
            {
                if (coordinate < 0 || coordinate >= dimension || used[coordinate])
                {
                    throw reader.Corrupt($"latent coordinate {coordinate} is outside [0, {dimension}) or used twice");
                }

                used[coordinate] = true;
            }
        }

        reader.Check(Array.TrueForAll(used, u => u), "some latent coordinates belong to no column");
        return new GaussianCopulaModel(schema, columns, correlation, dimension, sweeps);
    }

    /// <summary>R must be a correlation matrix: finite, symmetric, unit diagonal, |rᵢⱼ| ≤ 1, positive definite up to rounding.</summary>
    private static void CheckCorrelation(ModelReader reader, double[] r, int d)
    {
        const double tolerance = 1e-9;
        for (int i = 0; i < d; i++)
        {
            if (!(Math.Abs(r[(i * d) + i] - 1) <= 1e-6))
            {
                throw reader.Corrupt($"diagonal entry {i} is {r[(i * d) + i]}, not 1");
            }

            for (int j = 0; j < i; j++)
            {
                double a = r[(i * d) + j], b = r[(j * d) + i];
                if (!(Math.Abs(a) <= 1 + tolerance && Math.Abs(a - b) <= tolerance))
                {
                    throw reader.Corrupt($"entries ({i}, {j}) = {a} and ({j}, {i}) = {b} are not a symmetric correlation in [-1, 1]");
                }
            }
        }

        var jittered = (double[])r.Clone();
        for (int i = 0; i < d; i++)
        {
            jittered[(i * d) + i] += 1e-8;
        }

        reader.Check(Numerics.Cholesky.TryFactor(jittered, d, 0, out _), "the matrix is not positive semi-definite");
    }

    /// <summary>A conditioned Gaussian and the conditions to hold exactly after decoding (guarding against rounding at interval ends).</summary>
    private sealed class Plan(ConditionedGaussian gaussian, IReadOnlyList<ResolvedCondition> enforce)
    {
        public ConditionedGaussian Gaussian { get; } = gaussian;

        public void Enforce(double[][] values, int[][] codes)
        {
            foreach (var c in enforce)
            {
                if (c.IsCategory)
                {
                    Array.Fill(codes[c.ColumnIndex], c.Category);
                }
                else
                {
                    var v = values[c.ColumnIndex];
                    for (int i = 0; i < v.Length; i++)
                    {
                        v[i] = Math.Clamp(double.IsNaN(v[i]) ? c.Lower : v[i], c.Lower, c.Upper);
                    }
                }
            }
        }
    }
}
