using Microsoft.ML.Synthetic.Synthesizers.Deep;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Diffusion;

/// <summary>
/// What a diffusion training run's steps share: the encoded rows, the seeded generator, the denoiser (its linear
/// layers initialised from that generator), the two diffusions and Adam.
/// </summary>
internal sealed class DiffusionTraining : IDisposable
{
    private readonly float[] _numeric;
    private readonly int[] _codes;
    private readonly int[] _classes;

    public DiffusionTraining(DiffusionEncoding encoding, float[] numeric, int[] codes, int[] classes, int rowCount, DiffusionOptions options, int seed, Device device)
    {
        Encoding = encoding;
        _numeric = numeric;
        _codes = codes;
        _classes = classes;
        RowCount = rowCount;
        Options = options;
        Device = device;
        Generator = TorchHelpers.CreateGenerator(seed);
        Network = new Denoiser(encoding.NumericColumns.Length + encoding.CategoryWidth, options.TimeEmbeddingDim, options.HiddenDims, encoding.LabelClasses);
        TorchHelpers.InitializeLinearLayers(Network, Generator);
        InitializeEmbedding(Network, Generator);
        Network.train();
        Diffusion = Create(encoding, options);
        Optimizer = new AdamOptimizer(Network.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);
        Average = new WeightAverage(Network.parameters());
    }

    /// <summary>The moving average of the weights, which the model samples with.</summary>
    public WeightAverage Average { get; }

    public DiffusionEncoding Encoding { get; }

    public int RowCount { get; }

    public DiffusionOptions Options { get; }

    public Device Device { get; }

    public Generator Generator { get; }

    public Denoiser Network { get; }

    public TabularDiffusion Diffusion { get; }

    public AdamOptimizer Optimizer { get; }

    /// <summary>The diffusions of <paramref name="encoding"/>'s parts under <paramref name="options"/>' schedule.</summary>
    public static TabularDiffusion Create(DiffusionEncoding encoding, DiffusionOptions options) =>
        new(new NoiseSchedule(options.Steps, options.Schedule), encoding.NumericColumns.Length, encoding.Parts.Select(p => p.Categories).ToArray());

    /// <summary>The batch's numeric scores [n, d], category codes [n, parts] and classes [n] (null when unconditional).</summary>
    public (Tensor Numeric, Tensor Codes, Tensor? Classes) Batch(ReadOnlySpan<int> rows)
    {
        int d = Encoding.NumericColumns.Length, k = Encoding.Parts.Length;
        var numeric = TorchHelpers.Gather(_numeric, d, rows).On(Device);
        var codes = new long[rows.Length * k];
        var classes = Encoding.Label < 0 ? null : new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < k; j++)
            {
                codes[(i * k) + j] = _codes[(rows[i] * k) + j];
            }

            if (classes is not null)
            {
                classes[i] = _classes[rows[i]];
            }
        }

        return (numeric, tensor(codes, [rows.Length, k]).On(Device), classes is null ? null : tensor(classes).On(Device));
    }

    /// <summary>Seeds the class embedding as PyTorch initialises nn.Embedding (N(0, 1)), from <paramref name="generator"/>.</summary>
    private static void InitializeEmbedding(nn.Module module, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            if (child is TorchSharp.Modules.Embedding embedding)
            {
                embedding.weight!.normal_(0, 1, generator);
            }
        }
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Average.Dispose();
        Diffusion.Dispose();
    }
}
