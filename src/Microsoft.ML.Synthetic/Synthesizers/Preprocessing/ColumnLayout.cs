using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

/// <summary>
/// Where one source column's transformer output lives in an encoded row, and how a generator produces each part. A
/// continuous column (<see cref="ModeSpecificTransformer"/>) has α (tanh), its mode one-hot (softmax) and, when it
/// had missing values, a two-slot observed/missing one-hot; a categorical column (<see cref="OneHotTransformer"/>)
/// has its category one-hot.
/// </summary>
internal sealed class ColumnLayout
{
    /// <summary>Lays out <paramref name="transformer"/>'s values from <paramref name="start"/> of the encoded row.</summary>
    internal ColumnLayout(int columnIndex, ColumnTransformer transformer, int start)
    {
        ColumnIndex = columnIndex;
        Transformer = transformer;
        switch (transformer)
        {
            case ModeSpecificTransformer t:
                Continuous = t;
                var alpha = new OutputSpan(start, 1, SpanActivation.Tanh);
                var modes = new OutputSpan(alpha.End, t.ModeCount, SpanActivation.Softmax);
                MissingSpan = t.HasMissing ? new OutputSpan(modes.End, 2, SpanActivation.Softmax) : null;
                Spans = MissingSpan is { } m ? [alpha, modes, m] : [alpha, modes];
                break;
            case OneHotTransformer t:
                Categorical = t;
                Spans = [new OutputSpan(start, t.Width, SpanActivation.Softmax)];
                break;
            default:
                throw new ArgumentException($"Column '{transformer.Column}': a deep model's row holds mode-specific or one-hot transformers, not {transformer.Kind}.", nameof(transformer));
        }
    }

    /// <summary>The column's index in the table schema.</summary>
    public int ColumnIndex { get; }

    /// <summary>The column's transformer.</summary>
    public ColumnTransformer Transformer { get; }

    /// <summary>The mode-specific transformer of a continuous column (null for a categorical one).</summary>
    public ModeSpecificTransformer? Continuous { get; }

    /// <summary>The modes of a continuous column (null for a categorical one).</summary>
    public ModeSpecificNormalizer? Normalizer => Continuous?.Normalizer;

    /// <summary>The one-hot transformer of a categorical column (null for a continuous one).</summary>
    public OneHotTransformer? Categorical { get; }

    /// <summary>Whether a continuous column holds whole numbers: an integer type, or every training value whole (decoded values are rounded).</summary>
    public bool IsInteger => Continuous?.Whole ?? false;

    /// <summary>The first position of the column in an encoded row.</summary>
    public int Start => Spans[0].Start;

    /// <summary>One past the column's last position.</summary>
    public int End => Spans[^1].End;

    /// <summary>The column's spans, in order (α, modes[, missing]) or (one-hot).</summary>
    public IReadOnlyList<OutputSpan> Spans { get; }

    /// <summary>The observed/missing span of a continuous column with missing values.</summary>
    public OutputSpan? MissingSpan { get; }
}
