using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The settings every deep synthesizer (CTGAN, TVAE) shares: epochs, batch, seed, threads, device, progress,
/// cancellation, and differentially private training (<see cref="DifferentialPrivacy"/>).
/// </summary>
/// <remarks>
/// Settings whose default differs under differential privacy (epochs here; batch size, σ, pack size, learning rates
/// in the derived options) read back the default in force — the non-private one while
/// <see cref="DifferentialPrivacy"/> is null, the DP one once it is set — until the user sets them; a value the user
/// set always wins.
/// </remarks>
public abstract class DeepSynthesizerOptions
{
    private int? _epochs;
    private int? _batchSize;

    /// <summary>
    /// Passes over the training data. Default 300 (Xu et al. 2019); 30 under differential privacy, where the budget
    /// is fixed, so the noise multiplier grows with the number of steps, and each step clips every row's gradient
    /// (about 1.9× the time of a plain step). Measured on DP-TVAE at ε = 1 on Adult: 30 epochs of batch 250 (3120
    /// noisy steps) gave TSTR AUC 0.81 against 0.61 for 10 epochs of 500 (see the Privacy README).
    /// </summary>
    public int Epochs
    {
        get => _epochs ?? (IsDifferentiallyPrivate ? 30 : 300);
        set => _epochs = value;
    }

    /// <summary>Rows per training step (under differential privacy: the expected size of a Poisson-sampled batch). Default 500 (TVAE under differential privacy: 250).</summary>
    public int BatchSize
    {
        get => _batchSize ?? DefaultBatchSize;
        set => _batchSize = value;
    }

    /// <summary>
    /// Differentially private training (DP-SGD): ε or the noise multiplier, δ, the clipping bound, the declared public
    /// metadata the encoding is built from, and the not-private reproducibility seed. Null (the default) trains
    /// without privacy. When set, every default that differs under DP takes its DP value (see
    /// <see cref="Epochs"/>, <see cref="BatchSize"/> and the derived options).
    /// </summary>
    public DifferentialPrivacyOptions? DifferentialPrivacy { get; set; }

    /// <summary>
    /// Shortcut for <see cref="DifferentialPrivacyOptions.Epsilon"/> of <see cref="DifferentialPrivacy"/>: setting it
    /// creates <see cref="DifferentialPrivacy"/> when it is null, so <c>new TvaeOptions { Epsilon = 1, Delta = 1e-5 }</c>
    /// asks for differentially private training exactly as setting the same values on a
    /// <see cref="DifferentialPrivacyOptions"/> does. Null when training is not private.
    /// </summary>
    public double? Epsilon
    {
        get => DifferentialPrivacy?.Epsilon;
        set => Private(value)?.Epsilon = value;
    }

    /// <summary>Shortcut for <see cref="DifferentialPrivacyOptions.Delta"/> of <see cref="DifferentialPrivacy"/>, created when set (see <see cref="Epsilon"/>).</summary>
    public double? Delta
    {
        get => DifferentialPrivacy?.Delta;
        set => Private(value)?.Delta = value;
    }

    /// <summary>Whether <see cref="DifferentialPrivacy"/> asks for differentially private training.</summary>
    public bool IsDifferentiallyPrivate => DifferentialPrivacy is not null;

    /// <summary>
    /// Where LibTorch trains and the fitted model samples: <see cref="DeepDevice.Cpu"/> (the default) or
    /// <see cref="DeepDevice.Cuda"/> (the first CUDA device, when LibTorch reports one). With Cuda and no usable GPU
    /// (no CUDA device, or the TorchSharp-cpu runtime instead of the libtorch-cuda package), the fit runs on the CPU
    /// and a warning on the ML.NET log channel says so and what to install. Random draws come from the same seeded
    /// CPU generators on either device, but GPU arithmetic is not bit-reproducible: same seed, same output holds on the
    /// CPU. A saved model loads on the CPU.
    /// </summary>
    public DeepDevice Device { get; set; } = DeepDevice.Cpu;

    /// <summary>The seed of training and of the model's default sampling seed; null draws one from the ML.NET context. Under differential privacy it sets only the sampling seed: training randomness is then secret (see <see cref="DifferentialPrivacyOptions.NonPrivateReproducibleSeed"/>).</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// LibTorch's intra-op threads for training (the threads one matrix product or element-wise operation is split
    /// over) and the worker count of the preprocessing fit. LibTorch's setting is process-wide: it is applied when
    /// training starts (<c>torch.set_num_threads</c>) and stays in force for all TorchSharp code in the process,
    /// other fits included. 0 leaves LibTorch's current setting (at first: its own default, the number of physical
    /// cores). Default 1: the networks are small (batch 500, layers of 128–256), so a second thread saves little
    /// even on an idle machine, while on a shared one every step waits for the slowest thread — with one of two
    /// cores busy, LibTorch's default of two threads ran TVAE 3.6× (up to 18×) slower than one thread. The
    /// library also sets <c>OMP_WAIT_POLICY=PASSIVE</c> before it first loads LibTorch, unless the variable is
    /// already set, so that waiting OpenMP threads sleep instead of spinning (see the Deep folder's README).
    /// </summary>
    public int Threads { get; set; } = 1;

    /// <summary>Told after every epoch (epoch number and mean losses). Also logged to the ML.NET context's log channel.</summary>
    public IProgress<DeepTrainingProgress>? Progress { get; set; }

    /// <summary>Cancels training between steps (Fit then throws <see cref="OperationCanceledException"/>).</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Mode-specific normalization and one-hot settings (modes, weight threshold, widest one-hot).</summary>
    public TabularEncoderOptions Encoding { get; set; } = new();

    /// <summary>How the training <see cref="IDataView"/> is read (missing tokens, column kinds, columns); null for the defaults.</summary>
    public TabularDataOptions? DataOptions { get; set; }

    /// <summary>
    /// Streamed (out-of-core) training from the <see cref="IDataView"/> in blocks, never holding the whole table (see
    /// <see cref="StreamingTrainingOptions"/>); null (the default) reads the table into memory. TVAE and CTGAN only;
    /// not with <see cref="DifferentialPrivacy"/> (the DP-SGD accountant assumes Poisson sampling of the whole table,
    /// which the shuffle buffer is not), declared constraints or metadata.
    /// </summary>
    public StreamingTrainingOptions? Streaming { get; set; }

    /// <summary>Checks the settings; throws an exception that names the bad one.</summary>
    public virtual void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        }

        if (BatchSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 2 (batch normalization needs two rows).");
        }

        if (Threads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be 0 (leave as is) or positive.");
        }

        ArgumentNullException.ThrowIfNull(Encoding, nameof(Encoding));
        Encoding.Validate();
        if (!Enum.IsDefined(Device))
        {
            throw new ArgumentOutOfRangeException(nameof(Device), Device, "Device must be Cpu or Cuda.");
        }

        DifferentialPrivacy?.Validate();
        Streaming?.Validate();
        CheckStreaming();
    }

    /// <summary>
    /// Fails when <see cref="Streaming"/> is set together with differential privacy: DP-SGD's accountant (the Rényi DP
    /// of the sampled Gaussian mechanism, Mironov et al. 2019) holds for batches that are Poisson samples of the whole
    /// table, and streamed batches come from a shuffle buffer of a few blocks, a sampling scheme it does not cover.
    /// </summary>
    internal void CheckStreaming()
    {
        if (Streaming is not null && IsDifferentiallyPrivate)
        {
            throw new ArgumentException(
                $"{nameof(Streaming)} cannot be combined with {nameof(DifferentialPrivacy)}: the privacy accountant certifies ε for batches drawn by "
                + "Poisson sampling from the whole table, while streamed training draws each batch from a shuffle buffer of "
                + $"{nameof(StreamingTrainingOptions.BufferBlocks)} × {nameof(StreamingTrainingOptions.BlockRows)} rows read in block order, a sampling scheme "
                + "the accountant does not cover, so no ε could be certified. Train in memory (leave Streaming null), or fit on a subsample that fits in memory.",
                nameof(Streaming));
        }
    }

    /// <summary>The default of <see cref="BatchSize"/> (it may depend on whether training is private).</summary>
    private protected virtual int DefaultBatchSize => 500;

    /// <summary><see cref="DifferentialPrivacy"/>, created when a shortcut sets a value; null when clearing a shortcut of non-private options.</summary>
    private DifferentialPrivacyOptions? Private(double? value) =>
        value is null && DifferentialPrivacy is null ? null : DifferentialPrivacy ??= new();
}
