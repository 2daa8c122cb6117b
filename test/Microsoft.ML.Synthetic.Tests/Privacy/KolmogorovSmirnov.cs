namespace Microsoft.ML.Synthetic.Tests.Privacy;

/// <summary>The one-sample Kolmogorov–Smirnov test against a continuous CDF (asymptotic Kolmogorov distribution).</summary>
internal static class KolmogorovSmirnov
{
    /// <summary>The p-value of the samples against <paramref name="cdf"/>.</summary>
    public static double PValue(IEnumerable<double> samples, Func<double, double> cdf)
    {
        var x = samples.Order().ToArray();
        int n = x.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(x[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / n) - f, f - ((double)i / n)));
        }

        // Stephens' small-sample correction of λ; Q(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²).
        double sqrtN = Math.Sqrt(n);
        double lambda = (sqrtN + 0.12 + (0.11 / sqrtN)) * d;
        double p = 0;
        for (int k = 1; k <= 100; k++)
        {
            p += 2 * (k % 2 == 1 ? 1 : -1) * Math.Exp(-2 * k * k * lambda * lambda);
        }

        return Math.Clamp(p, 0, 1);
    }
}
