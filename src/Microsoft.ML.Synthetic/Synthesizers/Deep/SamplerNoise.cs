using Microsoft.ML.Synthetic.Transforms;
using System.Globalization;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// The noise one sampled row of a deep synthesizer consumes, laid out as two plain inputs so that any ONNX runtime
/// can sample: <c>noise</c>, standard normals <c>[N, NoiseWidth]</c> (the latent z, then TVAE's α noise of each
/// continuous column in column order), and <c>uniform</c>, U(0, 1) draws <c>[N, UniformWidth]</c> (one per one-hot
/// slot of the encoded row, in encoded order, for its Gumbel noise; one per categorical column with a rare-category
/// group, in column order, for the group draw; and for CTGAN with categorical columns two more: the conditional
/// vector's column, then its category). The ONNX sampler graphs and the models' <c>DecodeNoise</c> both read them so.
/// </summary>
internal sealed class SamplerNoise
{
    public SamplerNoise(TabularEncoder encoder, int latentDimension, bool alphaNoise, bool conditionalVector)
    {
        LatentDimension = latentDimension;
        AlphaColumns = alphaNoise ? [.. encoder.Columns.Where(c => c.Normalizer is not null).Select(c => c.ColumnIndex)] : [];
        SlotCount = encoder.Spans.Where(s => s.Activation == SpanActivation.Softmax).Sum(s => s.Width);
        GroupColumns = [.. encoder.Columns.Where(c => c.Categorical is { GroupCodes.Count: > 0 }).Select(c => c.ColumnIndex)];
        HasCondition = conditionalVector;
    }

    /// <summary>The width of the latent z (the first columns of <c>noise</c>).</summary>
    public int LatentDimension { get; }

    /// <summary>Schema indexes of the continuous columns whose α gets normal noise (columns after z), in order.</summary>
    public int[] AlphaColumns { get; }

    /// <summary>The number of one-hot slots: the first columns of <c>uniform</c>.</summary>
    public int SlotCount { get; }

    /// <summary>Schema indexes of the categorical columns with a rare-category group (uniform columns after the slots).</summary>
    public int[] GroupColumns { get; }

    /// <summary>Whether the last two uniform columns choose a conditional vector (column, then category).</summary>
    public bool HasCondition { get; }

    /// <summary>The width of <c>noise</c>.</summary>
    public int NoiseWidth => LatentDimension + AlphaColumns.Length;

    /// <summary>The width of <c>uniform</c>.</summary>
    public int UniformWidth => SlotCount + GroupColumns.Length + (HasCondition ? 2 : 0);

    /// <summary>The first uniform column of the group draws.</summary>
    public int GroupOffset => SlotCount;

    /// <summary>The uniform column choosing the conditional vector's column (the next one chooses its category).</summary>
    public int ConditionOffset => SlotCount + GroupColumns.Length;

    /// <summary>The layout in words, for the model metadata.</summary>
    public string NoiseLayout => AlphaColumns.Length == 0
        ? string.Create(CultureInfo.InvariantCulture, $"latent z: columns 0-{LatentDimension - 1}")
        : string.Create(CultureInfo.InvariantCulture, $"latent z: columns 0-{LatentDimension - 1}; alpha noise of each continuous column: columns {LatentDimension}-{NoiseWidth - 1}");

    /// <summary>The uniform layout in words, for the model metadata.</summary>
    public string UniformLayout
    {
        get
        {
            var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"gumbel of each one-hot slot: columns 0-{SlotCount - 1}") };
            if (GroupColumns.Length > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"rare-category group draws: columns {GroupOffset}-{ConditionOffset - 1}"));
            }

            if (HasCondition)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"conditional vector column: {ConditionOffset}; its category: {ConditionOffset + 1}"));
            }

            return string.Join("; ", parts);
        }
    }

    /// <summary>Checks that <paramref name="noise"/> and <paramref name="uniform"/> hold <paramref name="rows"/> rows of this layout.</summary>
    public void Validate(ReadOnlySpan<float> noise, ReadOnlySpan<float> uniform, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (noise.Length != (long)rows * NoiseWidth)
        {
            throw new ArgumentException($"Expected {rows} × {NoiseWidth} normal draws, got {noise.Length}.", nameof(noise));
        }

        if (uniform.Length != (long)rows * UniformWidth)
        {
            throw new ArgumentException($"Expected {rows} × {UniformWidth} uniform draws, got {uniform.Length}.", nameof(uniform));
        }
    }

    /// <summary>Columns [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of a row-major matrix of width <paramref name="width"/>.</summary>
    public static float[] Columns(float[] matrix, int rows, int width, int start, int count)
    {
        var result = new float[rows * count];
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(matrix, (r * width) + start, result, r * count, count);
        }

        return result;
    }

    /// <summary>The decoding's draws read from the given noise: α noise from <c>noise</c>, group draws from <c>uniform</c>.</summary>
    public DecodeDraws Draws(float[] noise, float[] uniform) => new Given(this, noise, uniform);

    /// <summary>
    /// A <see cref="Random"/> that serves the conditional-vector draws of row after row from <c>uniform</c>:
    /// <see cref="Random.Next(int)"/> → ⌊u·n⌋ of the column uniform, then <see cref="Random.NextDouble"/> → the
    /// category uniform (the order in which <c>ConditionalVectorSampler.SampleOriginal</c> draws them).
    /// </summary>
    public Random ConditionDraws(float[] uniform) => new ConditionRandom(this, uniform);

    private sealed class Given(SamplerNoise layout, float[] noise, float[] uniform) : DecodeDraws
    {
        public override double Normal(int row, int column) =>
            noise[(row * layout.NoiseWidth) + layout.LatentDimension + Array.IndexOf(layout.AlphaColumns, column)];

        public override double Uniform(int row, int column) =>
            uniform[(row * layout.UniformWidth) + layout.GroupOffset + Array.IndexOf(layout.GroupColumns, column)];
    }

    private sealed class ConditionRandom(SamplerNoise layout, float[] uniform) : Random
    {
        private int _row;

        public override int Next(int maxValue) =>
            Math.Min((int)(uniform[(_row * layout.UniformWidth) + layout.ConditionOffset] * (double)maxValue), maxValue - 1);

        public override double NextDouble() => uniform[(_row++ * layout.UniformWidth) + layout.ConditionOffset + 1];
    }
}
