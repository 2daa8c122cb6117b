using Microsoft.ML.Synthetic.Privacy.NoiseSteps;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Differentially private noise steps, reached with <c>mlContext.Synthetic().Privacy</c>. Each is a train-only
/// pipeline stage: the estimators after it are fitted on the noisy training rows, while the fitted chain scores
/// any data unchanged. Each records its budget in the chain's ledger (<see cref="PrivacyLedgerCatalog.Ledger"/>).
/// Noise comes from a cryptographically secure source unless an unsafe seed is set in the options.
/// </summary>
public static class PrivacyNoiseCatalog
{
    /// <summary>
    /// Adds Laplace noise to <paramref name="columnName"/> (Single or Double): each value is clamped to
    /// [<paramref name="lower"/>, <paramref name="upper"/>] and released ε-DP with discrete Laplace noise of scale
    /// ≈ (upper − lower)/ε on a power-of-two grid.
    /// </summary>
    /// <param name="catalog">The privacy catalog.</param>
    /// <param name="columnName">The numeric column.</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="lower">The public lower bound (values below are clamped up to it before the noise).</param>
    /// <param name="upper">The public upper bound (values above are clamped down to it).</param>
    public static LaplaceNoiseEstimator AddLaplaceNoise(this PrivacyCatalog catalog, string columnName, double epsilon, double lower, double upper) =>
        AddLaplaceNoise(catalog, new LaplaceNoiseOptions { ColumnName = columnName, Epsilon = epsilon, Lower = lower, Upper = upper });

    /// <summary>Adds Laplace noise with every option.</summary>
    public static LaplaceNoiseEstimator AddLaplaceNoise(this PrivacyCatalog catalog, LaplaceNoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new LaplaceNoiseEstimator(catalog.Owner.Context, options);
    }

    /// <summary>
    /// Adds Gaussian noise to <paramref name="columnName"/> (Single or Double): each value is clamped to
    /// [<paramref name="lower"/>, <paramref name="upper"/>] and released (ε, δ)-DP with discrete Gaussian noise whose
    /// σ comes from the analytic Gaussian calibration for sensitivity upper − lower.
    /// </summary>
    /// <param name="catalog">The privacy catalog.</param>
    /// <param name="columnName">The numeric column.</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="delta">δ in (0, 1).</param>
    /// <param name="lower">The public lower bound.</param>
    /// <param name="upper">The public upper bound.</param>
    public static GaussianNoiseEstimator AddGaussianNoise(this PrivacyCatalog catalog, string columnName, double epsilon, double delta, double lower, double upper) =>
        AddGaussianNoise(catalog, new GaussianNoiseOptions { ColumnName = columnName, Epsilon = epsilon, Delta = delta, Lower = lower, Upper = upper });

    /// <summary>Adds Gaussian noise with every option.</summary>
    public static GaussianNoiseEstimator AddGaussianNoise(this PrivacyCatalog catalog, GaussianNoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GaussianNoiseEstimator(catalog.Owner.Context, options);
    }

    /// <summary>
    /// k-ary randomized response on the text column <paramref name="columnName"/> over the public
    /// <paramref name="categories"/>: each row keeps its value with probability e^ε/(e^ε + k − 1).
    /// </summary>
    /// <param name="catalog">The privacy catalog.</param>
    /// <param name="columnName">The categorical (text) column.</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="categories">The public list of categories; every value in the column must be one of them.</param>
    public static RandomizedResponseEstimator RandomizedResponse(this PrivacyCatalog catalog, string columnName, double epsilon, IReadOnlyList<string> categories) =>
        RandomizedResponse(catalog, new RandomizedResponseOptions { ColumnName = columnName, Epsilon = epsilon, Categories = categories });

    /// <summary>Randomized response with every option (key columns need no category list).</summary>
    public static RandomizedResponseEstimator RandomizedResponse(this PrivacyCatalog catalog, RandomizedResponseOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RandomizedResponseEstimator(catalog.Owner.Context, options);
    }
}
