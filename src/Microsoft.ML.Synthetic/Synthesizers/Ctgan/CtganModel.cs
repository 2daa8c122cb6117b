using Microsoft.ML.Synthetic.Data;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers;
using Microsoft.ML.Synthetic.Synthesizers.Ctgan;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted CTGAN. Unconditional samples use conditional vectors drawn as in training data (a column uniformly, its
/// category by frequency); a condition on a category feeds that category's conditional vector to the generator, and
/// every condition is then enforced by keeping only the generated rows that satisfy it.
/// </summary>
public sealed class CtganModel : SynthesizerModelBase, IPrivacyLedgerSource
{
    internal const string Format = "Ctgan";

    /// <summary>The version of the body <see cref="SaveContents"/> writes.</summary>
    internal const int FormatVersion = 1;

    private readonly CtganGenerator _network;
    private readonly SpanOperations _spans;
    private readonly ConditionalVectorSampler _sampler;
    private readonly int _embeddingDim;
    private readonly int[] _generatorDims;
    private readonly object _lock = new();

    internal CtganModel(TabularSchema schema, TabularEncoder encoder, CtganGenerator network, SpanOperations spans, ConditionalVectorSampler sampler, int embeddingDim, int[] generatorDims, IReadOnlyList<DeepTrainingProgress> history)
        : base(schema)
    {
        Encoder = encoder;
        _network = network;
        _spans = spans;
        _sampler = sampler;
        _embeddingDim = embeddingDim;
        _generatorDims = generatorDims;
        TrainingHistory = history;
    }

    /// <summary>The encoding the model works in (modes of each continuous column, one-hot layout).</summary>
    internal TabularEncoder Encoder { get; }

    /// <summary>
    /// The losses after each training epoch (empty for a loaded model). Differentially private training keeps only ε
    /// here: its losses and gradient norms are computed on the private rows without noise (not covered by the DP
    /// guarantee), so they are shown to the progress callback and the log, labelled, and not kept in the model.
    /// </summary>
    public IReadOnlyList<DeepTrainingProgress> TrainingHistory { get; }

    /// <summary>The privacy budget training spent (DP-CTGAN); empty for non-private training and for a loaded model.</summary>
    public IReadOnlyList<PrivacyLedgerEntry> PrivacyLedgerEntries { get; internal init; } = [];

    /// <inheritdoc/>
    private protected override string FormatName => Format;

    /// <inheritdoc/>
    private protected override TabularData GenerateBlock(int rowCount, ResolvedConditions? conditions, Random random)
    {
        var generator = TorchHelpers.CreateGenerator(random.NextInt64());
        int fixedColumn = -1, fixedSlot = -1;
        Dictionary<int, int>? required = null;
        var categorical = conditions?.Items.FirstOrDefault(c => c.IsCategory);
        if (categorical is not null)
        {
            var layout = Encoder.LayoutOf(categorical.ColumnIndex);
            fixedColumn = Encoder.CategoricalColumns.ToList().IndexOf(layout);
            fixedSlot = layout.Categorical!.SlotOf(categorical.Category);
            required = new Dictionary<int, int> { [categorical.ColumnIndex] = categorical.Category };
        }

        TabularData Generate(int rows)
        {
            var encoded = new float[rows * Encoder.Width];
            if (rows > 0)
            {
                var cond = new float[rows * _sampler.Width];
                if (_sampler.Width > 0)
                {
                    if (fixedColumn >= 0)
                    {
                        _sampler.Fixed(rows, fixedColumn, fixedSlot, cond);
                    }
                    else
                    {
                        _sampler.SampleOriginal(rows, random, cond);
                    }
                }

                RunGenerator(rows, cond, encoded, () => randn([rows, _embeddingDim], generator: generator), raw => _spans.SampleActivate(raw, generator));
            }

            return Encoder.Decode(encoded, rows, random, default, required);
        }

        return conditions is null ? Generate(rowCount) : RejectionSampler.Sample(rowCount, conditions, Generate);
    }

    /// <summary>The generator (the ONNX exporter reads its weights).</summary>
    internal CtganGenerator Network => _network;

    /// <summary>The conditional-vector sampler (the ONNX exporter reads its layout and frequencies).</summary>
    internal ConditionalVectorSampler Sampler => _sampler;

    /// <summary>The width of the latent noise.</summary>
    internal int EmbeddingDim => _embeddingDim;

    /// <summary>
    /// Decodes given draws as unconditional <see cref="GenerateBlock"/> decodes its own: z from <paramref name="noise"/>,
    /// the conditional vector, Gumbel and rare-category draws from <paramref name="uniform"/>, laid out as
    /// <see cref="SamplerNoise"/> describes (the parity reference of the ONNX sampler).
    /// </summary>
    internal TabularData DecodeNoise(float[] noise, float[] uniform, int rows)
    {
        var layout = new SamplerNoise(Encoder, _embeddingDim, alphaNoise: false, conditionalVector: _sampler.Width > 0);
        layout.Validate(noise, uniform, rows);
        var cond = new float[rows * _sampler.Width];
        if (_sampler.Width > 0)
        {
            _sampler.SampleOriginal(rows, layout.ConditionDraws(uniform), cond);
        }

        var encoded = new float[rows * Encoder.Width];
        var slots = SamplerNoise.Columns(uniform, rows, layout.UniformWidth, 0, layout.SlotCount);
        RunGenerator(rows, cond, encoded, () => tensor(noise, [rows, _embeddingDim]), raw => _spans.SampleActivate(raw, tensor(slots, [rows, layout.SlotCount])));
        return Encoder.DecodeWith(encoded, rows, layout.Draws(noise, uniform));
    }

    /// <summary>Runs the generator on latent rows (from <paramref name="latent"/>) and conditional vectors, activating its output into <paramref name="encoded"/>.</summary>
    private void RunGenerator(int rows, float[] cond, float[] encoded, Func<Tensor> latent, Func<Tensor, Tensor> activate)
    {
        lock (_lock)
        {
            using var flush = DenormalFlush.Enter();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var device = _network.parameters().First().device;   // the training device; the CPU for a loaded model
            var z = latent().On(device);
            var input = _sampler.Width > 0 ? cat([z, tensor(cond, [rows, _sampler.Width]).On(device)], 1) : z;
            activate(_network.call(input)).On(CPU).contiguous().data<float>().CopyTo(encoded);
        }
    }

    /// <inheritdoc/>
    private protected override void SaveContents(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Encoder.Write(writer);
        _sampler.Write(writer);
        writer.Write(_embeddingDim);
        writer.Write(_generatorDims.Length);
        foreach (var d in _generatorDims)
        {
            writer.Write(d);
        }

        NetworkState.Write(writer, _network);
    }

    /// <summary>
    /// Reads what <see cref="SaveContents"/> wrote: the encoder (validated against <paramref name="schema"/>), the
    /// conditional-vector counts (matching the encoder's categorical columns, or none for an unconditional generator),
    /// the layer sizes (each bounded, and their weights present in the file before the generator is built), then the
    /// weights (finite; batch-norm variances not negative).
    /// </summary>
    internal static CtganModel Read(ModelReader reader, TabularSchema schema)
    {
        var encoder = TabularEncoder.Read(reader, schema);
        var sampler = ConditionalVectorSampler.Read(reader, encoder);
        int embeddingDim = reader.ReadInt32("latent dimension", 1, ModelFileLimits.MaxLayerWidth);
        var dims = NetworkState.ReadWidths(reader, "generator");
        long input = (long)embeddingDim + sampler.Width, width = input, floats = 0;
        foreach (var d in dims)
        {
            floats += NetworkState.Linear(width, d) + (4L * d);   // linear, then batch norm: weight, bias, running mean and variance
            width += d;
        }

        floats += NetworkState.Linear(width, encoder.Width);
        NetworkState.CheckSize(reader, floats, dims.Length,
            $"latent {embeddingDim}, conditional vector {sampler.Width}, generator [{string.Join(", ", dims)}], data {encoder.Width}");
        var network = new CtganGenerator(embeddingDim + sampler.Width, dims, encoder.Width);
        NetworkState.Read(reader, network);
        network.eval();
        return new CtganModel(schema, encoder, network, new SpanOperations(encoder.Spans, encoder.Width), sampler, embeddingDim, dims, []);
    }
}
