namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>The observed (non-missing) values of a continuous column, checked once for every numeric transformer.</summary>
internal static class ObservedValues
{
    /// <summary>
    /// The non-missing values of <paramref name="column"/> in row order.
    /// </summary>
    /// <param name="column">The column.</param>
    /// <param name="model">What needs the values, for messages ("a Gaussian copula").</param>
    /// <exception cref="ArgumentException">A value is infinite, or every value is missing (the message names the column and says what to do).</exception>
    public static double[] Of(ContinuousColumn column, string model)
    {
        ArgumentNullException.ThrowIfNull(column);
        var values = column.Values;
        var observed = new double[values.Length - column.MissingCount];
        int m = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            if (double.IsInfinity(v))
            {
                throw new ArgumentException($"Column '{column.Name}' holds {v}; {model} needs finite numbers (NaN marks a missing value). Remove or replace the infinite values.", nameof(column));
            }

            observed[m++] = v;
        }

        if (m == 0)
        {
            throw new ArgumentException($"Column '{column.Name}' has no values: all {values.Length} rows are missing. Leave it out ({nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Columns)}) or supply values.", nameof(column));
        }

        return observed;
    }
}
