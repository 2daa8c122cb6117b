namespace Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

/// <summary>
/// Where one source column lives in an encoded row. A continuous column has α (tanh), its mode one-hot
/// (softmax) and, when it had missing values, a two-slot observed/missing one-hot; a categorical column has its
/// category one-hot.
/// </summary>
internal sealed class ColumnLayout
{
    internal ColumnLayout(int columnIndex, ModeSpecificNormalizer normalizer, bool isInteger, OutputSpan alpha, OutputSpan modes, OutputSpan? missing)
    {
        ColumnIndex = columnIndex;
        Normalizer = normalizer;
        IsInteger = isInteger;
        Spans = missing is { } m ? [alpha, modes, m] : [alpha, modes];
        MissingSpan = missing;
    }

    internal ColumnLayout(int columnIndex, CategoricalEncoding categorical, OutputSpan oneHot)
    {
        ColumnIndex = columnIndex;
        Categorical = categorical;
        Spans = [oneHot];
    }

    /// <summary>The column's index in the table schema.</summary>
    public int ColumnIndex { get; }

    /// <summary>The mode-specific normalizer of a continuous column (null for a categorical one).</summary>
    public ModeSpecificNormalizer? Normalizer { get; }

    /// <summary>The one-hot layout of a categorical column (null for a continuous one).</summary>
    public CategoricalEncoding? Categorical { get; }

    /// <summary>Whether a continuous column holds whole numbers: an integer type, or every training value whole (decoded values are rounded).</summary>
    public bool IsInteger { get; }

    /// <summary>The column's spans, in order (α, modes[, missing]) or (one-hot).</summary>
    public IReadOnlyList<OutputSpan> Spans { get; }

    /// <summary>The observed/missing span of a continuous column with missing values.</summary>
    public OutputSpan? MissingSpan { get; }
}
