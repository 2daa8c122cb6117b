using Microsoft.ML.Synthetic.Privacy.Mechanisms;
namespace Microsoft.ML.Synthetic.Privacy.DpSgd;

/// <summary>How DP-SGD draws each batch.</summary>
internal enum DpSgdSampling
{
    /// <summary>
    /// Each example joins each batch independently with probability q = <see cref="DpSgdOptions.BatchSize"/>/N
    /// (batch sizes vary). This is the sampling the RDP analysis of the subsampled Gaussian assumes.
    /// </summary>
    Poisson,

    /// <summary>
    /// A uniformly random subset of exactly <see cref="DpSgdOptions.BatchSize"/> examples per step. Accounted as
    /// Poisson sampling with q = B/N, as TensorFlow Privacy and Opacus tutorials do for shuffled batches; that is
    /// an approximation, not a proven guarantee, and the ledger says so.
    /// </summary>
    FixedSize,
}

/// <summary>How DP-SGD bounds each example's gradient.</summary>
internal enum DpSgdClipping
{
    /// <summary>The whole per-example gradient (all parameters together) is clipped to L2 norm C (Abadi et al. 2016).</summary>
    Flat,

    /// <summary>
    /// Each trainable parameter tensor's per-example gradient is clipped to C/√K, K the number of trainable tensors
    /// (per-layer clipping, McMahan et al. 2018; Opacus' <c>per_layer</c> with equal bounds). The whole per-example
    /// gradient then has norm at most √(K·C²/K) = C, so the sensitivity, the noise N(0, σ²C²) and the accounting are
    /// exactly those of flat clipping; what changes is that a layer with small gradients is no longer scaled down
    /// by another layer's large ones.
    /// </summary>
    PerLayer,
}

/// <summary>Options of <see cref="DpSgdEngine"/>.</summary>
internal sealed class DpSgdOptions
{
    /// <summary>The clipping bound C on each example's gradient L2 norm (over all parameters).</summary>
    public double MaxGradNorm { get; set; } = 1.0;

    /// <summary>The noise multiplier σ: noise N(0, σ²C²) per coordinate of the summed clipped gradients. Set this or <see cref="TargetEpsilon"/>.</summary>
    public double? NoiseMultiplier { get; set; }

    /// <summary>The target ε: σ is searched so that <see cref="PlannedSteps"/> steps spend at most this at <see cref="Delta"/>.</summary>
    public double? TargetEpsilon { get; set; }

    /// <summary>δ of the reported (ε, δ) guarantee.</summary>
    public double Delta { get; set; } = 1e-5;

    /// <summary>The (expected) batch size B; the sampling rate is q = B/N.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>How each example's gradient is clipped. Default <see cref="DpSgdClipping.Flat"/>.</summary>
    public DpSgdClipping Clipping { get; set; } = DpSgdClipping.Flat;

    /// <summary>How batches are drawn.</summary>
    public DpSgdSampling Sampling { get; set; } = DpSgdSampling.Poisson;

    /// <summary>
    /// Which accountant turns the steps into ε at <see cref="Delta"/> — for the σ search of <see cref="TargetEpsilon"/>,
    /// the stopping rule and the ledger. Default <see cref="PrivacyAccountant.Rdp"/>; <see cref="PrivacyAccountant.Prv"/>
    /// gives a tighter ε (so a smaller σ for the same target) at tens to hundreds of milliseconds per evaluation.
    /// </summary>
    public PrivacyAccountant Accountant { get; set; } = PrivacyAccountant.Rdp;

    /// <summary>The number of steps the training plans (needed with <see cref="TargetEpsilon"/>); e.g. epochs·N/B.</summary>
    public long? PlannedSteps { get; set; }

    /// <summary>
    /// NOT PRIVATE: when set, the batch sampling and the gradient noise come from a generator seeded with this value,
    /// so the run can be replayed exactly — and so can anyone who learns the seed, who can then subtract the noise
    /// and see which rows each batch held. The output of such a run has <b>no</b> differential-privacy guarantee and
    /// its ledger entry says so (<see cref="PrivacyLedgerEntry.NotPrivateReason"/>). Use it only for tests
    /// and demonstrations. Null (the default): every bit of noise and sampling is read from the operating system's
    /// cryptographically secure generator (<see cref="NoiseSource.Secure"/>) and never stored. Either way
    /// the noise is floating-point Gaussian noise, as in Opacus and TensorFlow Privacy.
    /// </summary>
    public int? NonPrivateReproducibleSeed { get; set; }
}
