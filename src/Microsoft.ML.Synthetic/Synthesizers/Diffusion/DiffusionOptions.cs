namespace Microsoft.ML.Synthetic;

/// <summary>
/// Settings of <see cref="DiffusionEstimator"/>, the TabDDPM-class diffusion synthesizer (Kotelnikov, Baranchuk,
/// Rubachev and Babenko, "TabDDPM: Modelling Tabular Data with Diffusion Models", ICML 2023).
/// </summary>
/// <remarks>
/// The defaults are chosen for a CPU: Adult's 26,000 training rows train in under 10 minutes on one core and 100,000 rows sample
/// in minutes. The paper's settings are a preset, <see cref="Paper"/>: 1000 diffusion steps, a six-layer MLP
/// (the tuned Adult network of the reference repository's configuration is of this size: widths up to 1024), batch
/// 4096, learning rate about 10⁻³ and 30,000 iterations; on this CPU its sampling costs ten times the default's per row.
/// Differential privacy is not available for this synthesizer.
/// </remarks>
public sealed class DiffusionOptions : DeepSynthesizerOptions
{
    /// <summary>Default values of the options.</summary>
    public static class Defaults
    {
        /// <summary>Diffusion steps T (the paper: 1000; fewer steps make sampling proportionally faster).</summary>
        public const int Steps = 100;

        /// <summary>
        /// Passes over the training data: on a validation split of Adult's training rows, 600 rather than 250 lowered
        /// LightGBM's detection AUC from 0.815 to 0.748, and 600 epochs of Adult's 26,000 rows fit in about 7 minutes
        /// of one CPU core.
        /// </summary>
        public const int Epochs = 600;

        /// <summary>Rows per training step.</summary>
        public const int BatchSize = 1024;

        /// <summary>Adam's learning rate.</summary>
        public const double LearningRate = 1e-3;

        /// <summary>The width of the step (and class) embedding and of the input projection (the reference's dim_t).</summary>
        public const int TimeEmbeddingDim = 128;
    }

    /// <summary>Creates options with the CPU defaults.</summary>
    public DiffusionOptions()
    {
        Epochs = Defaults.Epochs;
    }

    /// <summary>
    /// The paper's settings (Kotelnikov et al. 2023, appendix; the reference repository's tuned configurations): 1000
    /// steps, the cosine schedule, hidden layers (512, 1024, 1024, 1024, 1024, 512), batch 4096, learning rate 10⁻³,
    /// 30,000 iterations (≈ 3,100 epochs of Adult's 39,000 training rows; set <see cref="DeepSynthesizerOptions.Epochs"/>
    /// for another data set). Hours of training on a CPU.
    /// </summary>
    public static DiffusionOptions Paper(string? labelColumn = null) => new()
    {
        Steps = 1000,
        Schedule = DiffusionSchedule.Cosine,
        HiddenDims = [512, 1024, 1024, 1024, 1024, 512],
        BatchSize = 4096,
        LearningRate = 1e-3,
        Epochs = 3100,
        LabelColumn = labelColumn,
    };

    /// <summary>Diffusion steps T of both the Gaussian and the multinomial process (at least 2). Sampling runs the network T times.</summary>
    public int Steps { get; set; } = Defaults.Steps;

    /// <summary>The variance schedule β_1 … β_T. Default cosine (TabDDPM's).</summary>
    public DiffusionSchedule Schedule { get; set; } = DiffusionSchedule.Cosine;

    /// <summary>The hidden layer widths of the denoising MLP. Default (256, 256, 256).</summary>
    public IReadOnlyList<int> HiddenDims { get; set; } = [256, 256, 256];

    /// <summary>The width of the step and class embeddings (even, at least 2). Default 128.</summary>
    public int TimeEmbeddingDim { get; set; } = Defaults.TimeEmbeddingDim;

    /// <summary>Adam's learning rate. Default 10⁻³ (on a small test table, 2·10⁻³ for 500 steps left the class-conditional means far off; 10⁻³ for 1600 steps reproduced them).</summary>
    public double LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>
    /// Whether the learning rate falls linearly from <see cref="LearningRate"/> to 0 over the training steps, as the
    /// TabDDPM reference's training loop anneals it. Default false: on a validation split of Adult's training rows,
    /// annealing over 250 epochs made the rows easier to tell from real ones (LightGBM detection AUC 0.850 against 0.815).
    /// </summary>
    public bool AnnealLearningRate { get; set; }

    /// <summary>Adam's L2 weight decay. Default 0 (the reference's).</summary>
    public double WeightDecay { get; set; }

    /// <summary>
    /// The categorical column the model is conditioned on (TabDDPM's class-conditional model: the class's embedding is
    /// added to the step's); sampled from its training frequencies, or fixed by a condition on it. Null (the default)
    /// trains an unconditional model over every column.
    /// </summary>
    public string? LabelColumn { get; set; }

    private protected override int DefaultBatchSize => Defaults.BatchSize;

    /// <inheritdoc/>
    public override void Validate()
    {
        if (IsDifferentiallyPrivate)
        {
            throw new ArgumentException($"{nameof(DiffusionOptions)}.{nameof(DifferentialPrivacy)} is set, but the diffusion synthesizer has no differentially private training; use TVAE or CTGAN with differential privacy, or leave it null.", nameof(DifferentialPrivacy));
        }

        if (Streaming is not null)
        {
            throw new ArgumentException($"{nameof(DiffusionOptions)}.{nameof(Streaming)} is set, but the diffusion synthesizer trains in memory only (its quantile transform is fitted on every row); use TVAE or CTGAN for streamed training, or leave it null.", nameof(Streaming));
        }

        base.Validate();
        static void Require(bool ok, string name, object value, string rule)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{nameof(DiffusionOptions)}.{name} is {value}; it {rule}.");
            }
        }

        Require(Steps is >= 2 and <= 100_000, nameof(Steps), Steps, "must lie in [2, 100000]");
        Require(Enum.IsDefined(Schedule), nameof(Schedule), Schedule, "must be Cosine or Linear");
        ArgumentNullException.ThrowIfNull(HiddenDims, nameof(HiddenDims));
        Require(HiddenDims.All(d => d is >= 1 and <= 65_536), nameof(HiddenDims), string.Join(", ", HiddenDims), "must hold widths in [1, 65536]");
        Require(TimeEmbeddingDim is >= 2 and <= 65_536 && TimeEmbeddingDim % 2 == 0, nameof(TimeEmbeddingDim), TimeEmbeddingDim, "must be even and in [2, 65536]");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, nameof(LearningRate), LearningRate, "must be a positive number");
        Require(double.IsFinite(WeightDecay) && WeightDecay >= 0, nameof(WeightDecay), WeightDecay, "must be a finite number ≥ 0");
    }
}
