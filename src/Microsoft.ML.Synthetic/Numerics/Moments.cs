namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>Sample moments.</summary>
internal static class Moments
{
    /// <summary>The mean and the variance with divisor n (two passes, for accuracy).</summary>
    public static (double Mean, double Variance) MeanVariance(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return (double.NaN, double.NaN);
        }

        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        double mean = sum / values.Length, ss = 0;
        foreach (var v in values)
        {
            ss += (v - mean) * (v - mean);
        }

        return (mean, ss / values.Length);
    }
}
