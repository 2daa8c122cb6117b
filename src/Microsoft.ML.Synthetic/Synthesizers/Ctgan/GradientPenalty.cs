using TorchSharp;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Deep;

namespace Microsoft.ML.Synthetic.Synthesizers.Ctgan;

/// <summary>
/// The WGAN-GP gradient penalty (Gulrajani et al. 2017) on packs (as CTGAN computes it): one interpolation factor
/// per pack, x̂ = αx + (1 − α)x̃, and λ·mean over packs of (‖∇D(x̂)‖₂ − 1)², the norm taken over the whole pack.
/// </summary>
internal static class GradientPenalty
{
    public static Tensor Compute(Func<Tensor, Tensor> critic, Tensor real, Tensor fake, int pac, double lambda, Generator generator)
    {
        long rows = real.shape[0], width = real.shape[1];
        var alpha = rand([rows / pac, 1, 1], generator: generator).On(real.device).repeat(1, pac, width).view(rows, width);
        var interpolated = fake.Plus(alpha * (real - fake)).detach().requires_grad_(true);
        var output = critic(interpolated);
        var gradient = autograd.grad([output], [interpolated], [ones_like(output)], retain_graph: true, create_graph: true)[0];
        var excess = gradient.view(-1, pac * width).norm(1, true, 2).view(-1) - TorchHelpers.Constant(1);   // dim 1, L2
        return (excess * excess).mean() * TorchHelpers.Constant(lambda);
    }
}
