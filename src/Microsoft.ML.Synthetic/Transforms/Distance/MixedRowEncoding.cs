using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Transforms.Distance;

/// <summary>
/// Rows of a table as points of one mixed distance space: the encoding the SMOTE family searches neighbours in and
/// the evaluation measures distances and trains its classifiers in. Each feature is a column of the table, continuous
/// or categorical by its kind; a continuous value becomes <c>(x − offset) × scale</c> (offset 0 and scale 1 keep the
/// values; <see cref="FitMinRange"/> takes the reference table's minimum and 1 / range, SDMetrics' scaling), a
/// categorical value keeps its code. As a vector a row is the features in order: one slot per continuous feature and a
/// one-hot block per categorical feature with one slot per category, then one for missing.
/// </summary>
internal sealed class MixedRowEncoding
{
    /// <summary>What a missing continuous value is encoded as in <see cref="ColumnMajor"/>: far enough from every scaled value that a capped difference to it is 1, while two missing values differ by 0.</summary>
    public const float MissingValue = -1e30f;

    private readonly int[] _features;
    private readonly bool[] _isContinuous;
    private readonly int[] _categoryCounts;
    private readonly double[] _offset;
    private readonly double[] _scale;
    private readonly double[] _meanScaled;
    private readonly Dictionary<double, int>?[] _exactCodes;

    private MixedRowEncoding(int[] features, bool[] isContinuous, int[] categoryCounts, double[] offset, double[] scale, double[] meanScaled,
        int[] exact, Dictionary<double, int>?[] exactCodes)
    {
        _features = features;
        _isContinuous = isContinuous;
        _categoryCounts = categoryCounts;
        _offset = offset;
        _scale = scale;
        _meanScaled = meanScaled;
        _exactCodes = exactCodes;
        Continuous = features.Where(c => isContinuous[c]).ToArray();
        Categorical = features.Where(c => !isContinuous[c]).ToArray();
        ExactContinuous = exact.Intersect(features).ToArray();
        ScaledContinuous = Continuous.Except(ExactContinuous).ToArray();
    }

    private static MixedRowEncoding Create(TabularData reference, int[] features, double[] offset, double[] scale, double[] meanScaled, int[] exact)
    {
        var exactCodes = new Dictionary<double, int>?[reference.Columns.Count];
        foreach (int c in exact) exactCodes[c] = new Dictionary<double, int> { [offset[c]] = 0 };
        return new MixedRowEncoding(features, reference.Columns.Select(c => c.Kind == ColumnKind.Continuous).ToArray(),
            reference.Columns.Select(c => c is CategoricalColumn categorical ? categorical.CategoryCount : 0).ToArray(),
            offset, scale, meanScaled, exact, exactCodes);
    }

    /// <summary>Table indices of the continuous features, in feature order.</summary>
    public int[] Continuous { get; }

    /// <summary>Table indices of the categorical features, in feature order.</summary>
    public int[] Categorical { get; }

    /// <summary>Continuous features that <see cref="ColumnMajor"/> compares by value (constant in the reference table under SDMetrics' rule).</summary>
    public int[] ExactContinuous { get; }

    /// <summary>The continuous features <see cref="ColumnMajor"/> scales: <see cref="Continuous"/> without <see cref="ExactContinuous"/>.</summary>
    public int[] ScaledContinuous { get; }

    /// <summary>The length of a row as a vector: one slot per continuous feature, categories + 1 per categorical feature.</summary>
    public int Width => _features.Sum(c => _isContinuous[c] ? 1 : _categoryCounts[c] + 1);

    /// <summary>The values as they are (SMOTE's space): offset 0 and scale 1 for every continuous feature.</summary>
    public static MixedRowEncoding Unscaled(TabularData table, int[] features)
    {
        int n = table.Columns.Count;
        return Create(table, features, new double[n], Enumerable.Repeat(1.0, n).ToArray(), new double[n], []);
    }

    /// <summary>
    /// Fits SDMetrics' scaling on <paramref name="reference"/>: <c>(x − min) / range</c> over the observed values of each
    /// continuous feature (range 1 for a constant one). With <paramref name="exactConstantColumns"/>, a continuous
    /// feature that is constant in the reference table has no range and any difference in it counts 1 (both missing 0):
    /// <see cref="ColumnMajor"/> then codes it by value after the categorical features.
    /// </summary>
    public static MixedRowEncoding FitMinRange(TabularData reference, int[] features, bool exactConstantColumns = false)
    {
        int n = reference.Columns.Count;
        var min = new double[n];
        var scale = new double[n];
        var meanScaled = new double[n];
        var constant = new List<int>();
        foreach (int c in features)
        {
            if (reference.Columns[c] is not ContinuousColumn column) continue;
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity, sum = 0;
            int count = 0;
            foreach (var v in column.Values)
            {
                if (double.IsNaN(v)) continue;
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
                sum += v;
                count++;
            }

            min[c] = lo;
            scale[c] = hi > lo ? 1.0 / (hi - lo) : 1.0;
            meanScaled[c] = (sum / count - lo) * scale[c];
            if (!(hi > lo)) constant.Add(c);
        }

        return Create(reference, features, min, scale, meanScaled, exactConstantColumns ? constant.ToArray() : []);
    }

    /// <summary>This encoding without the feature at table index <paramref name="column"/> (a label, say); the scaling is kept.</summary>
    public MixedRowEncoding Without(int column) =>
        new(_features.Where(c => c != column).ToArray(), _isContinuous, _categoryCounts, _offset, _scale, _meanScaled, ExactContinuous, _exactCodes);

    /// <summary>A continuous value of column <paramref name="c"/> in the encoded space (NaN stays NaN).</summary>
    public float Scaled(int c, double value) => (float)((value - _offset[c]) * _scale[c]);

    /// <summary>The slot of <paramref name="code"/> in the one-hot block of categorical column <paramref name="c"/>: the code, or the last slot for missing.</summary>
    public int OneHotSlot(int c, int code) => code < 0 ? _categoryCounts[c] : code;

    /// <summary>
    /// The given rows as dense row-major vectors (<see cref="Width"/> values each): continuous features scaled, each
    /// categorical one as its one-hot block holding <paramref name="oneHotValue"/> (SMOTE-NC's <c>Med / 2</c>). Missing
    /// continuous values stay NaN: reject them first.
    /// </summary>
    /// <exception cref="ArgumentException">The vectors hold more values than one array can.</exception>
    public float[] DensePoints(TabularData table, int[] rows, float oneHotValue = 1f)
    {
        int width = Width;
        long size = (long)rows.Length * width;
        if (size > Array.MaxLength)
        {
            throw new ArgumentException($"{rows.Length:N0} rows × {width:N0} dimensions is {size:N0} values, more than one array holds ({Array.MaxLength:N0}). Use fewer rows at a time, or fewer or coarser features.", nameof(rows));
        }

        var points = new float[size];
        int slot = 0;
        foreach (int c in _features)
        {
            if (_isContinuous[c])
            {
                var values = table.ValuesOf(c);
                for (int i = 0; i < rows.Length; i++) points[((long)i * width) + slot] = Scaled(c, values[rows[i]]);
                slot++;
            }
            else
            {
                var codes = table.CodesOf(c);
                for (int i = 0; i < rows.Length; i++) points[((long)i * width) + slot + OneHotSlot(c, codes[rows[i]])] = oneHotValue;
                slot += _categoryCounts[c] + 1;
            }
        }

        return points;
    }

    /// <summary>
    /// Column-major arrays of the given rows (all rows when null): the <see cref="ScaledContinuous"/> features scaled
    /// (missing = <see cref="MissingValue"/>, or the reference mean when <paramref name="fillMissing"/>), then the codes
    /// of the <see cref="Categorical"/> features and of the <see cref="ExactContinuous"/> ones as floats (missing = -1).
    /// </summary>
    public float[][] ColumnMajor(TabularData table, IReadOnlyList<int>? rows = null, bool fillMissing = false)
    {
        int count = rows?.Count ?? table.RowCount;
        var result = new float[ScaledContinuous.Length + Categorical.Length + ExactContinuous.Length][];
        int j = 0;
        foreach (int c in ScaledContinuous)
        {
            var source = table.ValuesOf(c);
            var target = result[j++] = new float[count];
            for (int i = 0; i < count; i++)
            {
                double v = source[rows?[i] ?? i];
                target[i] = double.IsNaN(v) ? (fillMissing ? (float)_meanScaled[c] : MissingValue) : Scaled(c, v);
            }
        }

        foreach (int c in Categorical)
        {
            var source = table.CodesOf(c);
            var target = result[j++] = new float[count];
            for (int i = 0; i < count; i++) target[i] = source[rows?[i] ?? i];
        }

        foreach (int c in ExactContinuous)
        {
            var values = table.ValuesOf(c);
            var codes = _exactCodes[c]!;
            var target = result[j++] = new float[count];
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

        return result;
    }

    /// <summary>
    /// The given rows as sparse vectors (<see cref="Width"/> slots) for ML.NET trainers: continuous features scaled
    /// (missing at the reference mean), categorical ones one-hot holding 1. Only non-zero entries are stored, so a
    /// column with thousands of categories costs one entry per row.
    /// </summary>
    public VBuffer<float>[] SparseRows(TabularData table, IReadOnlyList<int>? rows = null)
    {
        int count = rows?.Count ?? table.RowCount;
        int width = Width;
        var result = new VBuffer<float>[count];
        var continuous = _features.Select(c => _isContinuous[c] ? table.ValuesOf(c) : null).ToArray();
        var categorical = _features.Select(c => _isContinuous[c] ? null : table.CodesOf(c)).ToArray();
        var values = new float[_features.Length];
        var indices = new int[_features.Length];
        for (int i = 0; i < count; i++)
        {
            int row = rows?[i] ?? i;
            int slot = 0, stored = 0;
            for (int f = 0; f < _features.Length; f++)
            {
                int c = _features[f];
                if (continuous[f] is { } column)
                {
                    double v = column[row];
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
                    indices[stored] = slot + OneHotSlot(c, categorical[f]![row]);
                    values[stored++] = 1f;
                    slot += _categoryCounts[c] + 1;
                }
            }

            result[i] = new VBuffer<float>(width, stored, values[..stored], indices[..stored]);
        }

        return result;
    }
}
