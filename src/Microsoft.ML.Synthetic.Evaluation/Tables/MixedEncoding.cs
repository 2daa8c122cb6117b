using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Evaluation.Tables;

/// <summary>
/// A row encoding fitted on the real table and shared by the distance-based metrics: each continuous value
/// becomes <c>(x − min_real) / range_real</c> (range 1 for a constant real column) and each categorical value
/// keeps its shared code. Missing continuous values become <see cref="MissingValue"/>, a sentinel so far from
/// every value that a capped difference to it is 1 while two missing values differ by 0.
/// </summary>
internal sealed class MixedEncoding
{
    /// <summary>What a missing continuous value is encoded as.</summary>
    public const float MissingValue = -1e30f;

    private readonly double[] _min;
    private readonly double[] _scale;
    private readonly double[] _meanScaled;

    public MixedEncoding(AlignedTables tables)
    {
        Tables = tables;
        ContinuousColumns = Enumerable.Range(0, tables.ColumnCount).Where(c => tables.Kinds[c] == ColumnKind.Continuous).ToArray();
        CategoricalColumns = Enumerable.Range(0, tables.ColumnCount).Where(c => tables.Kinds[c] == ColumnKind.Categorical).ToArray();
        _min = new double[ContinuousColumns.Length];
        _scale = new double[ContinuousColumns.Length];
        _meanScaled = new double[ContinuousColumns.Length];
        for (int j = 0; j < ContinuousColumns.Length; j++)
        {
            var values = tables.Real.Continuous[ContinuousColumns[j]]!;
            double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
            int n = 0;
            foreach (var v in values)
            {
                if (double.IsNaN(v)) continue;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                sum += v;
                n++;
            }

            _min[j] = min;
            _scale[j] = max > min ? 1.0 / (max - min) : 1.0;
            _meanScaled[j] = (sum / n - min) * _scale[j];
        }
    }

    public AlignedTables Tables { get; }

    /// <summary>Indices (in <see cref="AlignedTables"/>) of the continuous columns.</summary>
    public int[] ContinuousColumns { get; }

    /// <summary>Indices of the categorical columns.</summary>
    public int[] CategoricalColumns { get; }

    /// <summary>The width of a one-hot layout: one slot per continuous column, one per category (plus one for missing) per categorical column.</summary>
    public int OneHotWidth => ContinuousColumns.Length + CategoricalColumns.Sum(c => Tables.Categories[c].Length + 1);

    /// <summary>
    /// Column-major arrays of the given rows (all rows when null): continuous columns scaled (missing =
    /// <see cref="MissingValue"/>, or the real mean when <paramref name="fillMissing"/>), then categorical codes as floats.
    /// </summary>
    public float[][] ColumnMajor(EvaluationTable table, IReadOnlyList<int>? rows = null, bool fillMissing = false)
    {
        int count = rows?.Count ?? table.RowCount;
        var result = new float[ContinuousColumns.Length + CategoricalColumns.Length][];
        for (int j = 0; j < ContinuousColumns.Length; j++)
        {
            var source = table.Continuous[ContinuousColumns[j]]!;
            var target = new float[count];
            for (int i = 0; i < count; i++)
            {
                double v = source[rows?[i] ?? i];
                target[i] = double.IsNaN(v) ? (fillMissing ? (float)_meanScaled[j] : MissingValue) : (float)((v - _min[j]) * _scale[j]);
            }

            result[j] = target;
        }

        for (int j = 0; j < CategoricalColumns.Length; j++)
        {
            var source = table.Codes[CategoricalColumns[j]]!;
            var target = new float[count];
            for (int i = 0; i < count; i++) target[i] = source[rows?[i] ?? i];
            result[ContinuousColumns.Length + j] = target;
        }

        return result;
    }

    /// <summary>
    /// Row-major one-hot features of the given rows: continuous columns scaled (missing filled with the real
    /// mean), each categorical column as one slot per shared category plus one for missing, times <paramref name="oneHotValue"/>.
    /// </summary>
    public float[][] OneHotRows(EvaluationTable table, IReadOnlyList<int>? rows = null, float oneHotValue = 1f, IReadOnlyCollection<int>? excludeColumns = null)
    {
        int count = rows?.Count ?? table.RowCount;
        var continuous = ContinuousColumns.Where(c => excludeColumns is null || !excludeColumns.Contains(c)).ToArray();
        var categorical = CategoricalColumns.Where(c => excludeColumns is null || !excludeColumns.Contains(c)).ToArray();
        int width = continuous.Length + categorical.Sum(c => Tables.Categories[c].Length + 1);
        var result = new float[count][];
        for (int i = 0; i < count; i++)
        {
            int row = rows?[i] ?? i;
            var features = new float[width];
            int slot = 0;
            foreach (var c in continuous)
            {
                int j = Array.IndexOf(ContinuousColumns, c);
                double v = table.Continuous[c]![row];
                features[slot++] = double.IsNaN(v) ? (float)_meanScaled[j] : (float)((v - _min[j]) * _scale[j]);
            }

            foreach (var c in categorical)
            {
                int code = table.Codes[c]![row];
                int k = Tables.Categories[c].Length;
                features[slot + (code < 0 ? k : code)] = oneHotValue;
                slot += k + 1;
            }

            result[i] = features;
        }

        return result;
    }
}
