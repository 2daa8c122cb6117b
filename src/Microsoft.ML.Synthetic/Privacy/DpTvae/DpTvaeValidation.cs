namespace Microsoft.ML.Synthetic.Privacy.DpTvae;

/// <summary>Checks the differential-privacy settings of <see cref="TvaeOptions"/>, naming the bad parameter or column.</summary>
#pragma warning disable CA2208 // the parameter named is the TvaeOptions property the user set, as in TvaeOptions.Validate
internal static class DpTvaeValidation
{
    public static void Validate(TvaeOptions options)
    {
        if (options.Epsilon is not double epsilon)
        {
            if (options.Delta is not null)
            {
                throw new ArgumentException($"{nameof(TvaeOptions.Delta)} is set but {nameof(TvaeOptions.Epsilon)} is not: set both for differentially private training, or neither.", nameof(TvaeOptions.Delta));
            }

            if (options.NonPrivateReproducibleSeed is not null)
            {
                throw new ArgumentException($"{nameof(TvaeOptions.NonPrivateReproducibleSeed)} applies only to differentially private training ({nameof(TvaeOptions.Epsilon)} set); non-private training is reproducible through {nameof(TvaeOptions.Seed)}.", nameof(TvaeOptions.NonPrivateReproducibleSeed));
            }

            return;
        }

        PrivacyParameters.ThrowIfBadEpsilon(epsilon, nameof(TvaeOptions.Epsilon));
        double delta = options.Delta
            ?? throw new ArgumentException($"Differentially private training needs {nameof(TvaeOptions.Delta)} as well as {nameof(TvaeOptions.Epsilon)} (δ in (0, 1), typically below 1/N).", nameof(TvaeOptions.Delta));
        PrivacyParameters.ThrowIfBadDelta(delta, nameof(TvaeOptions.Delta));
        PrivacyParameters.ThrowIfBadPositive(options.MaxGradNorm, nameof(TvaeOptions.MaxGradNorm), "The clipping bound");
        ArgumentNullException.ThrowIfNull(options.PublicBounds, nameof(TvaeOptions.PublicBounds));
        ArgumentNullException.ThrowIfNull(options.PublicCategories, nameof(TvaeOptions.PublicCategories));
        foreach (var (column, (lower, upper)) in options.PublicBounds)
        {
            PrivacyParameters.ThrowIfBadBounds(lower, upper, column);
        }

        foreach (var (column, categories) in options.PublicCategories)
        {
            if (categories is null || categories.Count == 0)
            {
                throw new ArgumentException($"Column '{column}': the declared public categories are empty.", nameof(TvaeOptions.PublicCategories));
            }
        }
    }
}
