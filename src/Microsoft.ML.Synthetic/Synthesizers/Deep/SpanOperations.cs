using TorchSharp;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// The per-span activations and losses of an encoded row, vectorised: every softmax span is gathered into one
/// padded [batch, spans, widest] tensor (padding at −10⁹), so a softmax, Gumbel-softmax or cross entropy over all
/// spans is a handful of tensor operations instead of a loop over columns.
/// </summary>
internal sealed class SpanOperations : IDisposable
{
    private const float PadLogit = -1e9f;
    private readonly Tensor _alphaIndex;      // positions of tanh outputs
    private readonly Tensor _paddedIndex;     // [spans × widest] positions (pads point at 0)
    private readonly Tensor _padBias;         // [spans, widest]: 0 on real slots, −1e9 on pads
    private readonly Tensor _padMask;         // [spans, widest]: 1 on real slots, 0 on pads
    private readonly Tensor _validFlat;       // flat padded positions of real slots, in encoded order
    private readonly Tensor _inverseOrder;    // restores encoded order from [tanh outputs, softmax outputs]

    /// <summary>The index tensors of <paramref name="spans"/> over encoded rows of <paramref name="width"/>, on <paramref name="device"/> (default: the CPU).</summary>
    public SpanOperations(IReadOnlyList<OutputSpan> spans, int width, Device? device = null)
    {
        device ??= CPU;
        var alpha = spans.Where(s => s.Activation == SpanActivation.Tanh).Select(s => (long)s.Start).ToArray();
        var softmax = spans.Where(s => s.Activation == SpanActivation.Softmax).ToArray();
        SpanCount = softmax.Length;
        Widest = softmax.Length == 0 ? 1 : softmax.Max(s => s.Width);
        var padded = new long[SpanCount * Widest];
        var bias = new float[SpanCount * Widest];
        var mask = new float[SpanCount * Widest];
        var valid = new List<long>();
        var order = new List<long>(alpha);
        for (int s = 0; s < SpanCount; s++)
        {
            for (int w = 0; w < Widest; w++)
            {
                int flat = (s * Widest) + w;
                if (w < softmax[s].Width)
                {
                    padded[flat] = softmax[s].Start + w;
                    mask[flat] = 1;
                    valid.Add(flat);
                    order.Add(softmax[s].Start + w);
                }
                else
                {
                    bias[flat] = PadLogit;
                }
            }
        }

        var inverse = new long[width];
        for (int i = 0; i < order.Count; i++)
        {
            inverse[order[i]] = i;
        }

        _alphaIndex = tensor(alpha, ScalarType.Int64).On(device);
        _paddedIndex = tensor(padded, ScalarType.Int64).On(device);
        _padBias = tensor(bias, [SpanCount, Widest]).On(device);
        _padMask = tensor(mask, [SpanCount, Widest]).On(device);
        _validFlat = tensor(valid.ToArray(), ScalarType.Int64).On(device);
        _inverseOrder = tensor(inverse, ScalarType.Int64).On(device);
        HasAlpha = alpha.Length > 0;
    }

    public int SpanCount { get; }

    public int Widest { get; }

    public bool HasAlpha { get; }

    /// <summary>The softmax spans of <paramref name="raw"/> as a padded [batch, spans, widest] tensor of logits.</summary>
    public Tensor PaddedLogits(Tensor raw) =>
        raw.index_select(1, _paddedIndex).view(raw.shape[0], SpanCount, Widest).Plus(_padBias);

    /// <summary>The one-hot targets of <paramref name="x"/> in the padded layout (zeros on pads).</summary>
    public Tensor PaddedTargets(Tensor x) =>
        x.index_select(1, _paddedIndex).view(x.shape[0], SpanCount, Widest) * _padMask;

    /// <summary>The α outputs of <paramref name="raw"/> (before tanh).</summary>
    public Tensor Alpha(Tensor raw) => raw.index_select(1, _alphaIndex);

    /// <summary>Positions of the α outputs.</summary>
    public Tensor AlphaIndex => _alphaIndex;

    /// <summary>Per-row cross entropy of every softmax span of <paramref name="raw"/> against the one-hots in <paramref name="x"/>, summed over spans.</summary>
    public Tensor CrossEntropy(Tensor raw, Tensor x) =>
        -(PaddedTargets(x) * nn.functional.log_softmax(PaddedLogits(raw), 2)).sum([1, 2]);

    /// <summary>
    /// Per-row log-probability, under the softmax of its span, of one slot per row: span <c>spanOf[b]</c>, slot
    /// <c>slotOf[b]</c> (given together as the flat padded index <c>span·Widest + slot</c>).
    /// </summary>
    public Tensor SelectedLogSoftmax(Tensor raw, Tensor flatIndex)
    {
        long batch = raw.shape[0];
        var logProbabilities = nn.functional.log_softmax(PaddedLogits(raw), 2).view(batch, SpanCount * Widest);
        return logProbabilities.gather(1, flatIndex.view(batch, 1)).view(batch);
    }

    /// <summary>
    /// The generator's output activations (Xu et al. 2019): tanh on α outputs and a Gumbel-softmax with temperature
    /// <paramref name="tau"/> on each one-hot span, back in encoded order.
    /// </summary>
    public Tensor Activate(Tensor raw, double tau, Generator generator)
    {
        long batch = raw.shape[0];
        var logits = PaddedLogits(raw);
        var gumbel = Gumbel(logits.shape, generator).On(raw.device);
        var soft = nn.functional.softmax(logits.Plus(gumbel).mul_(TorchHelpers.Constant(1.0 / tau)), 2).view(batch, SpanCount * Widest).index_select(1, _validFlat);
        var parts = HasAlpha ? cat([Alpha(raw).tanh(), soft], 1) : soft;
        return parts.index_select(1, _inverseOrder);
    }

    /// <summary>
    /// Sampling: tanh on α outputs, and on each one-hot span the logits perturbed by Gumbel noise (whose argmax is
    /// a draw from the span's softmax), back in encoded order.
    /// </summary>
    /// <param name="raw">The network's raw output.</param>
    /// <param name="generator">Draws the Gumbel noise.</param>
    public Tensor SampleActivate(Tensor raw, Generator generator) =>
        SampleActivatePadded(raw, rand([raw.shape[0], SpanCount, Widest], generator: generator).On(raw.device));

    /// <summary>
    /// Sampling as <see cref="SampleActivate(Tensor, Generator)"/> does, with the Gumbel noise made from given
    /// uniforms <paramref name="slotUniform"/> [batch, <see cref="SlotCount"/>]: one per one-hot slot, in encoded order.
    /// </summary>
    public Tensor SampleActivate(Tensor raw, Tensor slotUniform)
    {
        long batch = raw.shape[0];
        var padded = full([batch, SpanCount * Widest], HeldScalars.Of(0.5), ScalarType.Float32, raw.device).index_copy_(1, _validFlat, slotUniform.On(raw.device)).view(batch, SpanCount, Widest);
        return SampleActivatePadded(raw, padded);
    }

    /// <summary>The number of one-hot slots of an encoded row (the Gumbel draws of one sampled row).</summary>
    public long SlotCount => _validFlat.shape[0];

    private Tensor SampleActivatePadded(Tensor raw, Tensor uniform)
    {
        long batch = raw.shape[0];
        var logits = PaddedLogits(raw);
        var perturbed = logits.Plus(Gumbel(uniform)).view(batch, SpanCount * Widest).index_select(1, _validFlat);
        var parts = HasAlpha ? cat([Alpha(raw).tanh(), perturbed], 1) : perturbed;
        return parts.index_select(1, _inverseOrder);
    }

    /// <summary>Standard Gumbel noise −log(−log U), U uniform in [10⁻⁶, 1 − 10⁻⁶].</summary>
    private static Tensor Gumbel(long[] shape, Generator generator) => Gumbel(rand(shape, generator: generator));

    /// <summary>Gumbel noise −log(−log U′) of uniforms <paramref name="uniform"/> (overwritten), U′ = U·(1 − 2·10⁻⁶) + 10⁻⁶.</summary>
    private static Tensor Gumbel(Tensor uniform)
    {
        // U·(1 − 2·10⁻⁶) + 10⁻⁶ keeps both logarithms finite in single precision (1 − 10⁻¹⁰ rounds to 1).
        return uniform.mul_(TorchHelpers.Constant(1 - 2e-6)).PlusInPlace(TorchHelpers.Constant(1e-6)).log_().neg_().log_().neg_();
    }

    public void Dispose()
    {
        _alphaIndex.Dispose();
        _paddedIndex.Dispose();
        _padBias.Dispose();
        _padMask.Dispose();
        _validFlat.Dispose();
        _inverseOrder.Dispose();
    }
}
