using Microsoft.ML.Synthetic.Synthesizers.Deep;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Synthesizers.Diffusion;

/// <summary>
/// TabDDPM's two diffusions on a batch, as tensors (Kotelnikov et al. 2023, §3): Gaussian diffusion on the numeric
/// scores, q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I), learned by predicting the noise (MSE); multinomial diffusion on
/// each categorical part (Hoogeboom et al. 2021), q(x_t | x_0) = Cat(ᾱ_t x_0 + (1 − ᾱ_t)/K), learned by the KL
/// divergence of the model's posterior q(x_{t−1} | x_t, x̂_0) from the true q(x_{t−1} | x_t, x_0), divided by the
/// number of parts. The loss is the sum of the two batch means. The reverse sampler runs t = T − 1 … 0 from
/// N(0, I) and uniform categories, with the Gaussian step's variance fixed at β_t.
/// </summary>
internal sealed class TabularDiffusion : IDisposable
{
    private const double Tiny = 1e-30;

    private readonly (int Offset, int Categories)[] _parts;
    private readonly Tensor _uniform;        // [S]: 1/K of each slot's part
    private readonly Tensor _sameGroup;      // [S, S]: 1 where two slots belong to one part
    private readonly Tensor _sqrtAlphaBar, _sqrtOneMinusAlphaBar, _alpha, _oneMinusAlpha, _alphaBar, _oneMinusAlphaBar;
    private readonly Tensor _alphaBarPrevious, _oneMinusAlphaBarPrevious, _recipSqrtAlphaBar, _recipSqrtAlphaBarMinusOne;
    private readonly Tensor _coefficientX0, _coefficientXt, _samplingSigma;
    private readonly Tensor _partCount;

    public TabularDiffusion(NoiseSchedule schedule, int numeric, IReadOnlyList<int> categories)
    {
        Schedule = schedule;
        Numeric = numeric;
        _parts = new (int, int)[categories.Count];
        int offset = 0;
        for (int j = 0; j < categories.Count; j++)
        {
            _parts[j] = (offset, categories[j]);
            offset += categories[j];
        }

        CategoryWidth = offset;
        var uniform = new float[offset];
        var same = new float[offset * offset];
        foreach (var (start, k) in _parts)
        {
            for (int a = start; a < start + k; a++)
            {
                uniform[a] = 1f / k;
                for (int b = start; b < start + k; b++)
                {
                    same[(a * offset) + b] = 1;
                }
            }
        }

        _uniform = Held(tensor(uniform));
        _sameGroup = Held(tensor(same, [offset, offset]));
        _partCount = Held(tensor((float)Math.Max(1, categories.Count)));
        double[] Map(Func<int, double> f) => Enumerable.Range(0, schedule.Steps).Select(f).ToArray();
        _sqrtAlphaBar = Table(Map(t => Math.Sqrt(schedule.AlphaBars[t])));
        _sqrtOneMinusAlphaBar = Table(Map(t => Math.Sqrt(1 - schedule.AlphaBars[t])));
        _alpha = Table(schedule.Alphas);
        _oneMinusAlpha = Table(Map(t => 1 - schedule.Alphas[t]));
        _alphaBar = Table(schedule.AlphaBars);
        _oneMinusAlphaBar = Table(Map(t => 1 - schedule.AlphaBars[t]));
        _alphaBarPrevious = Table(schedule.AlphaBarsPrevious);
        _oneMinusAlphaBarPrevious = Table(Map(t => 1 - schedule.AlphaBarsPrevious[t]));
        _recipSqrtAlphaBar = Table(Map(t => 1 / Math.Sqrt(schedule.AlphaBars[t])));
        _recipSqrtAlphaBarMinusOne = Table(Map(t => Math.Sqrt((1 / schedule.AlphaBars[t]) - 1)));
        _coefficientX0 = Table(schedule.PosteriorCoefficientX0);
        _coefficientXt = Table(schedule.PosteriorCoefficientXt);
        _samplingSigma = Table(Map(t => Math.Sqrt(schedule.SamplingVariance[t])));
    }

    public NoiseSchedule Schedule { get; }

    public int Numeric { get; }

    public int CategoryWidth { get; }

    public int PartCount => _parts.Length;

    private static Tensor Held(Tensor t) => t.DetachFromDisposeScope();

    private static Tensor Table(double[] values) => Held(tensor(values.Select(v => (float)v).ToArray()));

    private static Tensor At(Tensor table, Tensor steps) => table.index_select(0, steps).unsqueeze(1);

    private static Tensor Minus(Tensor a, Tensor b) => a.add(b, HeldScalars.Of(-1.0));

    /// <summary>q(x_t | x_0) of the numeric scores for given noise: √ᾱ_t x_0 + √(1 − ᾱ_t) ε.</summary>
    public Tensor ForwardGaussian(Tensor x0, Tensor steps, Tensor noise) =>
        (At(_sqrtAlphaBar, steps) * x0).Plus(At(_sqrtOneMinusAlphaBar, steps) * noise);

    /// <summary>The probabilities of q(x_t | x_0) = ᾱ_t x_0 + (1 − ᾱ_t)/K, slot by slot (x_0 one-hot or probabilities).</summary>
    public Tensor ForwardCategorical(Tensor x0, Tensor steps) =>
        (At(_alphaBar, steps) * x0).Plus(At(_oneMinusAlphaBar, steps) * _uniform);

    /// <summary>
    /// The probabilities of q(x_{t−1} | x_t, x_0) ∝ (α_t x_t + (1 − α_t)/K) ⊙ (ᾱ_{t−1} x_0 + (1 − ᾱ_{t−1})/K),
    /// normalised within each part (Hoogeboom et al. 2021, eq. 7).
    /// </summary>
    public Tensor PosteriorCategorical(Tensor x0, Tensor xt, Tensor steps)
    {
        var fromXt = (At(_alpha, steps) * xt).Plus(At(_oneMinusAlpha, steps) * _uniform);
        var fromX0 = (At(_alphaBarPrevious, steps) * x0).Plus(At(_oneMinusAlphaBarPrevious, steps) * _uniform);
        var product = fromXt * fromX0;
        return product / product.matmul(_sameGroup);
    }

    /// <summary>The mean of q(x_{t−1} | x_t, x_0) of the numeric scores: c1_t x_0 + c2_t x_t.</summary>
    public Tensor PosteriorMeanGaussian(Tensor x0, Tensor xt, Tensor steps) =>
        (At(_coefficientX0, steps) * x0).Plus(At(_coefficientXt, steps) * xt);

    /// <summary>x̂_0 from the predicted noise: (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t.</summary>
    public Tensor PredictX0(Tensor xt, Tensor noise, Tensor steps) =>
        Minus(At(_recipSqrtAlphaBar, steps) * xt, At(_recipSqrtAlphaBarMinusOne, steps) * noise);

    /// <summary>The per-part softmax of the logits: the model's x̂_0 probabilities.</summary>
    public Tensor Softmax(Tensor logits) =>
        cat(_parts.Select(p => logits.narrow(1, p.Offset, p.Categories).softmax(1)).ToList(), 1);

    /// <summary>One-hot rows [n, S] of category codes [n, parts] (Int64).</summary>
    public Tensor OneHot(Tensor codes) =>
        cat(_parts.Select((p, j) => nn.functional.one_hot(codes.select(1, j), p.Categories)).ToList(), 1).to_type(ScalarType.Float32);

    /// <summary>A category per part drawn from <paramref name="probabilities"/> [n, S] (Gumbel-max), as codes [n, parts].</summary>
    public Tensor SampleCategories(Tensor probabilities, Generator generator)
    {
        var u = rand(probabilities.shape, generator: generator).On(probabilities.device).clamp_min(HeldScalars.Of(Tiny));
        var scores = Minus(probabilities.clamp_min(HeldScalars.Of(Tiny)).log(), u.log().neg().log());
        return stack(_parts.Select(p => scores.narrow(1, p.Offset, p.Categories).argmax(1)).ToList(), 1);
    }

    /// <summary>Uniformly drawn categories, the start of the reverse process.</summary>
    public Tensor UniformCategories(long rows, Generator generator, Device device) =>
        SampleCategories(_uniform.unsqueeze(0).expand(rows, CategoryWidth).On(device), generator);

    /// <summary>
    /// The training loss of a batch (per-row means): the noise MSE of the numeric scores, and the multinomial KL terms
    /// divided by the number of parts. <paramref name="x0Numeric"/> [n, d], <paramref name="x0Codes"/> [n, parts].
    /// </summary>
    public (Tensor Gaussian, Tensor Multinomial) Loss(Denoiser network, Tensor x0Numeric, Tensor x0Codes, Tensor steps, Tensor? classes, Generator generator)
    {
        long rows = steps.shape[0];
        var device = steps.device;
        var noise = randn([rows, Numeric], generator: generator).On(device);
        var xtNumeric = ForwardGaussian(x0Numeric, steps, noise);
        Tensor x0OneHot = zeros([rows, 0], device: device), xtOneHot = x0OneHot;
        if (PartCount > 0)
        {
            x0OneHot = OneHot(x0Codes);
            xtOneHot = OneHot(SampleCategories(ForwardCategorical(x0OneHot, steps), generator));
        }

        var output = network.Forward(cat([xtNumeric, xtOneHot], 1), steps, classes);
        var gaussian = zeros(rows, device: device);
        if (Numeric > 0)
        {
            var difference = Minus(output.narrow(1, 0, Numeric), noise);
            gaussian = (difference * difference).mean([1]);
        }

        var multinomial = zeros(rows, device: device);
        if (PartCount > 0)
        {
            var truth = PosteriorCategorical(x0OneHot, xtOneHot, steps);
            var model = PosteriorCategorical(Softmax(output.narrow(1, Numeric, CategoryWidth)), xtOneHot, steps);
            var logRatio = Minus(truth.clamp_min(HeldScalars.Of(Tiny)).log(), model.clamp_min(HeldScalars.Of(Tiny)).log());
            multinomial = (truth * logRatio).sum(1) / _partCount;
        }

        return (gaussian, multinomial);
    }

    /// <summary>
    /// The reverse process for <paramref name="rows"/> rows of the given classes (null: unconditional): the numeric
    /// scores [rows, d] and category codes [rows, parts].
    /// </summary>
    public (Tensor Numeric, Tensor Codes) Sample(Denoiser network, long rows, Tensor? classes, Generator generator, Device device)
    {
        var x = randn([rows, Numeric], generator: generator).On(device);
        var codes = PartCount > 0 ? UniformCategories(rows, generator, device) : zeros([rows, 0], ScalarType.Int64, device: device);
        var stepOf = new long[rows];
        for (int t = Schedule.Steps - 1; t >= 0; t--)
        {
            Tensor nextX = x, nextCodes = codes;
            using (var scope = NewDisposeScope())
            {
                Array.Fill(stepOf, t);
                var steps = tensor(stepOf).On(device);
                var oneHot = PartCount > 0 ? OneHot(codes) : zeros([rows, 0], device: device);
                var output = network.Forward(cat([x, oneHot], 1), steps, classes);
                if (Numeric > 0)
                {
                    var x0 = PredictX0(x, output.narrow(1, 0, Numeric), steps);
                    var mean = PosteriorMeanGaussian(x0, x, steps);
                    nextX = (t > 0 ? mean.Plus(At(_samplingSigma, steps) * randn([rows, Numeric], generator: generator).On(device)) : mean).MoveToOuterDisposeScope();
                }

                if (PartCount > 0)
                {
                    nextCodes = SampleCategories(PosteriorCategorical(Softmax(output.narrow(1, Numeric, CategoryWidth)), oneHot, steps), generator).MoveToOuterDisposeScope();
                }
            }

            if (!ReferenceEquals(nextX, x))
            {
                x.Dispose();
                x = nextX;
            }

            if (!ReferenceEquals(nextCodes, codes))
            {
                codes.Dispose();
                codes = nextCodes;
            }
        }

        return (x, codes);
    }

    public void Dispose()
    {
        foreach (var t in new[]
        {
            _uniform, _sameGroup, _partCount, _sqrtAlphaBar, _sqrtOneMinusAlphaBar, _alpha, _oneMinusAlpha, _alphaBar, _oneMinusAlphaBar,
            _alphaBarPrevious, _oneMinusAlphaBarPrevious, _recipSqrtAlphaBar, _recipSqrtAlphaBarMinusOne, _coefficientX0, _coefficientXt, _samplingSigma,
        })
        {
            t.Dispose();
        }
    }
}
