using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Synthesizers.Tvae;

/// <summary>
/// TVAE's negative evidence lower bound (Xu et al. 2019, §5), per row: for α outputs the Gaussian
/// negative log-likelihood (x − tanh(r))²/(2σ²) + log σ with a learned σ per output; for one-hot parts the cross
/// entropy of the softmax; the sum weighted by the loss factor, plus the KL divergence of the latent Gaussian from
/// N(0, I). The mean over a batch equals the reference implementation's loss.
/// </summary>
internal sealed class TvaeLoss : IDisposable
{
    private readonly SpanOperations _spans;
    private readonly Tensor _lossFactor;
    private readonly Tensor _two = TorchHelpers.Constant(2);
    private readonly Tensor _one = TorchHelpers.Constant(1);
    private readonly Tensor _minusHalf = TorchHelpers.Constant(-0.5);

    // Constants are cached tensors, not implicit Scalars (see TorchHelpers.Constant).
    public TvaeLoss(TabularEncoder encoder, double lossFactor, Device? device = null)
    {
        _spans = new SpanOperations(encoder.Spans, encoder.Width, device);
        _lossFactor = TorchHelpers.Constant(lossFactor);
    }

    /// <summary>Per-row reconstruction loss (weighted by the loss factor) and KL term.</summary>
    public (Tensor Reconstruction, Tensor Kl) PerRow(Tensor raw, Tensor x, Tensor sigma, Tensor mean, Tensor logVariance)
    {
        Tensor reconstruction = _spans.CrossEntropy(raw, x);
        if (_spans.HasAlpha)
        {
            var xa = x.index_select(1, _spans.AlphaIndex);
            var ra = _spans.Alpha(raw).tanh();
            var sa = sigma.index_select(-1, _spans.AlphaIndex);   // σ: [width], or [rows, width] per row (DP-TVAE)
            var difference = xa - ra;
            reconstruction = reconstruction.Plus((difference * difference / (sa * sa * _two)).sum(1)).Plus(sa.log().sum(-1));
        }

        var kl = (logVariance.Plus(_one) - (mean * mean) - logVariance.exp()).sum(1) * _minusHalf;
        return (reconstruction * _lossFactor, kl);
    }

    public void Dispose() => _spans.Dispose();
}
