using TorchSharp;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Deep;

namespace Microsoft.ML.Synthetic.Synthesizers.Ctgan;

/// <summary>A generator block of CTGAN (Xu et al. 2019, §4.4): ReLU(BatchNorm(Linear(x))) concatenated with x.</summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Linear _linear;
    private readonly TorchSharp.Modules.BatchNorm1d _norm;

    public ResidualBlock(int input, int output)
        : base("Residual")
    {
        _linear = nn.Linear(input, output);
        _norm = nn.BatchNorm1d(output);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var h = BatchNormForward.Apply(_norm, _linear.call(input));   // see BatchNormForward: no temporary Scalar
        return cat([nn.functional.relu(h), input], 1);
    }
}

/// <summary>CTGAN's generator: residual blocks, then a linear layer to the raw encoded row (activations are applied outside).</summary>
internal sealed class CtganGenerator : nn.Module<Tensor, Tensor>
{
    // Runs before the base constructor first loads LibTorch (a fit, a DP fit or a model load): see TorchHelpers.
    static CtganGenerator() => TorchHelpers.PrepareNativeEnvironment();

    private readonly nn.Module<Tensor, Tensor> _body;

    public CtganGenerator(int input, IReadOnlyList<int> dims, int dataDim)
        : base("Generator")
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = input;
        for (int i = 0; i < dims.Count; i++)
        {
            layers.Add(($"residual{i}", new ResidualBlock(width, dims[i])));
            width += dims[i];
        }

        layers.Add(("output", nn.Linear(width, dataDim)));
        _body = nn.Sequential(layers);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _body.call(input);
}

/// <summary>
/// CTGAN's PacGAN critic (Lin et al. 2018; Xu et al. 2019, §4.4): packs of <c>pac</c> rows concatenated, then
/// Linear–LeakyReLU(0.2)–Dropout(0.5) layers and a linear output (a WGAN critic: no sigmoid). Dropout draws from a
/// seeded generator.
/// </summary>
internal sealed class CtganDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.ModuleList<nn.Module<Tensor, Tensor>> _hidden;
    private readonly TorchSharp.Modules.Linear _output;
    private readonly int _packedWidth;
    private readonly double _slope;
    private readonly double _dropout;

    public CtganDiscriminator(int input, IReadOnlyList<int> dims, int pac, double slope, double dropout)
        : base("Discriminator")
    {
        _packedWidth = input * pac;
        _slope = slope;
        _dropout = dropout;
        _hidden = new TorchSharp.Modules.ModuleList<nn.Module<Tensor, Tensor>>();
        int width = _packedWidth;
        foreach (var d in dims)
        {
            _hidden.Add(nn.Linear(width, d));
            width = d;
        }

        _output = nn.Linear(width, 1);
        RegisterComponents();
    }

    /// <summary>Draws the dropout masks; null disables dropout.</summary>
    public Generator? DropoutGenerator { get; set; }

    public override Tensor forward(Tensor input)
    {
        var h = input.view(-1, _packedWidth);
        foreach (var layer in _hidden)
        {
            var linear = layer.call(h);
            h = maximum(linear, linear * TorchHelpers.Constant(_slope));   // LeakyReLU for a slope below 1, without a Scalar
            if (training && DropoutGenerator is { } generator)
            {
                h = TorchHelpers.Dropout(h, _dropout, training: true, generator);
            }
        }

        return _output.call(h);
    }
}
