using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// A continuous column as the number itself and, when the column had missing values, a 0/1 missing indicator (a
/// missing value is encoded at the training mean, as scikit-learn's mean imputation with <c>add_indicator</c>). The
/// reverse gives NaN where the indicator exceeds ½, otherwise the value clipped to the training range, rounded for
/// whole-number columns and narrowed for Single ones.
/// </summary>
internal sealed class NumberTransformer : IndicatedNumberTransformer
{
    private NumberTransformer(TableColumnInfo info, NumericForm form, double fill, bool hasMissing)
        : base(info, form, hasMissing)
    {
        FillValue = fill;
    }

    /// <summary>The value a missing one is encoded at (the training mean).</summary>
    public double FillValue { get; }

    /// <inheritdoc/>
    public override TransformerKind Kind => TransformerKind.Number;

    /// <inheritdoc/>
    private protected override double MissingValue => FillValue;

    /// <summary>Learns the range, mean and whole-number form of <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">The column has no observed value or an infinite one (the message names it).</exception>
    public static NumberTransformer Fit(ContinuousColumn column, TableColumnInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var observed = ObservedValues.Of(column, "a number transformer");
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in observed)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var form = new NumericForm(NumericForm.IsWhole(column, observed), NumericForm.IsSingle(info), min, max);
        return new NumberTransformer(info, form, sum / observed.Length, column.MissingCount > 0);
    }

    /// <inheritdoc/>
    private protected override double Forward(double x, Random random) => x;

    /// <inheritdoc/>
    private protected override double Inverse(double z) => z;

    /// <inheritdoc/>
    public override void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Column);
        writer.Write(Form.Whole);
        writer.Write(HasMissing);
        writer.Write(FillValue);
        writer.Write(Form.Min);
        writer.Write(Form.Max);
    }

    /// <summary>Reads what <see cref="Write"/> wrote, for the schema's <paramref name="info"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated or corrupt, or belong to another column (the message names the part).</exception>
    public static NumberTransformer Read(ModelReader reader, TableColumnInfo info)
    {
        ReadColumnName(reader, info);
        bool whole = reader.ReadBoolean("whole-number flag");
        bool hasMissing = reader.ReadBoolean("missing-values flag");
        double fill = reader.ReadFinite("fill value"), min = reader.ReadFinite("minimum"), max = reader.ReadFinite("maximum");
        reader.Check(min <= max, "the minimum is above the maximum");
        return new NumberTransformer(info, new NumericForm(whole, NumericForm.IsSingle(info), min, max), fill, hasMissing);
    }
}
