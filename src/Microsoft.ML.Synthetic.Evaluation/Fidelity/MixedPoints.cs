using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Fidelity;

/// <summary>
/// Rows in the kernel metrics' space without building it: continuous columns scaled by the real range (missing at the
/// real mean) and categorical codes (missing a code of its own). The space they stand for is the continuous values
/// followed by each categorical column one-hot times 1/√2, so two rows differ by the squared continuous differences
/// plus 1 per differing category.
/// </summary>
internal sealed class MixedPoints
{
    private readonly float[][] _continuous;   // [column][row]
    private readonly int[][] _codes;          // [column][row], missing = -1

    private MixedPoints(float[][] continuous, int[][] codes, int count)
    {
        _continuous = continuous;
        _codes = codes;
        Count = count;
    }

    /// <summary>The given rows of a table.</summary>
    public MixedPoints(MixedRowEncoding encoding, TabularData table, IReadOnlyList<int> rows)
    {
        var columns = encoding.ColumnMajor(table, rows, fillMissing: true);
        int nc = encoding.ScaledContinuous.Length;
        _continuous = columns[..nc];
        _codes = columns[nc..].Select(c => c.Select(v => (int)v).ToArray()).ToArray();
        Count = rows.Count;
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>The rows of <paramref name="a"/> followed by those of <paramref name="b"/>.</summary>
    public static MixedPoints Concat(MixedPoints a, MixedPoints b) => new(
        a._continuous.Zip(b._continuous, (x, y) => x.Concat(y).ToArray()).ToArray(),
        a._codes.Zip(b._codes, (x, y) => x.Concat(y).ToArray()).ToArray(),
        a.Count + b.Count);

    /// <summary>The squared distance between row <paramref name="i"/> and row <paramref name="j"/> of <paramref name="other"/>.</summary>
    public float SquaredDistance(int i, MixedPoints other, int j)
    {
        float sum = 0;
        for (int c = 0; c < _continuous.Length; c++)
        {
            float d = _continuous[c][i] - other._continuous[c][j];
            sum += d * d;
        }

        for (int c = 0; c < _codes.Length; c++)
        {
            if (_codes[c][i] != other._codes[c][j]) sum += 1;
        }

        return sum;
    }

    /// <summary>The mean of the rows in the one-hot space.</summary>
    public PointsCenter Center()
    {
        var means = _continuous.Select(values => values.Average(v => (double)v)).ToArray();
        var frequencies = _codes.Select(codes =>
        {
            var counts = new Dictionary<int, double>();
            foreach (var code in codes) counts[code] = counts.GetValueOrDefault(code) + 1;
            foreach (var key in counts.Keys.ToArray()) counts[key] /= codes.Length;
            return counts;
        }).ToArray();
        return new PointsCenter(means, frequencies);
    }

    /// <summary>
    /// The mean of some rows: continuous means and, per categorical column, the share f_k of each code. In the one-hot
    /// space the column's block of the mean is f_k/√2, so a row with code j is at <c>½ Σ f_k² + ½ − f_j</c> from it.
    /// </summary>
    internal sealed class PointsCenter
    {
        private readonly double[] _means;
        private readonly Dictionary<int, double>[] _frequencies;
        private readonly double[] _halfSquares;

        public PointsCenter(double[] means, Dictionary<int, double>[] frequencies)
        {
            _means = means;
            _frequencies = frequencies;
            _halfSquares = frequencies.Select(f => 0.5 * f.Values.Sum(x => x * x)).ToArray();
        }

        /// <summary>The squared distance of row <paramref name="row"/> of <paramref name="points"/> to this center.</summary>
        public double SquaredDistance(MixedPoints points, int row)
        {
            double sum = 0;
            for (int c = 0; c < _means.Length; c++)
            {
                double d = points._continuous[c][row] - _means[c];
                sum += d * d;
            }

            for (int c = 0; c < _frequencies.Length; c++)
            {
                sum += Math.Max(0, _halfSquares[c] + 0.5 - _frequencies[c].GetValueOrDefault(points._codes[c][row]));
            }

            return sum;
        }
    }
}
