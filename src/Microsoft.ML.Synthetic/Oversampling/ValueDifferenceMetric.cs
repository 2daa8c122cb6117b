namespace Microsoft.ML.Synthetic.Oversampling;

/// <summary>
/// The value difference metric of one categorical feature (Stanfill and Waltz 1986; Cost and Salzberg 1993) as SMOTEN
/// uses it: <c>δ(a, b) = (Σ_classes |P(class | a) − P(class | b)|)²</c>. Stored as a values × values table when that is
/// small (at most <see cref="TableLimit"/> values), otherwise computed from the values × classes probabilities on each
/// call — the same arithmetic, so the same distances, in memory linear in the values.
/// </summary>
internal sealed class ValueDifferenceMetric
{
    /// <summary>Features with at most this many values (categories plus missing) get a precomputed table (8 MB at most).</summary>
    public const int TableLimit = 1024;

    private readonly double[] _probabilities;   // [value * classes + class]
    private readonly double[]? _table;          // [a * values + b]
    private readonly int _classes;

    /// <summary>The metric from each row's value code (0 … values − 1) and class.</summary>
    public ValueDifferenceMetric(int[] codes, int[] rowClass, int values, int classes)
    {
        Values = values;
        _classes = classes;
        var counts = new double[(long)values * classes];
        var totals = new double[values];
        for (int r = 0; r < codes.Length; r++)
        {
            if (rowClass[r] < 0) continue;   // a row of no class being resampled carries no class evidence
            counts[((long)codes[r] * classes) + rowClass[r]]++;
            totals[codes[r]]++;
        }

        _probabilities = counts;
        for (int v = 0; v < values; v++)
        {
            for (int c = 0; c < classes; c++)
            {
                long i = ((long)v * classes) + c;
                _probabilities[i] = totals[v] > 0 ? counts[i] / totals[v] : 0;
            }
        }

        if (values <= TableLimit)
        {
            var table = new double[values * values];
            for (int a = 0; a < values; a++)
            {
                for (int b = a + 1; b < values; b++)
                {
                    table[(a * values) + b] = table[(b * values) + a] = Compute(a, b);
                }
            }

            _table = table;
        }
    }

    /// <summary>The number of values (categories plus missing).</summary>
    public int Values { get; }

    /// <summary>δ between value codes <paramref name="a"/> and <paramref name="b"/>.</summary>
    public double this[int a, int b] => _table is { } t ? t[(a * Values) + b] : a == b ? 0 : Compute(a, b);

    private double Compute(int a, int b)
    {
        double sum = 0;
        long ia = (long)a * _classes, ib = (long)b * _classes;
        for (int c = 0; c < _classes; c++)
        {
            sum += Math.Abs(_probabilities[ia + c] - _probabilities[ib + c]);
        }

        return sum * sum;
    }
}
