using Microsoft.ML.Synthetic.Data;
using static TorchSharp.torch;
using Microsoft.ML.Synthetic.Synthesizers;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;
using Microsoft.ML.Synthetic.Synthesizers.Tvae;
using Microsoft.ML.Synthetic.Synthesizers.Deep;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted TVAE: samples latent rows from N(0, I), decodes them, adds the learned Gaussian noise to each
/// continuous output, and draws every one-hot part (the mode of a continuous column, a categorical column, a
/// missing-value indicator) from its softmax (Gumbel-max): a draw from the decoder's distribution p(x | z), the
/// likelihood the model was trained on. The reference implementation takes the argmax of each one-hot part instead,
/// which never generates a category or mode the decoder gives less than half of the probability under every z: on
/// Adult after 300 epochs it put the weakly-informed fnlwgt column into its two largest modes (KS complement 0.73,
/// quality 0.884; drawn: 0.989, quality 0.907), and a barely trained model loses a 20 % category entirely.
/// Conditions are met by rejection (generate, keep the rows that satisfy them).
/// </summary>
public sealed class TvaeModel : SynthesizerModelBase, IPrivacyLedgerSource
{
    internal const string Format = "Tvae";

    /// <summary>The version of the body <see cref="SaveContents"/> writes.</summary>
    internal const int FormatVersion = 1;

    private readonly TvaeNetwork _network;
    private readonly float[] _sigma;
    private readonly object _lock = new();

    internal TvaeModel(TabularSchema schema, TabularEncoder encoder, TvaeNetwork network, TvaeOptions options, IReadOnlyList<DeepTrainingProgress> history)
        : base(schema)
    {
        Encoder = encoder;
        _network = network;
        CompressDims = options.CompressDims.ToArray();
        DecompressDims = options.DecompressDims.ToArray();
        TrainingHistory = history;
        using (no_grad())
        {
            _sigma = network.Sigma.detach().cpu().data<float>().ToArray();
        }
    }

    /// <summary>The encoding the model works in (modes of each continuous column, one-hot layout).</summary>
    internal TabularEncoder Encoder { get; }

    /// <summary>
    /// The losses after each training epoch (empty for a loaded model). Differentially private training keeps only ε
    /// here: its losses and gradient norms are computed on the private rows without noise (not covered by the DP
    /// guarantee), so they are shown to the progress callback and the log, labelled, and not kept in the model.
    /// </summary>
    public IReadOnlyList<DeepTrainingProgress> TrainingHistory { get; }

    /// <summary>
    /// The privacy budget training spent (DP-TVAE: the public-metadata encoding and the DP-SGD steps); empty for
    /// non-private training and for a loaded model.
    /// </summary>
    public IReadOnlyList<PrivacyLedgerEntry> PrivacyLedgerEntries { get; internal init; } = [];

    /// <summary>The learned σ of each encoded output.</summary>
    public IReadOnlyList<float> Sigma => _sigma;

    private int[] CompressDims { get; }

    private int[] DecompressDims { get; }

    /// <inheritdoc/>
    private protected override string FormatName => Format;

    /// <inheritdoc/>
    private protected override TabularData GenerateBlock(int rowCount, ResolvedConditions? conditions, Random random)
    {
        var generator = TorchHelpers.CreateGenerator(random.NextInt64());
        using var spans = new SpanOperations(Encoder.Spans, Encoder.Width, Device);

        TabularData Generate(int rows)
        {
            var encoded = new float[rows * Encoder.Width];
            if (rows > 0)
            {
                lock (_lock)
                {
                    using var flush = DenormalFlush.Enter();
                    using var scope = NewDisposeScope();
                    using var noGrad = no_grad();
                    var z = randn([rows, _network.EmbeddingDim], generator: generator).On(Device);
                    spans.SampleActivate(_network.Decode(z), generator).On(CPU).contiguous().data<float>().CopyTo(encoded);
                }
            }

            return Encoder.Decode(encoded, rows, random, _sigma);
        }

        return conditions is null ? Generate(rowCount) : RejectionSampler.Sample(rowCount, conditions, Generate);
    }

    /// <summary>Where the network is and samples run: the training device (<see cref="DeepSynthesizerOptions.Device"/>), the CPU for a loaded model.</summary>
    private Device Device => _network.Sigma.device;

    /// <summary>The networks (the ONNX exporter reads the decoder's weights).</summary>
    internal TvaeNetwork Network => _network;

    /// <summary>
    /// Decodes given draws as <see cref="GenerateBlock"/> decodes its own: z and the α noise from
    /// <paramref name="noise"/>, the Gumbel and rare-category draws from <paramref name="uniform"/>, laid out as
    /// <see cref="SamplerNoise"/> describes (the parity reference of the ONNX sampler).
    /// </summary>
    internal TabularData DecodeNoise(float[] noise, float[] uniform, int rows)
    {
        var layout = new SamplerNoise(Encoder, _network.EmbeddingDim, alphaNoise: true, conditionalVector: false);
        layout.Validate(noise, uniform, rows);
        var encoded = new float[rows * Encoder.Width];
        using var spans = new SpanOperations(Encoder.Spans, Encoder.Width, Device);
        lock (_lock)
        {
            using var flush = DenormalFlush.Enter();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var z = tensor(SamplerNoise.Columns(noise, rows, layout.NoiseWidth, 0, layout.LatentDimension), [rows, layout.LatentDimension]).On(Device);
            var slots = tensor(SamplerNoise.Columns(uniform, rows, layout.UniformWidth, 0, layout.SlotCount), [rows, layout.SlotCount]);
            spans.SampleActivate(_network.Decode(z), slots).On(CPU).contiguous().data<float>().CopyTo(encoded);
        }

        return Encoder.DecodeWith(encoded, rows, layout.Draws(noise, uniform), _sigma);
    }

    /// <inheritdoc/>
    private protected override void SaveContents(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Encoder.Write(writer);
        writer.Write(CompressDims.Length);
        foreach (var d in CompressDims)
        {
            writer.Write(d);
        }

        writer.Write(DecompressDims.Length);
        foreach (var d in DecompressDims)
        {
            writer.Write(d);
        }

        writer.Write(_network.EmbeddingDim);
        NetworkState.Write(writer, _network);
    }

    /// <summary>
    /// Reads what <see cref="SaveContents"/> wrote: the encoder (validated against <paramref name="schema"/>), the layer
    /// sizes (each bounded, and their weights present in the file before the network is built), then the weights
    /// (finite; σ not negative).
    /// </summary>
    internal static TvaeModel Read(ModelReader reader, TabularSchema schema)
    {
        var encoder = TabularEncoder.Read(reader, schema);
        var compress = NetworkState.ReadWidths(reader, "encoder");
        var decompress = NetworkState.ReadWidths(reader, "decoder");
        int embedding = reader.ReadInt32("latent dimension", 1, ModelFileLimits.MaxLayerWidth);
        NetworkState.CheckSize(reader, ParameterCount(encoder.Width, compress, embedding, decompress), 0,
            $"data {encoder.Width}, encoder [{string.Join(", ", compress)}], latent {embedding}, decoder [{string.Join(", ", decompress)}]");
        var network = new TvaeNetwork(encoder.Width, compress, embedding, decompress, 0.1);
        NetworkState.Read(reader, network);
        network.eval();
        var options = new TvaeOptions { CompressDims = compress, DecompressDims = decompress, EmbeddingDim = embedding };
        var model = new TvaeModel(schema, encoder, network, options, []);
        reader.Check(model._sigma.All(s => s >= 0), "network: a learned output σ is negative");
        return model;
    }

    /// <summary>The float elements of <see cref="TvaeNetwork"/>: encoder and decoder layers, the latent mean and log-variance, and σ.</summary>
    private static long ParameterCount(int data, int[] compress, int embedding, int[] decompress)
    {
        long count = data;
        int width = data;
        foreach (var d in compress)
        {
            count += NetworkState.Linear(width, d);
            width = d;
        }

        count += 2 * NetworkState.Linear(width, embedding);
        width = embedding;
        foreach (var d in decompress)
        {
            count += NetworkState.Linear(width, d);
            width = d;
        }

        return count + NetworkState.Linear(width, data);
    }
}
