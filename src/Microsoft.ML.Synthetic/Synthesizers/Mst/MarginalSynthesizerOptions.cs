using Microsoft.ML.Synthetic.Privacy;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The settings the marginal synthesizers (<see cref="MstOptions"/>, <see cref="AimOptions"/>) share: the (ε, δ)
/// guarantee, the declared public domain, how the data is read, the seeds and cancellation.
/// </summary>
/// <remarks>
/// The domain is public: number columns are cut into bins from <see cref="PublicBounds"/> (or
/// <see cref="PublicBinEdges"/>), categorical columns take <see cref="PublicCategories"/>; nothing about the domain is
/// read from the private rows. Values outside the bounds fall in the first or last bin; undeclared categories and
/// missing values fall in a "missing" cell when the column's type can hold a missing value.
/// </remarks>
public abstract class MarginalSynthesizerOptions
{
    private protected MarginalSynthesizerOptions()
    {
    }

    /// <summary>The ε of the (ε, δ) guarantee of the whole fit (required, &gt; 0).</summary>
    public double Epsilon { get; set; } = 1;

    /// <summary>The δ of the guarantee, in (0, 1), typically far below 1/N (default 1e-9, the reference's).</summary>
    public double Delta { get; set; } = 1e-9;

    /// <summary>The declared public range [Lower, Upper] of each number column, by name (required for every number column).</summary>
    public IDictionary<string, (double Lower, double Upper)> PublicBounds { get; set; } = new Dictionary<string, (double Lower, double Upper)>();

    /// <summary>The declared public categories of each categorical column, by name (Boolean columns need none).</summary>
    public IDictionary<string, IReadOnlyList<string>> PublicCategories { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Optional declared bin edges of number columns, by name: increasing, from the column's lower bound to its upper
    /// bound; a value v falls in bin k when edge k ≤ v &lt; edge k+1 (the last bin includes the upper bound). Columns
    /// not listed get <see cref="Bins"/> equal-width bins, or one bin per whole number when a whole-number column's
    /// range holds at most <see cref="Bins"/> of them.
    /// </summary>
    public IDictionary<string, IReadOnlyList<double>> PublicBinEdges { get; set; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>
    /// Fills <see cref="PublicBounds"/> and <see cref="PublicCategories"/> from the bounds and category lists declared in
    /// <paramref name="metadata"/> (numerical columns with both a minimum and a maximum; categorical columns with a
    /// category list), replacing entries of the same columns, as <see cref="DifferentialPrivacyOptions.UsePublicMetadata"/>
    /// does for the deep synthesizers. Declared metadata is public knowledge, so this spends no privacy budget.
    /// </summary>
    /// <returns>These options, for chaining.</returns>
    public MarginalSynthesizerOptions UsePublicMetadata(TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Metadata.PublicMetadata.CopyTo(metadata, PublicBounds, PublicCategories);
        return this;
    }

    /// <summary>Equal-width bins of each number column without declared edges (2 to 10,000; default 32).</summary>
    public int Bins { get; set; } = 32;

    /// <summary>How the training data is read; null for the defaults.</summary>
    public TabularDataOptions? DataOptions { get; set; }

    /// <summary>The model's default sampling seed; null draws one from the ML.NET context (sampling is post-processing).</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// NOT PRIVATE: when set, the measurement noise and the private selections draw from a generator seeded with this
    /// value, so the same data gives the same model, and anyone with the seed can subtract the noise. The ledger
    /// entries are then marked not private. Null (the default): the operating system's cryptographically secure generator.
    /// </summary>
    public int? NonPrivateReproducibleSeed { get; set; }

    /// <summary>Stops <c>Fit</c> between mirror-descent iterations (and between rounds).</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Checks the shared settings; <paramref name="optionsName"/> names the options class in errors.</summary>
    private protected void ValidateShared(string optionsName)
    {
        PrivacyParameters.ThrowIfBadEpsilon(Epsilon, nameof(Epsilon));
        PrivacyParameters.ThrowIfBadDelta(Delta, nameof(Delta));
        ColumnCells.ThrowIfBadDomain(PublicBounds, PublicCategories, PublicBinEdges, Bins, optionsName);
    }
}
