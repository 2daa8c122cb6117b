namespace Microsoft.ML.Synthetic;

/// <summary>Adds the MST differentially private synthesizer to <c>mlContext.Synthetic().Synthesizers</c>.</summary>
public static class MstCatalog
{
    /// <summary>
    /// MST (McKenna, Miklau &amp; Sheldon, "Winning the NIST Contest", JPC 2021): (ε, δ)-differentially private
    /// synthetic data from noisy one- and two-way marginals along a tree of columns chosen privately, fitted with
    /// Private-PGM. The domain must be declared: bounds for every number column (cut into bins), categories for every
    /// categorical column; nothing about the domain is read from the private rows. The model's ledger records the
    /// zCDP ρ and (ε, δ) of each step.
    /// </summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="epsilon">The ε of the guarantee.</param>
    /// <param name="publicBounds">The declared range of each number column, by name.</param>
    /// <param name="publicCategories">The declared categories of each categorical column, by name.</param>
    /// <param name="delta">The δ of the guarantee.</param>
    /// <param name="seed">The model's default sampling seed; null draws one from the ML.NET context.</param>
    public static MstEstimator Mst(this SynthesizerCatalog catalog, double epsilon,
        IDictionary<string, (double Lower, double Upper)> publicBounds, IDictionary<string, IReadOnlyList<string>> publicCategories,
        double delta = MstOptions.Defaults.Delta, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MstEstimator(catalog.Owner, new MstOptions { Epsilon = epsilon, Delta = delta, PublicBounds = publicBounds, PublicCategories = publicCategories, Seed = seed });
    }

    /// <summary>The MST synthesizer with all its options.</summary>
    /// <param name="catalog">The synthesizer catalog.</param>
    /// <param name="options">The options.</param>
    public static MstEstimator Mst(this SynthesizerCatalog catalog, MstOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new MstEstimator(catalog.Owner, options);
    }
}
