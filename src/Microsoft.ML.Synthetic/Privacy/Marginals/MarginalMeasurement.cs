namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// A noisy measurement y = Q·x + N(0, σ²I) of the marginal x of a set of variables (increasing; row-major over
/// <see cref="Variables"/>, first variable slowest), where Q is diagonal: <see cref="Scale"/> (null for the identity).
/// Private-PGM's measurement form (McKenna, Sheldon &amp; Miklau, ICML 2019) restricted to diagonal queries.
/// </summary>
internal sealed record MarginalMeasurement(int[] Variables, double[] Y, double Sigma, double[]? Scale = null)
{
    /// <summary>
    /// This measurement's unbiased estimate of the total count and its variance, when the all-ones vector is in Q's row
    /// space (always, for a diagonal Q without zeros): v = 1/q, estimate v·y, variance σ²‖v‖².
    /// </summary>
    public (double Estimate, double Variance) TotalEstimate()
    {
        double estimate = 0, norm = 0;
        for (int i = 0; i < Y.Length; i++)
        {
            double v = Scale is null ? 1 : 1 / Scale[i];
            estimate += v * Y[i];
            norm += v * v;
        }

        return (estimate, Sigma * Sigma * norm);
    }
}
