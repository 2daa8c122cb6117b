using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic;

/// <summary>The settings every deep synthesizer (CTGAN, TVAE) shares: epochs, batch, seed, threads, progress and cancellation.</summary>
public abstract class DeepSynthesizerOptions
{
    /// <summary>Passes over the training data. Default 300 (Xu et al. 2019).</summary>
    public int Epochs { get; set; } = 300;

    /// <summary>Rows per training step. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The seed of training and of the model's default sampling seed; null draws one from the ML.NET context. Under differential privacy it sets only the sampling seed: training randomness is then secret (see <see cref="TvaeOptions.NonPrivateReproducibleSeed"/>).</summary>
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
    }
}
