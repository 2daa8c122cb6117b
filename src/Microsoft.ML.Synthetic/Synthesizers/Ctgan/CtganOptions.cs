namespace Microsoft.ML.Synthetic;

/// <summary>
/// Settings of <see cref="CtganEstimator"/>, the conditional tabular GAN of Xu et al. 2019 ("Modeling Tabular Data
/// using Conditional GAN"). Defaults are the paper's and the reference implementation's.
/// </summary>
/// <remarks><see cref="DpCtganOptions"/> derives from it for differentially private training (DP-CTGAN).</remarks>
public class CtganOptions : DeepSynthesizerOptions
{
    /// <summary>The dimension of the generator's noise input. Default 128.</summary>
    public int EmbeddingDim { get; set; } = 128;

    /// <summary>The widths of the generator's residual blocks (Linear–BatchNorm–ReLU, output concatenated with the input). Default (256, 256).</summary>
    public IReadOnlyList<int> GeneratorDims { get; set; } = [256, 256];

    /// <summary>The widths of the discriminator's hidden layers (Linear–LeakyReLU–Dropout). Default (256, 256).</summary>
    public IReadOnlyList<int> DiscriminatorDims { get; set; } = [256, 256];

    /// <summary>The generator's Adam learning rate. Default 2e-4.</summary>
    public double GeneratorLearningRate { get; set; } = 2e-4;

    /// <summary>The generator's Adam weight decay. Default 1e-6.</summary>
    public double GeneratorDecay { get; set; } = 1e-6;

    /// <summary>The discriminator's Adam learning rate. Default 2e-4.</summary>
    public double DiscriminatorLearningRate { get; set; } = 2e-4;

    /// <summary>The discriminator's Adam weight decay. Default 1e-6.</summary>
    public double DiscriminatorDecay { get; set; } = 1e-6;

    /// <summary>Adam's β₁ for both networks. Default 0.5.</summary>
    public double Beta1 { get; set; } = 0.5;

    /// <summary>Adam's β₂ for both networks. Default 0.9.</summary>
    public double Beta2 { get; set; } = 0.9;

    /// <summary>
    /// PacGAN's pack size (Lin et al. 2018): the discriminator judges this many rows at once. Default 10.
    /// <see cref="DeepSynthesizerOptions.BatchSize"/> must be a multiple of it (an error says so otherwise).
    /// </summary>
    public int Pac { get; set; } = 10;

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
}
