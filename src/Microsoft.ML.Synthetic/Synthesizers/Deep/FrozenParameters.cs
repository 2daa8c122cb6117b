using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// Stops gradients from reaching some parameters for the length of a block (a GAN's generator step through its
/// critic: the critic's weights take part in the forward pass but must not collect gradients), and lets them
/// collect gradients again after it.
/// </summary>
internal readonly struct FrozenParameters : IDisposable
{
    private readonly IReadOnlyList<Tensor> _parameters;

    private FrozenParameters(IReadOnlyList<Tensor> parameters) => _parameters = parameters;

    /// <summary>Sets <c>requires_grad = false</c> on every one of <paramref name="parameters"/> until disposed.</summary>
    public static FrozenParameters Freeze(IReadOnlyList<Tensor> parameters)
    {
        foreach (var p in parameters)
        {
            p.requires_grad = false;
        }

        return new FrozenParameters(parameters);
    }

    public void Dispose()
    {
        foreach (var p in _parameters)
        {
            p.requires_grad = true;
        }
    }
}
