using Microsoft.ML.Synthetic.Deep;
using Microsoft.ML.Synthetic.Tvae;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Privacy.DpTvae;

/// <summary>
/// What DP-SGD trains for DP-TVAE: the TVAE network, with its learned output σ held as the weight of a bias-free
/// Linear(1 → width) layer applied to a column of ones, so that σ's per-row gradients are clipped by the engine's
/// one-backward-pass Linear path too (as a plain parameter they need one backward pass per row). The network's
/// own σ parameter is frozen during training and receives the trained values afterwards.
/// </summary>
internal sealed class DpTvaeModule : nn.Module
{
    private readonly TvaeNetwork _network;
    private readonly TorchSharp.Modules.Linear _sigma;

    public DpTvaeModule(TvaeNetwork network, int width, double initialSigma)
        : base("DP-TVAE")
    {
        _network = network;
        _sigma = nn.Linear(1, width, hasBias: false);
        RegisterComponents();
        using (no_grad())
        {
            _sigma.weight!.fill_(initialSigma);
        }

        network.Sigma.requires_grad_(false);
    }

    /// <summary>σ repeated for each of <paramref name="rows"/> rows: shape [rows, width].</summary>
    public Tensor SigmaRows(long rows) => _sigma.call(ones(rows, 1));

    /// <summary>Keeps σ in [0.01, 1], as TVAE does after every step.</summary>
    public void ClampSigma()
    {
        using var noGrad = no_grad();
        _sigma.weight!.clamp_(TorchHelpers.Constant(0.01), TorchHelpers.Constant(1.0));
    }

    /// <summary>Copies the trained σ into the network's σ parameter.</summary>
    public void CopySigmaToNetwork()
    {
        using var noGrad = no_grad();
        _network.Sigma.copy_(_sigma.weight!.reshape(-1));
    }
}
