using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;
using Microsoft.ML.Synthetic.Synthesizers.Tvae;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Tvae;

/// <summary>
/// What a TVAE training run's steps share (Xu et al. 2019, §5): the encoded rows, the seeded generator, the network
/// (its linear layers initialised from that generator), Adam over its trainable parameters, and the per-row loss of a
/// batch. Under differential privacy the output σ is held fixed at <see cref="TvaeOptions.InitialSigma"/> (a public
/// constant, not trained: see the Privacy README, "Why σ is fixed under DP").
/// </summary>
internal sealed class TvaeTraining : IDisposable
{
    public TvaeTraining(TabularEncoder encoder, float[] data, int rowCount, TvaeOptions options, int seed, Device device)
    {
        Device = device;
        Encoder = encoder;
        Data = data;
        RowCount = rowCount;
        Options = options;
        Generator = TorchHelpers.CreateGenerator(seed);
        Network = new TvaeNetwork(encoder.Width, options.CompressDims, options.EmbeddingDim, options.DecompressDims, options.InitialSigma);
        TorchHelpers.InitializeLinearLayers(Network, Generator);
        if (options.IsDifferentiallyPrivate)
        {
            Network.Sigma.requires_grad_(false);
        }

        if (device.type != DeviceType.CPU)
        {
            Network.to(device);   // after the seeded initialisation on the CPU; before Adam and DP-SGD take the parameters
        }

        Network.train();
        Optimizer = new AdamOptimizer(Network.parameters().Where(p => p.requires_grad), lr: options.LearningRate, weight_decay: options.WeightDecay);
        Loss = new TvaeLoss(encoder, options.LossFactor, device);
    }

    /// <summary>Where the network trains (<see cref="DeepSynthesizerOptions.Device"/>, resolved).</summary>
    public Device Device { get; }

    public TabularEncoder Encoder { get; }

    /// <summary>The encoded rows, row-major, <see cref="TabularEncoder.Width"/> floats each (streamed training: the running shuffle buffer's).</summary>
    public float[] Data { get; set; }

    public int RowCount { get; set; }

    public TvaeOptions Options { get; }

    public Generator Generator { get; }

    public TvaeNetwork Network { get; }

    public AdamOptimizer Optimizer { get; }

    public TvaeLoss Loss { get; }

    /// <summary>Each row's reconstruction loss (weighted) and KL term for the encoded rows <paramref name="x"/>, through one reparameterised latent draw.</summary>
    public (Tensor Reconstruction, Tensor Kl) PerRow(Tensor x)
    {
        var (mean, logVariance) = Network.Encode(x);
        var z = (randn(mean.shape, generator: Generator).On(Device) * (logVariance * TorchHelpers.Constant(0.5)).exp()).Plus(mean);
        var raw = Network.Decode(z);
        return Loss.PerRow(raw, x, Network.Sigma, mean, logVariance);
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Loss.Dispose();
    }
}
