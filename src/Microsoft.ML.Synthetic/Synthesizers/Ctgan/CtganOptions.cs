namespace Microsoft.ML.Synthetic;

/// <summary>
/// Settings of <see cref="CtganEstimator"/>, the conditional tabular GAN of Xu et al. 2019 ("Modeling Tabular Data
/// using Conditional GAN"). Defaults are the paper's and the reference implementation's.
/// </summary>
/// <remarks>
/// Setting <see cref="DeepSynthesizerOptions.DifferentialPrivacy"/> (or its shortcuts
/// <see cref="DeepSynthesizerOptions.Epsilon"/> and <see cref="DeepSynthesizerOptions.Delta"/>) trains DP-CTGAN
/// (after Fang, Dhami &amp; Kersting 2022 and smartnoise-sdk's DPCTGAN): only the critic sees real rows, and its
/// gradients on them are clipped per row and noised by DP-SGD; the generator learns through the private critic
/// alone, so it is post-processing. What differs from CTGAN, and why:
/// <list type="bullet">
/// <item>The encoding comes from the declared <see cref="DifferentialPrivacyOptions.PublicBounds"/> and
/// <see cref="DifferentialPrivacyOptions.PublicCategories"/> (one min-max mode per continuous column), never from the
/// data, as in DP-TVAE.</item>
/// <item>The generator is unconditional: CTGAN's conditional vector and training-by-sampling read the category
/// frequencies and pick real rows by category, which DP-SGD's accounting does not cover.</item>
/// <item><see cref="Pac"/> must be 1 (its DP default): a pack mixes rows, and with Poisson sampling removing one row
/// would shift every later pack.</item>
/// <item>The critic is trained with the cross-entropy GAN loss (a logit output, as smartnoise's default) and no
/// gradient penalty, whose interpolated rows would mix a real row with a generated one in every layer call.</item>
/// <item>The DP defaults: Pac 1, 30 epochs, learning rates 1e-3 (five times CTGAN's 2e-4: with 30 epochs of noisy
/// critic steps, 1e-3 gave a higher TSTR AUC on Adult at ε = 1 and ε = 3, one seed each; see the Privacy README).</item>
/// </list>
/// </remarks>
public class CtganOptions : DeepSynthesizerOptions
{
    private int? _pac;
    private double? _generatorLearningRate;
    private double? _discriminatorLearningRate;

    /// <summary>The dimension of the generator's noise input. Default 128.</summary>
    public int EmbeddingDim { get; set; } = 128;

    /// <summary>The widths of the generator's residual blocks (Linear–BatchNorm–ReLU, output concatenated with the input). Default (256, 256).</summary>
    public IReadOnlyList<int> GeneratorDims { get; set; } = [256, 256];

    /// <summary>The widths of the discriminator's hidden layers (Linear–LeakyReLU–Dropout). Default (256, 256).</summary>
    public IReadOnlyList<int> DiscriminatorDims { get; set; } = [256, 256];

    /// <summary>The generator's Adam learning rate. Default 2e-4; 1e-3 under differential privacy.</summary>
    public double GeneratorLearningRate
    {
        get => _generatorLearningRate ?? DefaultLearningRate;
        set => _generatorLearningRate = value;
    }

    /// <summary>The generator's Adam weight decay. Default 1e-6.</summary>
    public double GeneratorDecay { get; set; } = 1e-6;

    /// <summary>The discriminator's Adam learning rate. Default 2e-4; 1e-3 under differential privacy.</summary>
    public double DiscriminatorLearningRate
    {
        get => _discriminatorLearningRate ?? DefaultLearningRate;
        set => _discriminatorLearningRate = value;
    }

    /// <summary>The discriminator's Adam weight decay. Default 1e-6.</summary>
    public double DiscriminatorDecay { get; set; } = 1e-6;

    /// <summary>Adam's β₁ for both networks. Default 0.5.</summary>
    public double Beta1 { get; set; } = 0.5;

    /// <summary>Adam's β₂ for both networks. Default 0.9.</summary>
    public double Beta2 { get; set; } = 0.9;

    /// <summary>
    /// PacGAN's pack size (Lin et al. 2018): the discriminator judges this many rows at once. Default 10; 1 under
    /// differential privacy, which needs it (a pack would let one row change several packs under Poisson sampling).
    /// <see cref="DeepSynthesizerOptions.BatchSize"/> must be a multiple of it (an error says so otherwise).
    /// </summary>
    public int Pac
    {
        get => _pac ?? (IsDifferentiallyPrivate ? 1 : 10);
        set => _pac = value;
    }

    /// <summary>Discriminator updates per generator update. Default 1.</summary>
    public int DiscriminatorSteps { get; set; } = 1;

    /// <summary>Training-by-sampling draws a category with probability proportional to log(1 + frequency) (default) rather than the frequency.</summary>
    public bool LogFrequency { get; set; } = true;

    /// <summary>λ of the WGAN-GP gradient penalty (Gulrajani et al. 2017). Default 10.</summary>
    public double GradientPenaltyWeight { get; set; } = 10;

    /// <summary>The Gumbel-softmax temperature of one-hot outputs during training. Default 0.2.</summary>
    public double GumbelTau { get; set; } = 0.2;

    /// <summary>The discriminator's LeakyReLU slope, in [0, 1). Default 0.2.</summary>
    public double LeakySlope { get; set; } = 0.2;

    /// <summary>The discriminator's dropout rate. Default 0.5.</summary>
    public double Dropout { get; set; } = 0.5;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ArgumentNullException.ThrowIfNull(GeneratorDims, nameof(GeneratorDims));
        ArgumentNullException.ThrowIfNull(DiscriminatorDims, nameof(DiscriminatorDims));
        if (Pac < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Pac), Pac, "Pac must be at least 1.");
        }

        if (IsDifferentiallyPrivate && Pac != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Pac), Pac, "Differentially private CTGAN needs Pac = 1 (its default under DP): a pack of rows would let one row change several packs under Poisson sampling.");
        }

        if (BatchSize % Pac != 0)
        {
            throw new ArgumentException($"BatchSize ({BatchSize}) must be a multiple of Pac ({Pac}): the discriminator judges packs of {Pac} rows. Use for example BatchSize = {Math.Max(Pac, BatchSize / Pac * Pac)}.", nameof(BatchSize));
        }

        if (EmbeddingDim < 1 || GeneratorDims.Any(d => d < 1) || DiscriminatorDims.Any(d => d < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(EmbeddingDim), "EmbeddingDim and every layer width must be at least 1.");
        }

        if (DiscriminatorSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DiscriminatorSteps), DiscriminatorSteps, "DiscriminatorSteps must be at least 1.");
        }

        if (!(GeneratorLearningRate > 0) || !(DiscriminatorLearningRate > 0) || !(GeneratorDecay >= 0) || !(DiscriminatorDecay >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(GeneratorLearningRate), "Learning rates must be positive and weight decays non-negative.");
        }

        if (!(Beta1 >= 0 && Beta1 < 1) || !(Beta2 >= 0 && Beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Beta1), "Beta1 and Beta2 must lie in [0, 1).");
        }

        if (!(GradientPenaltyWeight >= 0) || !(GumbelTau > 0) || !(Dropout >= 0 && Dropout < 1) || !(LeakySlope >= 0 && LeakySlope < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(GumbelTau), "GradientPenaltyWeight must be non-negative, GumbelTau positive, Dropout and LeakySlope in [0, 1).");
        }
    }

    private double DefaultLearningRate => IsDifferentiallyPrivate ? 1e-3 : 2e-4;
}
