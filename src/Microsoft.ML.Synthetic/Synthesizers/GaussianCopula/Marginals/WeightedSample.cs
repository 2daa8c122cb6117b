namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

/// <summary>
/// A column's observed values as distinct values in ascending order with their counts: what the marginal fits read.
/// Built from a sorted array (an in-memory column) or from merged partition statistics (exact counts, or a quantile
/// sketch's weighted items), so the same fitting code serves both.
/// </summary>
internal sealed class WeightedSample
{
    private readonly long[] _cumulative;   // _cumulative[i] = counts of values[0..i)

    public WeightedSample(double[] values, long[] counts)
    {
        if (values.Length == 0 || values.Length != counts.Length)
        {
            throw new ArgumentException("A weighted sample needs at least one value and one count per value.", nameof(values));
        }

        Values = values;
        Counts = counts;
        _cumulative = new long[values.Length + 1];
        for (int i = 0; i < values.Length; i++)
        {
            _cumulative[i + 1] = _cumulative[i] + counts[i];
        }
    }

    /// <summary>The distinct values, ascending.</summary>
    public double[] Values { get; }

    /// <summary>The count of each value.</summary>
    public long[] Counts { get; }

    /// <summary>The number of values n.</summary>
    public long Count => _cumulative[^1];

    public double First => Values[0];

    public double Last => Values[^1];

    /// <summary>The number of values below distinct value <paramref name="i"/> (its run starts there).</summary>
    public long CountBelow(int i) => _cumulative[i];

    /// <summary>The run-length form of an ascending array.</summary>
    public static WeightedSample FromSorted(ReadOnlySpan<double> sorted)
    {
        var values = new List<double>();
        var counts = new List<long>();
        foreach (var v in sorted)
        {
            if (values.Count > 0 && values[^1] == v)
            {
                counts[^1]++;
            }
            else
            {
                values.Add(v);
                counts.Add(1);
            }
        }

        return new WeightedSample(values.ToArray(), counts.ToArray());
    }

    /// <summary>The value of 0-based rank <paramref name="r"/> (the r-th smallest, counting repeats).</summary>
    public double OrderStatistic(long r)
    {
        int i = Array.BinarySearch(_cumulative, r + 1);
        // The first i with _cumulative[i] ≥ r + 1 is one past the value's index.
        i = i >= 0 ? i : ~i;
        while (i > 1 && _cumulative[i - 1] >= r + 1)
        {
            i--;
        }

        return Values[i - 1];
    }

    /// <summary>The mean and the variance with divisor n (two passes).</summary>
    public (double Mean, double Variance) MeanVariance()
    {
        double sum = 0;
        for (int i = 0; i < Values.Length; i++)
        {
            sum += Values[i] * Counts[i];
        }

        double n = Count, mean = sum / n, ss = 0;
        for (int i = 0; i < Values.Length; i++)
        {
            double d = Values[i] - mean;
            ss += d * d * Counts[i];
        }

        return (mean, ss / n);
    }

    /// <summary>Σ cᵢ (xᵢ − <paramref name="mean"/>)³.</summary>
    public double CentralSumOfCubes(double mean)
    {
        double m3 = 0;
        for (int i = 0; i < Values.Length; i++)
        {
            double d = Values[i] - mean;
            m3 += d * d * d * Counts[i];
        }

        return m3;
    }

    /// <summary>Whether every value is a whole number.</summary>
    public bool AllWhole() => Array.TrueForAll(Values, v => v == Math.Round(v));
}
