using Microsoft.ML.Synthetic.Synthesizers.Ctgan;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Ctgan;

/// <summary>
/// What a CTGAN training run's steps share (Xu et al. 2019): the encoded rows, the seeded generators, the generator
/// network (input: noise and the conditional vector), the PacGAN critic (Lin et al. 2018), one Adam per network, and
/// the output activations. Differentially private training uses no conditional vector (<see cref="ConditionalVectorSampler.None"/>).
/// </summary>
internal sealed class CtganTraining : IDisposable
{
    public CtganTraining(TabularEncoder encoder, float[] data, int rowCount, ConditionalVectorSampler sampler, CtganOptions options, int seed, Random random, Device device)
    {
        Device = device;
        var o = options;
        Encoder = encoder;
        Data = data;
        RowCount = rowCount;
        Sampler = sampler;
        Options = options;
        Random = random;
        Generator = TorchHelpers.CreateGenerator(seed);
        int width = encoder.Width, condWidth = sampler.Width;
        Network = new CtganGenerator(o.EmbeddingDim + condWidth, o.GeneratorDims, width);
        Critic = new CtganDiscriminator(width + condWidth, o.DiscriminatorDims, o.Pac, o.LeakySlope, o.Dropout) { DropoutGenerator = Generator };
        TorchHelpers.InitializeLinearLayers(Network, Generator);
        TorchHelpers.InitializeLinearLayers(Critic, Generator);
        if (device.type != DeviceType.CPU)
        {
            Network.to(device);   // after the seeded initialisation on the CPU; before the optimizers and DP-SGD take the parameters
            Critic.to(device);
        }

        Network.train();
        Critic.train();
        OptimizerG = new AdamOptimizer(Network.parameters(), lr: o.GeneratorLearningRate, beta1: o.Beta1, beta2: o.Beta2, weight_decay: o.GeneratorDecay);
        OptimizerD = new AdamOptimizer(Critic.parameters(), lr: o.DiscriminatorLearningRate, beta1: o.Beta1, beta2: o.Beta2, weight_decay: o.DiscriminatorDecay);
        Spans = new SpanOperations(encoder.Spans, width, device);
        CriticParameters = Critic.parameters().ToArray();
    }

    /// <summary>Where the networks train (<see cref="DeepSynthesizerOptions.Device"/>, resolved).</summary>
    public Device Device { get; }

    public TabularEncoder Encoder { get; }

    /// <summary>The encoded rows, row-major, <see cref="TabularEncoder.Width"/> floats each (streamed training: the running shuffle buffer's).</summary>
    public float[] Data { get; set; }

    public int RowCount { get; set; }

    /// <summary>The conditional vector and the rows of each category (streamed training: the running shuffle buffer's rows).</summary>
    public ConditionalVectorSampler Sampler { get; set; }

    public CtganOptions Options { get; }

    /// <summary>The seeded draws outside LibTorch (conditions, real rows).</summary>
    public Random Random { get; }

    public Generator Generator { get; }

    public CtganGenerator Network { get; }

    public CtganDiscriminator Critic { get; }

    public AdamOptimizer OptimizerG { get; }

    public AdamOptimizer OptimizerD { get; }

    /// <summary>The output activations (kept by the model).</summary>
    public SpanOperations Spans { get; }

    public TorchSharp.Modules.Parameter[] CriticParameters { get; }

    /// <summary>The Gumbel-softmax activated output of the generator for <paramref name="input"/> (noise, conditions).</summary>
    public Tensor Generate(Tensor input) => Spans.Activate(Network.call(input), Options.GumbelTau, Generator);

    public void Dispose()
    {
        OptimizerG.Dispose();
        OptimizerD.Dispose();
        Critic.Dispose();
    }
}
