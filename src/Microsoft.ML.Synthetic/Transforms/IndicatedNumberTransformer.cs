namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// The shape several numeric kinds share: one model-space number per row and, when the column had missing values, a
/// 0/1 missing indicator (a missing value is encoded at <see cref="MissingValue"/>). The reverse gives NaN where the
/// indicator exceeds ½, otherwise the kind's inverse restored to the column's <see cref="Form"/>.
/// </summary>
internal abstract class IndicatedNumberTransformer : ColumnTransformer
{
    private protected IndicatedNumberTransformer(TableColumnInfo info, NumericForm form, bool hasMissing)
        : base(info)
    {
        Form = form;
        HasMissing = hasMissing;
    }

    /// <summary>Range, rounding and source type of reversed values.</summary>
    public NumericForm Form { get; }

    /// <summary>Whether the model space has the missing indicator.</summary>
    public bool HasMissing { get; }

    /// <inheritdoc/>
    public override int Width => HasMissing ? 2 : 1;

    /// <summary>The model-space number of a missing value.</summary>
    private protected abstract double MissingValue { get; }

    /// <summary>The model-space number of observed value <paramref name="x"/>.</summary>
    private protected abstract double Forward(double x, Random random);

    /// <summary>The value of model-space number <paramref name="z"/>, before <see cref="Form"/> is applied.</summary>
    private protected abstract double Inverse(double z);

    /// <summary>The value of model-space number <paramref name="z"/>, restored to the column's form.</summary>
    public double ReverseValue(double z) => Form.Restore(Inverse(z));

    /// <inheritdoc/>
    public override void TransformRow<T>(TableColumn column, int row, Span<T> destination, Random random)
    {
        double value = ((ContinuousColumn)column).Values[row];
        bool missing = double.IsNaN(value);
        if (missing && !HasMissing)
        {
            throw new ArgumentException($"Column '{Column}' has a missing value in row {row}; it had none in training, so its model space has no missing indicator.", nameof(column));
        }

        destination[0] = T.CreateTruncating(missing ? MissingValue : Forward(value, random));
        if (HasMissing)
        {
            destination[1] = missing ? T.One : T.Zero;
        }
    }

    /// <inheritdoc/>
    public override TableColumn Reverse<T>(ReadOnlySpan<T> values, int rows, int stride, int offset, DecodeDraws draws)
    {
        var result = new double[rows];
        var half = T.CreateTruncating(0.5);
        for (int r = 0; r < rows; r++)
        {
            var row = values.Slice((r * stride) + offset, Width);
            result[r] = HasMissing && row[1] > half ? double.NaN : ReverseValue(double.CreateTruncating(row[0]));
        }

        return new ContinuousColumn(Column, result, Info.IsInteger);
    }
}
