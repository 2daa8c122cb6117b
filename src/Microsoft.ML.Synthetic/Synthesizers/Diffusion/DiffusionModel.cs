using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using Microsoft.ML.Synthetic.Synthesizers.Diffusion;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted TabDDPM-class diffusion model: samples by running the reverse process from noise (Gaussian scores from
/// N(0, I), categories uniform) through T denoising steps, then maps the scores back through each column's quantile
/// transform. A class-conditional model draws each row's class from the training frequencies, or fixes it when a
/// sample is conditioned on the label column (every row then has that class, without rejection). Any other condition
/// (another column's category, a range) is met by rejection: rows are generated and those that satisfy it kept, which
/// fails with a clear error when the model gives the condition too little probability. Saved and loaded with format
/// name <c>Diffusion</c>.
/// </summary>
public sealed class DiffusionModel : SynthesizerModelBase
{
    internal const string Format = "Diffusion";

    /// <summary>The version of the body <see cref="SaveContents"/> writes.</summary>
    internal const int FormatVersion = 1;

    private readonly Denoiser _network;
    private readonly TabularDiffusion _diffusion;
    private readonly double[] _classFrequencies;
    private readonly object _lock = new();

    internal DiffusionModel(TabularSchema schema, DiffusionEncoding encoding, Denoiser network, DiffusionOptions options, double[] classFrequencies, IReadOnlyList<DeepTrainingProgress> history)
        : base(schema)
    {
        Encoding = encoding;
        _network = network;
        Steps = options.Steps;
        Schedule = options.Schedule;
        HiddenDims = options.HiddenDims.ToArray();
        _classFrequencies = classFrequencies;
        _diffusion = DiffusionTraining.Create(encoding, options);
        TrainingHistory = history;
    }

    /// <summary>The losses after each training epoch: "gaussian" (noise MSE) and "multinomial" (KL per part); empty for a loaded model.</summary>
    public IReadOnlyList<DeepTrainingProgress> TrainingHistory { get; }

    /// <summary>The diffusion steps T the model samples with.</summary>
    public int Steps { get; }

    /// <summary>The variance schedule.</summary>
    public DiffusionSchedule Schedule { get; }

    /// <summary>The label column the model is conditioned on; null for an unconditional model.</summary>
    public string? LabelColumn => Encoding.Label < 0 ? null : ModelSchema.Columns[Encoding.Label].Name;

    internal DiffusionEncoding Encoding { get; }

    internal Denoiser Network => _network;

    private int[] HiddenDims { get; }

    /// <inheritdoc/>
    private protected override string FormatName => Format;

    /// <inheritdoc/>
    private protected override TabularData GenerateBlock(int rowCount, ResolvedConditions? conditions, Random random)
    {
        var generator = TorchHelpers.CreateGenerator(random.NextInt64());
        int fixedClass = Encoding.Label >= 0 && conditions?.For(Encoding.Label) is { IsCategory: true } label ? label.Category : -1;

        TabularData Generate(int rows)
        {
            var classes = new int[Encoding.Label < 0 ? 0 : rows];
            for (int r = 0; r < classes.Length; r++)
            {
                classes[r] = fixedClass >= 0 ? fixedClass : Draw(random);
            }

            var numeric = new float[rows * Encoding.NumericColumns.Length];
            var codes = new int[rows * Encoding.Parts.Length];
            if (rows > 0)
            {
                lock (_lock)
                {
                    using var flush = DenormalFlush.Enter();
                    using var scope = NewDisposeScope();
                    using var noGrad = no_grad();
                    var classTensor = classes.Length == 0 ? null : tensor(classes.Select(c => (long)c).ToArray());
                    var (x, c) = _diffusion.Sample(_network, rows, classTensor, generator, CPU);
                    if (numeric.Length > 0)
                    {
                        // TorchSharp's accessor throws on an empty tensor: a table of categorical columns only has no Gaussian part.
                        x.contiguous().data<float>().CopyTo(numeric);
                    }

                    if (codes.Length > 0)
                    {
                        var longs = c.contiguous().data<long>();
                        for (int i = 0; i < codes.Length; i++)
                        {
                            codes[i] = (int)longs[i];
                        }
                    }
                }
            }

            return Encoding.Decode(numeric, codes, classes, rows);
        }

        bool onlyTheLabel = conditions is null || (fixedClass >= 0 && conditions.Items.Count == 1);
        return onlyTheLabel ? Generate(rowCount) : RejectionSampler.Sample(rowCount, conditions!, Generate);
    }

    private int Draw(Random random)
    {
        double u = random.NextDouble(), sum = 0;
        for (int c = 0; c < _classFrequencies.Length - 1; c++)
        {
            sum += _classFrequencies[c];
            if (u < sum)
            {
                return c;
            }
        }

        return _classFrequencies.Length - 1;
    }

    /// <inheritdoc/>
    private protected override void SaveContents(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Encoding.Write(writer);
        writer.Write(Steps);
        writer.Write((int)Schedule);
        writer.Write(_network.TimeDim);
        writer.Write(HiddenDims.Length);
        foreach (var d in HiddenDims)
        {
            writer.Write(d);
        }

        foreach (var f in _classFrequencies)
        {
            writer.Write(f);
        }

        NetworkState.Write(writer, _network);
    }

    /// <summary>Reads what <see cref="SaveContents"/> wrote, validating every field against <paramref name="schema"/>.</summary>
    internal static DiffusionModel Read(ModelReader reader, TabularSchema schema)
    {
        var encoding = DiffusionEncoding.Read(reader, schema);
        int steps = reader.ReadInt32("diffusion steps", 2, 100_000);
        var kind = reader.ReadEnum<DiffusionSchedule>("schedule");
        int timeDim = reader.ReadInt32("step embedding width", 2, ModelFileLimits.MaxLayerWidth);
        var hidden = NetworkState.ReadWidths(reader, "denoiser");
        var frequencies = reader.ReadDoubles("class frequencies", encoding.LabelClasses);
        reader.Check(frequencies.All(f => double.IsFinite(f) && f >= 0) && (frequencies.Length == 0 || Math.Abs(frequencies.Sum() - 1) < 1e-6), "the class frequencies are not a distribution");
        int width = encoding.NumericColumns.Length + encoding.CategoryWidth;
        NetworkState.CheckSize(reader, Denoiser.ParameterCount(width, timeDim, hidden, encoding.LabelClasses), 0,
            $"input {width}, step embedding {timeDim}, hidden [{string.Join(", ", hidden)}], classes {encoding.LabelClasses}");
        var network = new Denoiser(width, timeDim, hidden, encoding.LabelClasses);
        NetworkState.Read(reader, network);
        network.eval();
        var options = new DiffusionOptions { Steps = steps, Schedule = kind, HiddenDims = hidden, TimeEmbeddingDim = timeDim };
        return new DiffusionModel(schema, encoding, network, options, frequencies, []);
    }
}
