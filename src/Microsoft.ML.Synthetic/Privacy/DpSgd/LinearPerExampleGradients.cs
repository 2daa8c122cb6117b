using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Deep;

namespace Microsoft.ML.Synthetic.Privacy.DpSgd;

/// <summary>
/// Per-example clipping without materializing per-example gradients, for models whose trainable parameters all
/// belong to <see cref="Linear"/> layers applied once per forward pass to [batch, features] inputs. For such a
/// layer the example-i gradient of the weight is the outer product gᵢxᵢᵀ (gᵢ = ∂ℓᵢ/∂yᵢ, xᵢ the layer input), so
/// its squared norm is ‖gᵢ‖²‖xᵢ‖² and the clipped sum is (c ⊙ G)ᵀX — one backward pass per batch instead of one
/// per example (the "ghost clipping" norm identity of Goodfellow 2015 / Li et al. 2022, with Opacus' clipping).
/// Trainable parameters outside Linear layers (such as TVAE's learned output σ) get their per-example gradients
/// from one <c>autograd.grad</c> per example restricted to them, which only walks the part of the graph between
/// the loss and those parameters.
/// </summary>
internal sealed class LinearPerExampleGradients : IDisposable
{
    private readonly Linear[] _layers;
    private readonly Parameter[] _extras;
    private readonly List<(Linear Layer, Tensor Input, Tensor Output)> _captured = [];
    private readonly List<Action> _removeHooks = [];

    private LinearPerExampleGradients(Linear[] layers, Parameter[] extras)
    {
        _layers = layers;
        _extras = extras;
        foreach (var layer in layers)
        {
            var remover = layer.register_forward_hook((module, input, output) =>
            {
                if (_capturing)
                {
                    // Aliases: containers such as Sequential dispose their intermediate tensors' handles.
                    _captured.Add(((Linear)module, input.alias(), output.alias()));
                }

                return output;
            });
            _removeHooks.Add(remover.remove);
        }
    }

    private bool _capturing;

    /// <summary>The fast path for <paramref name="model"/>, or null when it has no Linear layer with trainable parameters.</summary>
    public static LinearPerExampleGradients? TryCreate(nn.Module model, IReadOnlyCollection<Parameter> trainable)
    {
        var trainableSet = new HashSet<Tensor>(trainable, ReferenceEqualityComparer.Instance);
        var layers = model.modules().OfType<Linear>().Where(l => l.parameters().Any(p => trainableSet.Contains(p))).ToArray();
        var covered = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var layer in layers)
        {
            foreach (var p in layer.parameters())
            {
                covered.Add(p);
            }
        }

        return layers.Length == 0 ? null : new LinearPerExampleGradients(layers, trainable.Where(p => !covered.Contains(p)).ToArray());
    }

    /// <summary>
    /// Runs <paramref name="perExampleLosses"/> with the layers' inputs and outputs captured, adds the clipped
    /// per-example gradients into <paramref name="sums"/> (aligned with <paramref name="parameters"/>), and returns
    /// the per-example norms; null when the captured calls do not fit the fast path (then nothing was added).
    /// With <paramref name="tensorBounds"/> (aligned with <paramref name="parameters"/>) each tensor's per-example
    /// gradient is clipped to its own bound instead of the whole gradient to <paramref name="maxNorm"/>.
    /// </summary>
    public double[]? ClipAndAccumulate(Func<Tensor> perExampleLosses, Parameter[] parameters, Tensor[] sums, double maxNorm, double[]? tensorBounds = null)
    {
        _captured.Clear();
        _capturing = true;
        Tensor losses;
        try
        {
            losses = perExampleLosses();
        }
        finally
        {
            _capturing = false;
        }

        long b = losses.shape[0];
        if (_captured.Count != _layers.Length || _captured.Select(c => c.Layer).Distinct().Count() != _layers.Length
            || _captured.Any(c => c.Input.dim() != 2 || c.Input.shape[0] != b || !c.Output.requires_grad))
        {
            _captured.Clear();
            return null;
        }

        var outputGradients = autograd.grad([losses.sum()], _captured.Select(c => c.Output).ToArray(), retain_graph: _extras.Length > 0);
        var index = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
        for (int k = 0; k < parameters.Length; k++)
        {
            index[parameters[k]] = k;
        }

        // Each trainable tensor's per-example squared norm, [b] in float64, aligned with parameters.
        var tensorSquared = new Tensor?[parameters.Length];
        var extraGradients = new Tensor?[b][];
        for (int i = 0; i < b && _extras.Length > 0; i++)
        {
            extraGradients[i] = [.. autograd.grad([losses[i]], _extras.Cast<Tensor>().ToArray(), retain_graph: i < b - 1, allow_unused: true)];
        }

        using var noGrad = no_grad();
        for (int e = 0; e < _extras.Length; e++)
        {
            if (index.TryGetValue(_extras[e], out int k))
            {
                var values = new double[b];
                for (int i = 0; i < b; i++)
                {
                    values[i] = extraGradients[i][e] is { } g ? g.detach().to_type(ScalarType.Float64).pow(HeldScalars.Two).sum().item<double>() : 0;
                }

                tensorSquared[k] = tensor(values).On(sums[k].device);
            }
        }

        for (int l = 0; l < _captured.Count; l++)
        {
            var g2 = outputGradients[l].to_type(ScalarType.Float64).pow(HeldScalars.Two).sum(1);
            var x2 = _captured[l].Input.detach().to_type(ScalarType.Float64).pow(HeldScalars.Two).sum(1);
            if (WeightOf(_captured[l].Layer) is { } weight && index.TryGetValue(weight, out int w))
            {
                tensorSquared[w] = g2 * x2;
            }

            if (BiasOf(_captured[l].Layer) is { } bias && index.TryGetValue(bias, out int bi))
            {
                tensorSquared[bi] = g2;
            }
        }

        var squared = zeros(b, dtype: ScalarType.Float64, device: sums[0].device);
        foreach (var t in tensorSquared)
        {
            if (t is not null)
            {
                squared.PlusInPlace(t);
            }
        }

        var norms = squared.sqrt();
        // Flat: one factor per example from its total norm. Per layer: each tensor k clipped to its own bound C_k.
        var flatFactors = norms.add(HeldScalars.Of(1e-6), HeldScalars.One).reciprocal().mul(HeldScalars.Of(maxNorm)).clamp_max(HeldScalars.Of(1.0));
        Tensor FactorsOf(int k) => tensorBounds is null || tensorSquared[k] is null ? flatFactors : tensorSquared[k]!.sqrt().add(HeldScalars.Of(1e-6), HeldScalars.One).reciprocal().mul(HeldScalars.Of(tensorBounds[k])).clamp_max(HeldScalars.Of(1.0));

        for (int l = 0; l < _captured.Count; l++)
        {
            var layer = _captured[l].Layer;
            var x = _captured[l].Input.detach();
            if (WeightOf(layer) is { } weight && index.TryGetValue(weight, out int w))
            {
                var g = outputGradients[l] * FactorsOf(w).unsqueeze(1).to_type(outputGradients[l].dtype);
                sums[w].PlusInPlace(g.t().matmul(x));
            }

            if (BiasOf(layer) is { } bias && index.TryGetValue(bias, out int bi))
            {
                var g = outputGradients[l] * FactorsOf(bi).unsqueeze(1).to_type(outputGradients[l].dtype);
                sums[bi].PlusInPlace(g.sum(0L));   // 0L: a plain 0 would bind to sum(ScalarType)
            }
        }

        for (int e = 0; e < _extras.Length; e++)
        {
            if (!index.TryGetValue(_extras[e], out int k))
            {
                continue;
            }

            var factorValues = FactorsOf(k).On(CPU).data<double>().ToArray();
            for (int i = 0; i < b; i++)
            {
                if (extraGradients[i][e] is { } g)
                {
                    using var factor = factorValues[i].ToScalar();   // held until the call returns (see HeldScalars)
                    sums[k].PlusInPlace(g.detach().mul(factor));
                }
            }
        }

        _captured.Clear();
        return norms.On(CPU).data<double>().ToArray();
    }

    // The layer's registered parameters: the objects model.parameters() returns (the Linear.bias getter wraps anew).
    private static Parameter? WeightOf(Linear layer) => layer.named_parameters().FirstOrDefault(p => p.name == "weight").parameter;

    private static Parameter? BiasOf(Linear layer) => layer.named_parameters().FirstOrDefault(p => p.name == "bias").parameter;

    public void Dispose()
    {
        foreach (var remove in _removeHooks)
        {
            remove();
        }
    }
}
