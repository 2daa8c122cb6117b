using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Diffusion;

/// <summary>
/// An exponential moving average of the denoiser's weights, which TabDDPM samples with (as DDPMs do; the reference
/// uses decay 0.999): after each step w̄ ← d·w̄ + (1 − d)·w, with d = min(0.999, (1 + n)/(10 + n)) after n steps so
/// that a short training is not pulled towards its random start. <see cref="CopyTo"/> puts w̄ into the network.
/// </summary>
internal sealed class WeightAverage : IDisposable
{
    public const double Decay = 0.999;

    private readonly Parameter[] _parameters;
    private readonly Tensor[] _average;
    private long _updates;

    public WeightAverage(IEnumerable<Parameter> parameters)
    {
        _parameters = parameters.ToArray();
        using var noGrad = no_grad();
        _average = _parameters.Select(p => p.detach().clone().DetachFromDisposeScope()).ToArray();
    }

    /// <summary>The decay after <paramref name="updates"/> updates.</summary>
    public static double DecayAfter(long updates) => Math.Min(Decay, (1.0 + updates) / (10.0 + updates));

    public void Update()
    {
        double decay = DecayAfter(_updates++);
        using var noGrad = no_grad();
        using var keep = decay.ToScalar();
        using var take = (1 - decay).ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            _average[i].mul_(keep).add_(_parameters[i], take);
        }
    }

    public void CopyTo()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].copy_(_average[i]);
        }
    }

    public void Dispose()
    {
        foreach (var t in _average)
        {
            t.Dispose();
        }
    }
}
