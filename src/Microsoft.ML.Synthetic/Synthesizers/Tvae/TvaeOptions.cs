namespace Microsoft.ML.Synthetic;

/// <summary>
/// Settings of <see cref="TvaeEstimator"/>, the tabular variational autoencoder of Xu et al. 2019 ("Modeling
/// Tabular Data using Conditional GAN", §5). Defaults are the paper's and the reference implementation's.
/// </summary>
/// <remarks>
/// Setting <see cref="Epsilon"/> and <see cref="Delta"/> trains DP-TVAE: DP-SGD on the per-row losses
/// (see <c>TvaeLoss.PerRow</c>) with an encoding built from declared public metadata.
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
    /// [0.01, 1] during training. Default 0.1. Differentially private training holds σ fixed at this value (see <see cref="DpTvaeOptions"/>).
    /// </summary>
    public double InitialSigma { get; set; } = 0.1;

    /// <summary>
    /// The privacy budget ε of differentially private training (DP-SGD, Abadi et al. 2016). Null (the default)
    /// trains without privacy. When set, <see cref="Delta"/>, <see cref="PublicBounds"/> for every continuous
    /// column and <see cref="PublicCategories"/> for every categorical column are required: the encoding is built
    /// from that public metadata, never from the training data, and the noise multiplier is searched so that the
    /// planned <c>Epochs · N / BatchSize</c> steps spend at most ε (training stops early if a step would exceed it).
    /// The fitted <see cref="TvaeModel"/> reports what it spent in its privacy ledger.
    /// </summary>
    public double? Epsilon { get; set; }

    /// <summary>The δ of the (ε, δ) guarantee of differentially private training; required with <see cref="Epsilon"/>, in (0, 1), typically below 1/N.</summary>
    public double? Delta { get; set; }

    /// <summary>The clipping bound C on each row's gradient L2 norm in differentially private training. Default 1.</summary>
    public double MaxGradNorm { get; set; } = 1.0;

    /// <summary>
    /// Differentially private training only: the declared public range [Lower, Upper] of each continuous column,
    /// by column name. Training values outside it are clipped to it, silently (an error or a warning would reveal
    /// that the private rows hold such a value); it must come from domain knowledge, not from the private data.
    /// </summary>
    public IDictionary<string, (double Lower, double Upper)> PublicBounds { get; set; } = new Dictionary<string, (double Lower, double Upper)>();

    /// <summary>
    /// Differentially private training only: the declared public categories of each categorical column, by column
    /// name; the model's categories are exactly these (in ordinal order, as the reader orders categories; a key column
    /// keeps the declared order). A training value that is not among them is treated as a missing value, silently
    /// (an error or a warning would reveal that the private rows hold it). Boolean columns need none (False, True).
    /// </summary>
    public IDictionary<string, IReadOnlyList<string>> PublicCategories { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Differentially private training only. NOT PRIVATE: when set, all randomness of training — the DP-SGD noise, the
    /// Poisson batches, the initial weights and every other draw — comes from generators seeded with this value, so
    /// the same data and options give the same model. Anyone who learns the seed can replay the noise and the batches,
    /// so such a model has <b>no</b> differential-privacy guarantee, and its ledger entry is marked not private
    /// (<see cref="PrivacyLedgerEntry.NotPrivateReason"/>). For tests and demonstrations only. Null
    /// (the default): training randomness is read from the operating system's cryptographically secure generator and
    /// never stored; <see cref="DeepSynthesizerOptions.Seed"/> and the ML.NET context's seed then set only the
    /// model's default sampling seed (sampling is post-processing of the private model).
    /// </summary>
    public int? NonPrivateReproducibleSeed { get; set; }

    /// <summary>Whether <see cref="Epsilon"/> asks for differentially private training.</summary>
    public bool IsDifferentiallyPrivate => Epsilon.HasValue;

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

        Privacy.DpTvae.DpTvaeValidation.Validate(this);
    }
}
