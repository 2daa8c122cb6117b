namespace Microsoft.ML.Synthetic;

/// <summary>Adds the AIM differentially private synthesizer to <c>mlContext.Synthetic().Synthesizers</c>.</summary>
public static class AimCatalog
{
    /// <summary>
    /// AIM (McKenna, Mullins, Sheldon &amp; Miklau, "AIM: An Adaptive and Iterative Mechanism for Differentially
    /// Private Synthetic Data", VLDB 2022): (ε, δ)-differentially private synthetic data that answers a workload of
    /// marginals (by default every 2-way marginal) well. Rounds choose the worst-estimated marginal privately, measure
    /// it with Gaussian noise and refit a Private-PGM graphical model; the budget is annealed. The domain must be
    /// declared: bounds for every number column (cut into bins), categories for every categorical column. The model's
    /// ledger records the zCDP ρ and (ε, δ) of each kind of step.
    /// </summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="epsilon">The ε of the guarantee.</param>
    /// <param name="publicBounds">The declared range of each number column, by name.</param>
    /// <param name="publicCategories">The declared categories of each categorical column, by name.</param>
    /// <param name="delta">The δ of the guarantee.</param>
    /// <param name="seed">The model's default sampling seed; null draws one from the ML.NET context.</param>
    public static AimEstimator Aim(this SynthesizerCatalog catalog, double epsilon,
        IDictionary<string, (double Lower, double Upper)> publicBounds, IDictionary<string, IReadOnlyList<string>> publicCategories,
        double delta = AimOptions.Defaults.Delta, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AimEstimator(catalog.Owner, new AimOptions { Epsilon = epsilon, Delta = delta, PublicBounds = publicBounds, PublicCategories = publicCategories, Seed = seed });
    }

    /// <summary>The AIM synthesizer with all its options.</summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="options">The options.</param>
    public static AimEstimator Aim(this SynthesizerCatalog catalog, AimOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new AimEstimator(catalog.Owner, options);
    }
}
