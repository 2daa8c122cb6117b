using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Evaluation.Tables;

/// <summary>
/// A row encoding fitted on the real table and shared by the distance-based metrics and the classifiers: each
/// continuous value becomes <c>(x − min_real) / range_real</c> (range 1 for a constant real column) and each
/// categorical value keeps its shared code. Missing continuous values become <see cref="MissingValue"/>, a sentinel
/// so far from every value that a capped difference to it is 1 while two missing values differ by 0. Classifiers get
/// the same values as sparse one-hot vectors (<see cref="SparseRows"/>): a categorical column with thousands of
/// levels costs one stored entry per row, never a dense slot per level.
/// </summary>
internal sealed class MixedEncoding
{
    /// <summary>What a missing continuous value is encoded as.</summary>
    public const float MissingValue = -1e30f;

    private readonly double[] _min;
    private readonly double[] _scale;
    private readonly double[] _meanScaled;
    private readonly int[] _allContinuous;
    private readonly Dictionary<double, int>[] _exactCodes;

    /// <summary>Fits the encoding on the real table.</summary>
    /// <param name="tables">The aligned tables.</param>
    /// <param name="exactConstantColumns">
    /// SDMetrics' distance rule: a continuous column that is constant in the real table has no range, and any
    /// difference in it counts 1 (both missing 0). Such columns then move to <see cref="CategoricalColumns"/>
    /// in <see cref="ColumnMajor"/> with one code per distinct value. False: they are scaled by a range of 1.
    /// </param>
    public MixedEncoding(AlignedTables tables, bool exactConstantColumns = false)
    {
        Tables = tables;
        _allContinuous = Enumerable.Range(0, tables.ColumnCount).Where(c => tables.Kinds[c] == ColumnKind.Continuous).ToArray();
        _min = new double[tables.ColumnCount];
        _scale = new double[tables.ColumnCount];
        _meanScaled = new double[tables.ColumnCount];
        var constant = new List<int>();
        foreach (int c in _allContinuous)
        {
            var values = tables.Real.ValuesOf(c);
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

            _min[c] = min;
            _scale[c] = max > min ? 1.0 / (max - min) : 1.0;
            _meanScaled[c] = (sum / n - min) * _scale[c];
            if (!(max > min)) constant.Add(c);
        }

        var exact = exactConstantColumns ? constant.ToArray() : [];
        ContinuousColumns = _allContinuous.Except(exact).ToArray();
        CategoricalColumns = Enumerable.Range(0, tables.ColumnCount).Where(c => tables.Kinds[c] == ColumnKind.Categorical).Concat(exact).ToArray();
        _exactCodes = new Dictionary<double, int>[tables.ColumnCount];
        foreach (int c in exact) _exactCodes[c] = new Dictionary<double, int> { [_min[c]] = 0 };
    }

    public AlignedTables Tables { get; }

    /// <summary>Indices (in <see cref="AlignedTables"/>) of the columns <see cref="ColumnMajor"/> scales.</summary>
    public int[] ContinuousColumns { get; }

    /// <summary>Indices of the columns <see cref="ColumnMajor"/> codes (categorical, then constant continuous ones under the exact rule).</summary>
    public int[] CategoricalColumns { get; }

    /// <summary>
    /// Column-major arrays of the given rows (all rows when null): the <see cref="ContinuousColumns"/> scaled (missing =
    /// <see cref="MissingValue"/>, or the real mean when <paramref name="fillMissing"/>), then the codes of the
    /// <see cref="CategoricalColumns"/> as floats (missing = -1).
    /// </summary>
    public float[][] ColumnMajor(TabularData table, IReadOnlyList<int>? rows = null, bool fillMissing = false)
    {
        int count = rows?.Count ?? table.RowCount;
        var result = new float[ContinuousColumns.Length + CategoricalColumns.Length][];
        for (int j = 0; j < ContinuousColumns.Length; j++)
        {
            int c = ContinuousColumns[j];
            var source = table.ValuesOf(c);
            var target = new float[count];
            for (int i = 0; i < count; i++)
            {
                double v = source[rows?[i] ?? i];
                target[i] = double.IsNaN(v) ? (fillMissing ? (float)_meanScaled[c] : MissingValue) : Scaled(c, v);
            }

            result[j] = target;
        }

        for (int j = 0; j < CategoricalColumns.Length; j++)
        {
            int c = CategoricalColumns[j];
            var target = new float[count];
            if (table.Columns[c] is CategoricalColumn { Codes: var source })
            {
                for (int i = 0; i < count; i++) target[i] = source[rows?[i] ?? i];
            }
            else
            {
                var values = table.ValuesOf(c);
                var codes = _exactCodes[c];
                for (int i = 0; i < count; i++)
                {
                    double v = values[rows?[i] ?? i];
                    if (double.IsNaN(v)) target[i] = -1;
                    else
                    {
                        if (!codes.TryGetValue(v, out int code)) codes[v] = code = codes.Count;
                        target[i] = code;
                    }
                }
            }

            result[ContinuousColumns.Length + j] = target;
        }

        return result;
    }

    /// <summary>The width of <see cref="SparseRows"/> without excluded columns: one slot per continuous column, one per category plus one for missing per categorical column.</summary>
    public int SparseWidth(IReadOnlyCollection<int>? excludeColumns = null) =>
        Enumerable.Range(0, Tables.ColumnCount).Where(c => excludeColumns is null || !excludeColumns.Contains(c))
            .Sum(c => Tables.Kinds[c] == ColumnKind.Continuous ? 1 : Tables.Categories[c].Length + 1);

    /// <summary>
    /// Sparse one-hot features of the given rows for ML.NET trainers: continuous columns scaled (missing filled with
    /// the real mean), each categorical column as one slot per shared category plus one for missing, holding 1. Only
    /// non-zero entries are stored.
    /// </summary>
    public VBuffer<float>[] SparseRows(TabularData table, IReadOnlyList<int>? rows = null, IReadOnlyCollection<int>? excludeColumns = null)
    {
        int count = rows?.Count ?? table.RowCount;
        var columns = Enumerable.Range(0, Tables.ColumnCount).Where(c => excludeColumns is null || !excludeColumns.Contains(c)).ToArray();
        int width = SparseWidth(excludeColumns);
        var result = new VBuffer<float>[count];
        var values = new float[columns.Length];
        var indices = new int[columns.Length];
        for (int i = 0; i < count; i++)
        {
            int row = rows?[i] ?? i;
            int slot = 0, stored = 0;
            foreach (var c in columns)
            {
                if (Tables.Kinds[c] == ColumnKind.Continuous)
                {
                    double v = table.ValuesOf(c)[row];
                    float x = double.IsNaN(v) ? (float)_meanScaled[c] : Scaled(c, v);
                    if (x != 0)
                    {
                        indices[stored] = slot;
                        values[stored++] = x;
                    }

                    slot++;
                }
                else
                {
                    int code = table.CodesOf(c)[row];
                    int k = Tables.Categories[c].Length;
                    indices[stored] = slot + (code < 0 ? k : code);
                    values[stored++] = 1f;
                    slot += k + 1;
                }
            }

            result[i] = new VBuffer<float>(width, stored, values[..stored], indices[..stored]);
        }

        return result;
    }

    private float Scaled(int c, double v) => (float)((v - _min[c]) * _scale[c]);
}
