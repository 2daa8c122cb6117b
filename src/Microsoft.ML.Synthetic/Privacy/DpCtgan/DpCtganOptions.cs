using Microsoft.ML.Synthetic.Privacy;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// <see cref="CtganOptions"/> for differentially private training (DP-CTGAN, after Fang, Dhami &amp; Kersting 2022
/// and smartnoise-sdk's DPCTGAN): only the critic sees real rows, and its gradients on them are clipped per row and
/// noised by DP-SGD; the generator learns through the private critic alone, so it is post-processing. Pass it to
/// <c>mlContext.Synthetic().Synthesizers.Ctgan(options)</c>.
/// </summary>
/// <remarks>
/// What differs from CTGAN, and why:
/// <list type="bullet">
/// <item>The encoding comes from <see cref="PublicBounds"/> and <see cref="PublicCategories"/> (one min-max mode per
/// continuous column), never from the data, as in DP-TVAE.</item>
/// <item>The generator is unconditional: CTGAN's conditional vector and training-by-sampling read the category
/// frequencies and pick real rows by category, which DP-SGD's accounting does not cover.</item>
/// <item><see cref="CtganOptions.Pac"/> must be 1: a pack mixes rows, and with Poisson sampling removing one row
/// would shift every later pack.</item>
/// <item>The critic is trained with the cross-entropy GAN loss (a logit output, as smartnoise's default) and no
/// gradient penalty, whose interpolated rows would mix a real row with a generated one in every layer call.</item>
/// </list>
/// </remarks>
public sealed class DpCtganOptions : CtganOptions
{
    /// <summary>Creates the options with the DP defaults (Pac 1; batch 500; 30 epochs; learning rates 1e-3).</summary>
    /// <remarks>
    /// The learning rates are five times CTGAN's 2e-4: with 30 epochs of noisy critic steps, 1e-3 gave a higher TSTR
    /// AUC on Adult at ε = 1 and ε = 3 (one seed each; see the Privacy README).
    /// </remarks>
    public DpCtganOptions()
    {
        Pac = 1;
        Epochs = 30;
        GeneratorLearningRate = 1e-3;
        DiscriminatorLearningRate = 1e-3;
    }

    /// <summary>The target ε of the whole run; set this (the noise multiplier is then searched) or <see cref="NoiseMultiplier"/>.</summary>
    public double? Epsilon { get; set; }

    /// <summary>δ of the (ε, δ) guarantee; required, in (0, 1), typically below 1/N.</summary>
    public double? Delta { get; set; }

    /// <summary>The noise multiplier σ of DP-SGD; set this (all planned steps run and ε is reported) or <see cref="Epsilon"/>.</summary>
    public double? NoiseMultiplier { get; set; }

    /// <summary>The clipping bound C of each real row's critic gradient. Default 1.</summary>
    public double MaxGradNorm { get; set; } = 1.0;

    /// <summary>The declared public range [Lower, Upper] of each continuous column, by name (from domain knowledge, not the data); training values outside it are clipped to it, silently.</summary>
    public IDictionary<string, (double Lower, double Upper)> PublicBounds { get; set; } = new Dictionary<string, (double Lower, double Upper)>();

    /// <summary>
    /// The declared public categories of each categorical column, by name; the model's categories are exactly these (in
    /// ordinal order, as the reader orders categories; a key column keeps the declared order). A training value that is
    /// not among them is treated as a missing value, silently. Boolean columns need none (False, True).
    /// </summary>
    public IDictionary<string, IReadOnlyList<string>> PublicCategories { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// NOT PRIVATE: when set, all randomness of training — the DP-SGD noise, the
    /// Poisson batches, the initial weights and every other draw — comes from generators seeded with this value, so
    /// the same data and options give the same model. Anyone who learns the seed can replay the noise and the batches,
    /// so such a model has <b>no</b> differential-privacy guarantee, and its ledger entry is marked not private
    /// (<see cref="PrivacyLedgerEntry.NotPrivateReason"/>). For tests and demonstrations only. Null
    /// (the default): training randomness is read from the operating system's cryptographically secure generator and
    /// never stored; <see cref="DeepSynthesizerOptions.Seed"/> and the ML.NET context's seed then set only the
    /// model's default sampling seed (sampling is post-processing of the private model).
    /// </summary>
    public int? NonPrivateReproducibleSeed { get; set; }

    /// <inheritdoc/>
#pragma warning disable CA2208 // the parameter named is the options property the user set, as in CtganOptions.Validate
    public override void Validate()
    {
        base.Validate();
        if (Pac != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Pac), Pac, "DP-CTGAN needs Pac = 1: a pack of rows would let one row change several packs under Poisson sampling.");
        }

        if (Epsilon is null == NoiseMultiplier is null)
        {
            throw new ArgumentException($"Set exactly one of {nameof(Epsilon)} (the noise is then calibrated to it) and {nameof(NoiseMultiplier)}.", nameof(Epsilon));
        }

        if (Epsilon is double epsilon)
        {
            PrivacyParameters.ThrowIfBadEpsilon(epsilon, nameof(Epsilon));
        }

        if (NoiseMultiplier is double sigma)
        {
            PrivacyParameters.ThrowIfBadPositive(sigma, nameof(NoiseMultiplier), "The noise multiplier");
        }

        double delta = Delta ?? throw new ArgumentException($"DP-CTGAN needs {nameof(Delta)} (δ in (0, 1), typically below 1/N).", nameof(Delta));
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
                throw new ArgumentException($"Column '{column}': the declared public categories are empty.", nameof(PublicCategories));
            }
        }
    }
#pragma warning restore CA2208
}
