using Microsoft.ML.Synthetic.Privacy;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Differentially private training of a deep synthesizer (TVAE, CTGAN) by DP-SGD (Abadi et al. 2016, "Deep Learning
/// with Differential Privacy"): Poisson-sampled batches, each row's gradient clipped to <see cref="MaxGradNorm"/>,
/// Gaussian noise on the sum, and the RDP accountant. Set it as <see cref="DeepSynthesizerOptions.DifferentialPrivacy"/>
/// (or through the <see cref="DeepSynthesizerOptions.Epsilon"/> and <see cref="DeepSynthesizerOptions.Delta"/>
/// shortcuts); the synthesizer's DP defaults then apply to every setting the user did not set (see
/// <see cref="TvaeOptions"/> and <see cref="CtganOptions"/>).
/// </summary>
/// <remarks>
/// The encoding is built from <see cref="PublicBounds"/> and <see cref="PublicCategories"/>, never from the training
/// data, so it spends nothing; every continuous column needs bounds and every categorical column categories (Boolean
/// columns need none). The fitted model reports what training spent in its privacy ledger.
/// </remarks>
public sealed class DifferentialPrivacyOptions
{
    /// <summary>
    /// The target ε of the whole training run: the noise multiplier is searched so that the planned steps
    /// (epochs · N / batch size) spend at most this at <see cref="Delta"/>; training stops before a step that would
    /// exceed it. Set this or <see cref="NoiseMultiplier"/>.
    /// </summary>
    public double? Epsilon { get; set; }

    /// <summary>The noise multiplier σ of DP-SGD (noise N(0, σ²C²) on the sum of clipped row gradients): all planned steps run and the ε they spend is reported. Set this or <see cref="Epsilon"/>.</summary>
    public double? NoiseMultiplier { get; set; }

    /// <summary>The δ of the (ε, δ) guarantee; required, in (0, 1), typically below 1/N.</summary>
    public double? Delta { get; set; }

    /// <summary>
    /// The accountant that turns (σ, sampling rate, steps, δ) into ε: for the noise-multiplier search, the stopping rule
    /// and the ledger. Default <see cref="PrivacyAccountant.Rdp"/> (the figures in the Privacy README were measured with
    /// it); <see cref="PrivacyAccountant.Prv"/> (Gopi et al. 2021, Opacus's default) gives a tighter ε for the same
    /// training, hence less noise for the same target ε. The ledger entry names the accountant used.
    /// </summary>
    public PrivacyAccountant Accountant { get; set; } = PrivacyAccountant.Rdp;

    /// <summary>The clipping bound C on each row's gradient L2 norm. Default 1.</summary>
    public double MaxGradNorm { get; set; } = 1.0;

    /// <summary>
    /// The declared public range [Lower, Upper] of each continuous column, by column name. Training values outside it
    /// are clipped to it, silently (an error or a warning would reveal that the private rows hold such a value); it
    /// must come from domain knowledge, not from the private data.
    /// </summary>
    public IDictionary<string, (double Lower, double Upper)> PublicBounds { get; set; } = new Dictionary<string, (double Lower, double Upper)>();

    /// <summary>
    /// The declared public categories of each categorical column, by column name; the model's categories are exactly
    /// these (in ordinal order, as the reader orders categories; a key column keeps the declared order). A training
    /// value that is not among them is treated as a missing value, silently (an error or a warning would reveal that
    /// the private rows hold it). Boolean columns need none (False, True).
    /// </summary>
    public IDictionary<string, IReadOnlyList<string>> PublicCategories { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// NOT PRIVATE: when set, all randomness of training — the DP-SGD noise, the Poisson batches, the initial weights
    /// and every other draw — comes from generators seeded with this value, so the same data and options give the
    /// same model. Anyone who learns the seed can replay the noise and the batches, so such a model has <b>no</b>
    /// differential-privacy guarantee, and its ledger entry is marked not private
    /// (<see cref="PrivacyLedgerEntry.NotPrivateReason"/>). For tests and demonstrations only. Null (the
    /// default): training randomness is read from the operating system's cryptographically secure generator and never
    /// stored; <see cref="DeepSynthesizerOptions.Seed"/> and the ML.NET context's seed then set only the model's
    /// default sampling seed (sampling is post-processing of the private model).
    /// </summary>
    public int? NonPrivateReproducibleSeed { get; set; }

    /// <summary>
    /// Fills <see cref="PublicBounds"/> and <see cref="PublicCategories"/> from the bounds and category lists declared in
    /// <paramref name="metadata"/> (numerical columns with both a minimum and a maximum; categorical columns with a
    /// category list), replacing entries of the same columns. Declared metadata is public knowledge, so this spends no
    /// privacy budget; detected metadata never holds bounds or categories.
    /// </summary>
    /// <returns>These options, for chaining.</returns>
    public DifferentialPrivacyOptions UsePublicMetadata(TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Metadata.PublicMetadata.CopyTo(metadata, PublicBounds, PublicCategories);
        return this;
    }

    /// <summary>Checks the settings; throws an exception whose parameter name is the bad setting (or names the bad column).</summary>
#pragma warning disable CA2208 // the parameter named is the property the user set
    public void Validate()
    {
        if (Epsilon is null == NoiseMultiplier is null)
        {
            throw new ArgumentException($"Differentially private training needs exactly one of {nameof(Epsilon)} (the noise is then calibrated to it) and {nameof(NoiseMultiplier)}; set one of them, or leave DifferentialPrivacy null for non-private training.", Epsilon is null ? nameof(Epsilon) : nameof(NoiseMultiplier));
        }

        if (Epsilon is double epsilon)
        {
            PrivacyParameters.ThrowIfBadEpsilon(epsilon, nameof(Epsilon));
        }

        if (NoiseMultiplier is double sigma)
        {
            PrivacyParameters.ThrowIfBadPositive(sigma, nameof(NoiseMultiplier), "The noise multiplier");
        }

        double delta = Delta ?? throw new ArgumentException($"Differentially private training needs {nameof(Delta)} (δ in (0, 1), typically below 1/N) as well as {nameof(Epsilon)} or {nameof(NoiseMultiplier)}.", nameof(Delta));
        PrivacyParameters.ThrowIfBadDelta(delta, nameof(Delta));
        PrivacyParameters.ThrowIfBadPositive(MaxGradNorm, nameof(MaxGradNorm), "The clipping bound");
        ArgumentNullException.ThrowIfNull(PublicBounds, nameof(PublicBounds));
        ArgumentNullException.ThrowIfNull(PublicCategories, nameof(PublicCategories));
        foreach (var (column, (lower, upper)) in PublicBounds)
        {
            PrivacyParameters.ThrowIfBadBounds(lower, upper, column);
        }

        foreach (var (column, categories) in PublicCategories)
        {
            if (categories is null || categories.Count == 0)
            {
                throw new ArgumentException($"Column '{column}': the declared public categories are empty; list the column's possible values in {nameof(PublicCategories)}.", nameof(PublicCategories));
            }
        }
    }
#pragma warning restore CA2208
}
