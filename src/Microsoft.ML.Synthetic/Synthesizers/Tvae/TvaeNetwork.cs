using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Tvae;

/// <summary>
/// TVAE's networks (Xu et al. 2019, §5 and appendix): an encoder of ReLU layers to the mean and log-variance of
/// the latent Gaussian, and a decoder of ReLU layers back to an encoded row, with one learned σ per output.
/// </summary>
internal sealed class TvaeNetwork : nn.Module
{
    // Runs before the base constructor first loads LibTorch (a fit, a DP fit or a model load): see TorchHelpers.
    static TvaeNetwork() => Microsoft.ML.Synthetic.Synthesizers.Deep.TorchHelpers.PrepareNativeEnvironment();

    private readonly nn.Module<Tensor, Tensor> _encoder;
    private readonly TorchSharp.Modules.Linear _mean;
    private readonly TorchSharp.Modules.Linear _logVariance;
    private readonly nn.Module<Tensor, Tensor> _decoder;

    public TvaeNetwork(int dataDim, IReadOnlyList<int> compressDims, int embeddingDim, IReadOnlyList<int> decompressDims, double initialSigma)
        : base("TVAE")
    {
        _encoder = Mlp(dataDim, compressDims, null);
        int last = compressDims.Count == 0 ? dataDim : compressDims[^1];
        _mean = nn.Linear(last, embeddingDim);
        _logVariance = nn.Linear(last, embeddingDim);
        _decoder = Mlp(embeddingDim, decompressDims, dataDim);
        Sigma = nn.Parameter(tensor(Enumerable.Repeat((float)initialSigma, dataDim).ToArray()));
        EmbeddingDim = embeddingDim;
        RegisterComponents();
    }

    public TorchSharp.Modules.Parameter Sigma { get; }

    public int EmbeddingDim { get; }

    /// <summary>The decoder: Linear–ReLU layers, then a linear output.</summary>
    public nn.Module<Tensor, Tensor> Decoder => _decoder;

    private static nn.Module<Tensor, Tensor> Mlp(int input, IReadOnlyList<int> hidden, int? output)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = input;
        for (int i = 0; i < hidden.Count; i++)
        {
            layers.Add(($"linear{i}", nn.Linear(width, hidden[i])));
            layers.Add(($"relu{i}", nn.ReLU()));
            width = hidden[i];
        }

        if (output is int o)
        {
            layers.Add(("output", nn.Linear(width, o)));
        }

        return nn.Sequential(layers);
    }

    /// <summary>The latent mean and log-variance of each row of <paramref name="x"/>.</summary>
    public (Tensor Mean, Tensor LogVariance) Encode(Tensor x)
    {
        using var h = _encoder.call(x);
        return (_mean.call(h), _logVariance.call(h));
    }

    /// <summary>The decoder's raw output (before tanh) for latent rows <paramref name="z"/>.</summary>
    public Tensor Decode(Tensor z) => _decoder.call(z);
}
