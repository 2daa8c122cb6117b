using System.Globalization;
using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;
using TorchSharp;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Deep;

namespace Microsoft.ML.Synthetic.Privacy.DpSgd;

/// <summary>
/// DP-SGD (Abadi et al. 2016, "Deep Learning with Differential Privacy") for any TorchSharp model: per-example
/// gradient clipping to L2 norm C, Gaussian noise N(0, σ²C²) on the sum, division by the expected batch size,
/// Poisson (or fixed-size) batch sampling, and an RDP accountant (Opacus' orders and conversion). It fills the
/// parameters' <c>.grad</c>; any TorchSharp optimizer then takes the step.
/// </summary>
/// <example>
/// <code>
/// var dp = new DpSgdEngine(model.parameters(), datasetSize: n, new DpSgdOptions { BatchSize = 256, TargetEpsilon = 1, PlannedSteps = epochs * n / 256 });
/// var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-3);
/// while (dp.StepsTaken &lt; dp.PlannedSteps &amp;&amp; !dp.WouldExceedTarget())
/// {
///     using var scope = torch.NewDisposeScope();
///     long[] batch = dp.SampleBatch();
///     dp.ComputeGradients(batch, idx => lossPerExample(model, x[idx], y[idx]));   // a [B] tensor of per-example losses
///     optimizer.step();
/// }
/// double epsilon = dp.Epsilon();   // (ε, Delta) spent so far
/// </code>
/// </example>
/// <remarks>
/// Built from a module, the engine clips Linear layers with one backward pass per batch (see the module
/// constructor). Built from a parameter list, per-example gradients come from one forward pass over the batch
/// and one backward pass per example (<c>autograd.grad</c> with a retained graph): any architecture, at about B
/// backward passes per step. Layers that mix examples (batch normalization, PacGAN packing) break the
/// per-example sensitivity and must not be used with DP-SGD.
/// <para>
/// The noise and the batch selection are read from the operating system's cryptographically secure generator in bulk
/// (<see cref="DpSgdRandomness"/>) and never stored: the RDP analysis of the subsampled Gaussian assumes that nobody
/// knows which rows a batch held or what noise was added. Only <see cref="DpSgdOptions.NonPrivateReproducibleSeed"/>
/// makes them reproducible, and then the ledger entry is marked not private.
/// </para>
/// </remarks>
internal sealed class DpSgdEngine : IPrivacyLedgerSource, IDisposable
{
    private readonly TorchSharp.Modules.Parameter[] _parameters;
    private readonly DpSgdRandomness _randomness;
    private readonly LinearPerExampleGradients? _linearPath;
    private (long Steps, double Epsilon)? _prvEpsilon;
    private long? _prvStepLimit;

    /// <summary>
    /// Creates the engine for <paramref name="model"/>'s trainable parameters. The parameters of its <c>nn.Linear</c>
    /// layers (each applied once per forward pass to [batch, features] inputs) get per-example norms and the
    /// clipped sum from one backward pass per batch (layer inputs and output gradients); any other trainable
    /// parameter (a learned σ, an embedding) gets its per-example gradients from an <c>autograd.grad</c> restricted
    /// to it. When the forward pass does not fit (a layer applied twice, 3-D inputs), the engine falls back to one
    /// backward pass per example.
    /// </summary>
    public DpSgdEngine(nn.Module model, long datasetSize, DpSgdOptions options, string name = "DP-SGD")
        : this((model ?? throw new ArgumentNullException(nameof(model))).parameters(), datasetSize, options, name)
    {
        _linearPath = LinearPerExampleGradients.TryCreate(model, _parameters);
    }

    /// <summary>Whether the last step clipped per-example gradients with the one-backward-pass Linear path.</summary>
    public bool LastStepUsedLinearPath { get; private set; }

    /// <summary>
    /// The per-example gradient L2 norms of the last step, before clipping (empty before the first step or for an
    /// empty batch). They are computed from the private data without noise: a diagnostic for choosing
    /// <see cref="DpSgdOptions.MaxGradNorm"/>, not covered by the privacy guarantee.
    /// </summary>
    public IReadOnlyList<double> LastGradientNorms { get; private set; } = [];

    /// <summary>Creates the engine for <paramref name="parameters"/> trained on <paramref name="datasetSize"/> examples.</summary>
    public DpSgdEngine(IEnumerable<TorchSharp.Modules.Parameter> parameters, long datasetSize, DpSgdOptions options, string name = "DP-SGD")
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        _parameters = parameters.Where(p => p.requires_grad).ToArray();
        if (_parameters.Length == 0)
        {
            throw new ArgumentException("DP-SGD needs at least one trainable parameter.", nameof(parameters));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(datasetSize);
        if (options.BatchSize <= 0 || options.BatchSize > datasetSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, $"The batch size must lie in [1, {datasetSize}] (the dataset size).");
        }

        PrivacyParameters.ThrowIfBadPositive(options.MaxGradNorm, "maxGradNorm", "The clipping bound");
        PrivacyParameters.ThrowIfBadDelta(options.Delta, "delta");
        Options = options;
        Name = name;
        DatasetSize = datasetSize;
        SampleRate = (double)options.BatchSize / datasetSize;
        PlannedSteps = options.PlannedSteps;
        if (options.NoiseMultiplier is double sigma)
        {
            PrivacyParameters.ThrowIfBadPositive(sigma, "noiseMultiplier", "The noise multiplier");
            NoiseMultiplier = sigma;
        }
        else if (options.TargetEpsilon is double target)
        {
            long steps = options.PlannedSteps
                ?? throw new ArgumentException("With a target ε, state the planned number of steps (PlannedSteps) so the noise can be calibrated.", nameof(options));
            NoiseMultiplier = NoiseMultiplierSearch.ForTargetEpsilon(target, options.Delta, SampleRate, steps, accountant: options.Accountant);
        }
        else
        {
            throw new ArgumentException("Set either NoiseMultiplier or TargetEpsilon (with PlannedSteps).", nameof(options));
        }

        _randomness = new DpSgdRandomness(NoiseSource.For(options.NonPrivateReproducibleSeed));
        Accountant = new RdpAccountant();
    }

    /// <summary>The options.</summary>
    public DpSgdOptions Options { get; }

    /// <summary>The name used in the ledger.</summary>
    public string Name { get; }

    /// <summary>N.</summary>
    public long DatasetSize { get; }

    /// <summary>q = B/N.</summary>
    public double SampleRate { get; }

    /// <summary>σ.</summary>
    public double NoiseMultiplier { get; }

    /// <summary>The planned number of steps, when stated.</summary>
    public long? PlannedSteps { get; }

    /// <summary>The RDP accountant that records every step (its history also feeds the PRV accountant when <see cref="DpSgdOptions.Accountant"/> asks for it).</summary>
    public RdpAccountant Accountant { get; }

    /// <summary>The number of noisy steps taken.</summary>
    public long StepsTaken => Accountant.StepCount;

    /// <summary>ε spent so far at <see cref="DpSgdOptions.Delta"/>, from <see cref="DpSgdOptions.Accountant"/> (PRV: its upper bound).</summary>
    public double Epsilon()
    {
        if (Options.Accountant == PrivacyAccountant.Rdp)
        {
            return StepsTaken == 0 ? 0 : Accountant.GetEpsilon(Options.Delta);
        }

        if (_prvEpsilon is not { Steps: var steps } cached || steps != StepsTaken)
        {
            _prvEpsilon = cached = (StepsTaken, EpsilonOf(Accountant.History));
        }

        return cached.Epsilon;
    }

    /// <summary>Whether one more step would take ε above <see cref="DpSgdOptions.TargetEpsilon"/> (false without a target).</summary>
    public bool WouldExceedTarget()
    {
        if (Options.TargetEpsilon is not double target)
        {
            return false;
        }

        if (Options.Accountant == PrivacyAccountant.Prv)
        {
            // Every step has the engine's (σ, q) and ε grows with the step count: one search for the limit serves
            // every later call, instead of a PRV evaluation per step.
            _prvStepLimit ??= StepsWithin(target, cap: null);
            return StepsTaken + 1 > _prvStepLimit;
        }

        return EpsilonOf([.. Accountant.History, (NoiseMultiplier, SampleRate, 1)]) > target;
    }

    // The most steps of (σ, q), at most `cap` when given, whose ε at δ stays within `target` (ε grows with the
    // step count): the cap itself when it fits, else bisection below it; without a cap, doubling first.
    private long StepsWithin(double target, long? cap)
    {
        long low = 0, high;   // ε(low) ≤ target < ε(high)
        if (cap is long limit)
        {
            if (EpsilonOf([(NoiseMultiplier, SampleRate, limit)]) <= target)
            {
                return limit;
            }

            high = limit;
        }
        else
        {
            for (high = 1; EpsilonOf([(NoiseMultiplier, SampleRate, high)]) <= target; high *= 2)
            {
                low = high;
            }
        }

        while (high - low > 1)
        {
            long middle = low + ((high - low) / 2);
            if (EpsilonOf([(NoiseMultiplier, SampleRate, middle)]) <= target)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    // ε at Options.Delta after the given steps, from the chosen accountant (PRV: its upper bound; 0 without steps).
    private double EpsilonOf(IEnumerable<(double NoiseMultiplier, double SampleRate, long Steps)> history)
    {
        var rdp = new RdpAccountant(Accountant.Orders);
        var prv = new PrvAccountant();
        foreach (var (sigma, q, steps) in history.Where(h => h.Steps > 0))
        {
            if (Options.Accountant == PrivacyAccountant.Prv)
            {
                prv.Step(sigma, q, steps);
            }
            else
            {
                rdp.Step(sigma, q, steps);
            }
        }

        return rdp.StepCount + prv.StepCount == 0 ? 0
            : Options.Accountant == PrivacyAccountant.Prv ? prv.GetEpsilon(Options.Delta).Upper : rdp.GetEpsilon(Options.Delta);
    }

    /// <summary>
    /// The most steps, at most <see cref="PlannedSteps"/>, whose ε at δ stays within <see cref="DpSgdOptions.TargetEpsilon"/>
    /// (all planned steps without a target). σ and q are fixed, so ε grows with the step count and this is the same
    /// stopping rule as asking <see cref="WouldExceedTarget"/> before every step, found once by bisection.
    /// </summary>
    internal long StepsWithinTarget()
    {
        long planned = PlannedSteps ?? throw new InvalidOperationException("No planned step count was stated.");
        return Options.TargetEpsilon is double target ? StepsWithin(target, planned) : planned;
    }

    /// <summary>Whether the noise and the batches are drawn from the secure source (false only with <see cref="DpSgdOptions.NonPrivateReproducibleSeed"/>).</summary>
    public bool IsPrivate => _randomness.IsSecure;

    /// <summary>
    /// The indices of the next batch, in increasing order. Poisson: each example independently with probability q
    /// (at most q, within 2⁻⁵³: see <see cref="DpSgdRandomness.PoissonBatch"/>), so the batch size varies and may be 0;
    /// fixed size: B distinct examples, uniformly.
    /// </summary>
    public long[] SampleBatch() =>
        Options.Sampling == DpSgdSampling.FixedSize
            ? _randomness.FixedSizeBatch(DatasetSize, Options.BatchSize)
            : _randomness.PoissonBatch(DatasetSize, SampleRate);

    /// <summary>
    /// Sets every parameter's <c>.grad</c> to the DP-SGD gradient of the batch: (Σ_i clip_C(∇ℓ_i) + N(0, σ²C²)) / B_e,
    /// where B_e is the expected batch size qN (Poisson) or B (fixed size), and records the step in the accountant.
    /// </summary>
    /// <param name="batch">The example indices, from <see cref="SampleBatch"/>.</param>
    /// <param name="perExampleLosses">Given the batch indices as a long tensor, the loss of each example, shape [batch].</param>
    public void ComputeGradients(IReadOnlyList<long> batch, Func<Tensor, Tensor> perExampleLosses)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(perExampleLosses);
        using var scope = NewDisposeScope();
        var sums = _parameters.Select(p => zeros_like(p).detach()).ToArray();
        LastGradientNorms = [];
        if (batch.Count > 0)
        {
            var indices = tensor(batch.ToArray());
            ClipAndAccumulate(() => CheckShape(perExampleLosses(indices), batch.Count), sums, Options.MaxGradNorm);
        }

        double expectedBatch = Options.Sampling == DpSgdSampling.Poisson ? SampleRate * DatasetSize : Options.BatchSize;
        double noiseStd = NoiseMultiplier * Options.MaxGradNorm;
        EnsureGradients();
        using (no_grad())
        {
            // N(0, σ²C²) for every coordinate of every parameter, in one bulk read from the source, as one flat tensor.
            using var noise = _randomness.Normal(sums.Sum(t => t.numel()), noiseStd);
            long offset = 0;
            for (int k = 0; k < _parameters.Length; k++)
            {
                long count = sums[k].numel();
                var part = noise.narrow(0, offset, count).view(sums[k].shape).to(sums[k].dtype, sums[k].device);
                _parameters[k].grad!.copy_(sums[k].Plus(part).div(HeldScalars.Of(expectedBatch)));
                offset += count;
            }
        }

        Accountant.Step(NoiseMultiplier, SampleRate);
    }

    /// <summary>Clips and sums per-example gradients with the Linear path when it applies, else one backward pass per example.</summary>
    internal double[] ClipAndAccumulate(Func<Tensor> perExampleLosses, Tensor[] sums, double maxNorm)
    {
        LastStepUsedLinearPath = false;
        if (_linearPath?.ClipAndAccumulate(perExampleLosses, _parameters, sums, maxNorm, TensorBounds(maxNorm)) is { } norms)
        {
            LastStepUsedLinearPath = true;
            LastGradientNorms = norms;
            return norms;
        }

        var perExample = ClipAndAccumulate(perExampleLosses(), sums, maxNorm);
        LastGradientNorms = perExample;
        return perExample;
    }

    /// <summary>Per-layer clipping: the bound C/√K of each of the K trainable tensors; null for flat clipping.</summary>
    private double[]? TensorBounds(double maxNorm) =>
        Options.Clipping == DpSgdClipping.PerLayer ? Enumerable.Repeat(maxNorm / Math.Sqrt(_parameters.Length), _parameters.Length).ToArray() : null;

    private static Tensor CheckShape(Tensor losses, int count) =>
        losses.shape.Length == 1 && losses.shape[0] == count ? losses
            : throw new ArgumentException($"The loss function must return one loss per example: shape [{count}], got [{string.Join(", ", losses.shape)}].", nameof(losses));

    /// <summary>
    /// Adds each example's gradient, clipped to L2 norm <paramref name="maxNorm"/> over all parameters, into
    /// <paramref name="sums"/>; returns the per-example norms before clipping.
    /// </summary>
    internal double[] ClipAndAccumulate(Tensor losses, Tensor[] sums, double maxNorm)
    {
        int b = (int)losses.shape[0];
        var norms = new double[b];
        var inputs = _parameters.Cast<Tensor>().ToArray();
        for (int i = 0; i < b; i++)
        {
            var grads = autograd.grad([losses[i]], inputs, retain_graph: i < b - 1, allow_unused: true);
            using (no_grad())
            {
                double squared = 0;
                for (int k = 0; k < grads.Count; k++)
                {
                    if (grads[k] is not null)
                    {
                        squared += grads[k].pow(HeldScalars.Two).sum().item<float>();
                    }
                }

                norms[i] = Math.Sqrt(squared);
                double factor = Math.Min(1.0, maxNorm / (norms[i] + 1e-6));   // Opacus' clipping factor
                var bounds = TensorBounds(maxNorm);
                for (int k = 0; k < grads.Count; k++)
                {
                    if (grads[k] is not null)
                    {
                        double f = bounds is null ? factor : Math.Min(1.0, bounds[k] / (Math.Sqrt(grads[k].pow(HeldScalars.Two).sum().item<float>()) + 1e-6));
                        using var scale = f.ToScalar();   // held until the call returns (see HeldScalars)
                        sums[k].PlusInPlace(grads[k].mul(scale));
                    }
                }
            }
        }

        return norms;
    }

    /// <summary>
    /// The budget spent so far, as one ledger entry: ε from <see cref="DpSgdOptions.Accountant"/> at <see cref="DpSgdOptions.Delta"/>
    /// (named in <see cref="PrivacyLedgerEntry.Accountant"/>),
    /// with the accountant's RDP curve (<see cref="PrivacyLedgerEntry.Renyi"/>) for RDP composition of a whole chain.
    /// </summary>
    public IReadOnlyList<PrivacyLedgerEntry> PrivacyLedgerEntries =>
    [
        new PrivacyLedgerEntry(
            Name,
            string.Create(CultureInfo.InvariantCulture, $"DP-SGD, subsampled Gaussian σ = {NoiseMultiplier:G6}, q = {SampleRate:G6}, {StepsTaken} steps, clip C = {Options.MaxGradNorm:G6}{(Options.Clipping == DpSgdClipping.PerLayer ? $" (per layer, C/√{_parameters.Length} per tensor)" : "")}, {(Options.Sampling == DpSgdSampling.Poisson ? "Poisson sampling" : "fixed-size batches accounted as Poisson (approximate)")}; {(Options.Accountant == PrivacyAccountant.Prv ? "PRV accountant (ε upper bound)" : "RDP accountant")}{(IsPrivate ? "" : "; NOT PRIVATE: " + NotPrivateReason)}"),
            Epsilon(),
            StepsTaken == 0 ? 0 : Options.Delta)
        {
            Renyi = StepsTaken == 0 ? null : new RenyiCurve(Accountant.Orders, Accountant.Rdp),
            Accountant = Options.Accountant,
            NotPrivateReason = !IsPrivate ? NotPrivateReason
                : Options.Sampling == DpSgdSampling.FixedSize ? FixedSizeNotPrivateReason : null,
        },
    ];

    private const string FixedSizeNotPrivateReason =
        "fixed-size batches were drawn but the accountant assumes Poisson sampling, so the ε of this entry is an approximation, not a guarantee; use DpSgdSampling.Poisson (the default) for an exact account";

    private const string NotPrivateReason =
        "NonPrivateReproducibleSeed was set: the noise and the batches come from a seeded generator, so anyone with the seed can replay them; the ε of this entry is not a guarantee";

    /// <summary>Releases the Linear path's hooks.</summary>
    public void Dispose() => _linearPath?.Dispose();

    // TorchSharp's .grad has no setter: allocate it once through a zero backward pass, then copy into it.
    private void EnsureGradients()
    {
        var missing = _parameters.Where(p => p.grad is null).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        using var scope = NewDisposeScope();
        var zero = missing.Select(p => p.sum().mul(HeldScalars.Of(0))).Aggregate((a, c) => a.Plus(c));
        zero.backward();
    }
}
