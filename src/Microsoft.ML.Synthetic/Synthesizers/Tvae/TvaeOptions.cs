namespace Microsoft.ML.Synthetic;

/// <summary>
/// Settings of <see cref="TvaeEstimator"/>, the tabular variational autoencoder of Xu et al. 2019 ("Modeling
/// Tabular Data using Conditional GAN", §5). Defaults are the paper's and the reference implementation's.
/// </summary>
/// <remarks>
/// Training settings that change how gradients are computed (for example a differentially private variant with
/// a privacy budget) belong on this class too: the training step works on per-row losses
/// (see <c>TvaeLoss.PerRow</c>), so a variant can clip and noise them per row.
/// </remarks>
public class TvaeOptions : DeepSynthesizerOptions
{
    /// <summary>The hidden layer widths of the encoder. Default (128, 128).</summary>
    public IReadOnlyList<int> CompressDims { get; set; } = [128, 128];

    /// <summary>The hidden layer widths of the decoder. Default (128, 128).</summary>
    public IReadOnlyList<int> DecompressDims { get; set; } = [128, 128];

    /// <summary>The latent dimension. Default 128.</summary>
    public int EmbeddingDim { get; set; } = 128;

    /// <summary>The weight of the reconstruction loss against the KL term. Default 2.</summary>
    public double LossFactor { get; set; } = 2;

    /// <summary>Adam's learning rate. Default 1e-3.</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Adam's L2 weight decay. Default 1e-5.</summary>
    public double WeightDecay { get; set; } = 1e-5;

    /// <summary>
    /// The starting value of the learned σ of each continuous output (the decoder's Gaussian noise on α), kept in
    /// [0.01, 1] during training. Default 0.1.
    /// </summary>
    public double InitialSigma { get; set; } = 0.1;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ArgumentNullException.ThrowIfNull(CompressDims, nameof(CompressDims));
        ArgumentNullException.ThrowIfNull(DecompressDims, nameof(DecompressDims));
        if (CompressDims.Any(d => d < 1) || DecompressDims.Any(d => d < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CompressDims), "Every layer width must be at least 1.");
        }

        if (EmbeddingDim < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EmbeddingDim), EmbeddingDim, "EmbeddingDim must be at least 1.");
        }

        if (!(LossFactor > 0) || !(LearningRate > 0) || !(WeightDecay >= 0) || !(InitialSigma >= 0.01 && InitialSigma <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(LossFactor), "LossFactor and LearningRate must be positive, WeightDecay non-negative, InitialSigma in [0.01, 1].");
        }
    }
}
