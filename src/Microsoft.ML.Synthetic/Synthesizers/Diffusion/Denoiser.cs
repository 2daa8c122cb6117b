using Microsoft.ML.Synthetic.Synthesizers.Deep;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Diffusion;

/// <summary>
/// TabDDPM's denoiser (Kotelnikov et al. 2023, §4, "MLPDiffusion"): the sinusoidal embedding of the step t (Vaswani
/// et al. 2017) through Linear–SiLU–Linear, plus a learned embedding of the class for a class-conditional model,
/// added to a linear projection of the noisy row; then ReLU layers to the output: the predicted noise of each
/// numeric score and the logits of x̂_0 for each categorical part.
/// </summary>
internal sealed class Denoiser : nn.Module
{
    // Runs before the base constructor first loads LibTorch: see TorchHelpers.
    static Denoiser() => TorchHelpers.PrepareNativeEnvironment();

    private readonly TorchSharp.Modules.Linear _projection;
    private readonly nn.Module<Tensor, Tensor> _time;
    private readonly TorchSharp.Modules.Embedding? _classes;
    private readonly nn.Module<Tensor, Tensor> _body;
    private readonly float[] _frequencies;

    public Denoiser(int width, int timeDim, IReadOnlyList<int> hidden, int classes)
        : base("TabDDPM")
    {
        Width = width;
        TimeDim = timeDim;
        _projection = nn.Linear(width, timeDim);
        _time = nn.Sequential(("linear0", nn.Linear(timeDim, timeDim)), ("silu", nn.SiLU()), ("linear1", nn.Linear(timeDim, timeDim)));
        _classes = classes > 0 ? nn.Embedding(classes, timeDim) : null;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int input = timeDim;
        for (int i = 0; i < hidden.Count; i++)
        {
            layers.Add(($"linear{i}", nn.Linear(input, hidden[i])));
            layers.Add(($"relu{i}", nn.ReLU()));
            input = hidden[i];
        }

        layers.Add(("output", nn.Linear(input, width)));
        _body = nn.Sequential(layers);
        int half = timeDim / 2;
        var frequencies = new float[half];
        for (int i = 0; i < half; i++)
        {
            frequencies[i] = (float)Math.Exp(-Math.Log(10000) * i / half);
        }

        _frequencies = frequencies;
        RegisterComponents();
    }

    public int Width { get; }

    public int TimeDim { get; }

    /// <summary>The sinusoidal embedding [cos(t·f_i), sin(t·f_i)] of each step in <paramref name="steps"/> (Int64).</summary>
    public Tensor StepEmbedding(Tensor steps)
    {
        var arguments = steps.to_type(ScalarType.Float32).unsqueeze(1) * tensor(_frequencies).to(steps.device).unsqueeze(0);
        var embedding = cat([arguments.cos(), arguments.sin()], 1);
        return TimeDim % 2 == 0 ? embedding : cat([embedding, zeros([steps.shape[0], 1], device: steps.device)], 1);
    }

    /// <summary>The network's output for noisy rows <paramref name="x"/> at steps <paramref name="steps"/>, of classes <paramref name="classes"/> (null when unconditional).</summary>
    public Tensor Forward(Tensor x, Tensor steps, Tensor? classes)
    {
        var embedding = _time.call(StepEmbedding(steps));
        if (_classes is not null && classes is not null)
        {
            embedding = embedding.Plus(_classes.call(classes));
        }

        return _body.call(_projection.call(x).Plus(embedding));
    }

    /// <summary>The float elements of a denoiser with these sizes (for the model file's size check).</summary>
    public static long ParameterCount(int width, int timeDim, IReadOnlyList<int> hidden, int classes)
    {
        long count = ((long)width * timeDim) + timeDim + (2L * ((timeDim * timeDim) + timeDim)) + ((long)classes * timeDim);
        int input = timeDim;
        foreach (var h in hidden)
        {
            count += ((long)input * h) + h;
            input = h;
        }

        return count + ((long)input * width) + width;
    }
}
