using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// Adam (Kingma and Ba 2015) doing exactly what TorchSharp 0.107's <c>optim.Adam</c> does (no amsgrad, no maximize:
/// the same tensor operations in the same order, so a seeded fit gives the same numbers), but with every coefficient
/// held in a Scalar that stays reachable for the call (see <see cref="HeldScalars"/>): TorchSharp's optimizer passes
/// implicitly converted temporaries that a collection on another thread can free mid-call.
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private readonly long[] _steps;
    private readonly double _beta1, _beta2, _weightDecay;
    private readonly Scalar _beta1Scalar, _beta2Scalar, _oneMinusBeta1, _oneMinusBeta2, _eps, _weightDecayScalar;

    public AdamOptimizer(IEnumerable<Parameter> parameters, double lr, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0)
    {
        _parameters = parameters.ToArray();
        LearningRate = lr;
        _beta1 = beta1;
        _beta2 = beta2;
        _weightDecay = weight_decay;
        _beta1Scalar = beta1.ToScalar();
        _beta2Scalar = beta2.ToScalar();
        _oneMinusBeta1 = (1.0 - beta1).ToScalar();
        _oneMinusBeta2 = (1.0 - beta2).ToScalar();
        _eps = eps.ToScalar();
        _weightDecayScalar = weight_decay.ToScalar();
        _expAvg = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _expAvgSq = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _steps = new long[_parameters.Length];
    }

    /// <summary>The step size of the next updates (a schedule may change it between steps).</summary>
    public double LearningRate { get; set; }

    /// <summary>Sets every existing gradient to zero (as TorchSharp's optimizers do; a missing gradient stays missing).</summary>
    public void zero_grad()
    {
        foreach (var parameter in _parameters)
        {
            using var grad = parameter.grad;
            grad?.zero_();
        }
    }

    /// <summary>One Adam update of every parameter that has a gradient.</summary>
    public void step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            var grad = parameter.grad;
            if (grad is null)
            {
                continue;
            }

            long step = ++_steps[i];
            double biasCorrection1 = 1.0 - Math.Pow(_beta1, step);
            double biasCorrection2 = 1.0 - Math.Pow(_beta2, step);
            if (_weightDecay != 0)
            {
                grad = grad.add(parameter, _weightDecayScalar);
            }

            _expAvg[i].mul_(_beta1Scalar).add_(grad, _oneMinusBeta1);
            _expAvgSq[i].mul_(_beta2Scalar).addcmul_(grad, grad.conj(), _oneMinusBeta2);
            using var sqrtCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
            using var stepSize = (0.0 - (LearningRate / biasCorrection1)).ToScalar();
            var denominator = _expAvgSq[i].sqrt().div(sqrtCorrection2).add_(_eps, HeldScalars.One);
            parameter.addcdiv_(_expAvg[i], denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var t in _expAvg.Concat(_expAvgSq))
        {
            t.Dispose();
        }

        foreach (var s in new[] { _beta1Scalar, _beta2Scalar, _oneMinusBeta1, _oneMinusBeta2, _eps, _weightDecayScalar })
        {
            s.Dispose();
        }
    }
}
