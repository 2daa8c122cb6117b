using Microsoft.ML.Synthetic.Preprocessing;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Tvae;

/// <summary>
/// TVAE's negative evidence lower bound (Xu et al. 2019, §5), per row: for α outputs the Gaussian
/// negative log-likelihood (x − tanh(r))²/(2σ²) + log σ with a learned σ per output; for one-hot parts the cross
/// entropy of the softmax; the sum weighted by the loss factor, plus the KL divergence of the latent Gaussian from
/// N(0, I). The mean over a batch equals the reference implementation's loss.
/// </summary>
internal sealed class TvaeLoss : IDisposable
{
    private readonly Tensor _alphaIndex;
    private readonly OutputSpan[] _softmaxSpans;
    private readonly double _lossFactor;

    public TvaeLoss(TabularEncoder encoder, double lossFactor)
    {
        var alpha = encoder.Spans.Where(s => s.Activation == SpanActivation.Tanh).Select(s => (long)s.Start).ToArray();
        _alphaIndex = tensor(alpha, ScalarType.Int64);
        _softmaxSpans = encoder.Spans.Where(s => s.Activation == SpanActivation.Softmax).ToArray();
        _lossFactor = lossFactor;
    }

    /// <summary>Per-row reconstruction loss (weighted by the loss factor) and KL term.</summary>
    public (Tensor Reconstruction, Tensor Kl) PerRow(Tensor raw, Tensor x, Tensor sigma, Tensor mean, Tensor logVariance)
    {
        Tensor reconstruction = zeros(x.shape[0]);
        if (_alphaIndex.shape[0] > 0)
        {
            var xa = x.index_select(1, _alphaIndex);
            var ra = raw.index_select(1, _alphaIndex).tanh();
            var sa = sigma.index_select(0, _alphaIndex);
            reconstruction = ((xa - ra).square() / (2 * sa.square())).sum(1) + sa.log().sum();
        }

        foreach (var span in _softmaxSpans)
        {
            var logits = raw.narrow(1, span.Start, span.Width);
            var target = x.narrow(1, span.Start, span.Width);
            reconstruction = reconstruction - (target * nn.functional.log_softmax(logits, 1)).sum(1);
        }

        var kl = -0.5 * (1 + logVariance - mean.square() - logVariance.exp()).sum(1);
        return (reconstruction * _lossFactor, kl);
    }

    public void Dispose() => _alphaIndex.Dispose();
}
