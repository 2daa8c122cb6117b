using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// A continuous column by quantile normalization to a standard normal (<see cref="QuantileNormalizer"/>, TabDDPM's
/// preprocessing; Kotelnikov et al. 2023): z = Φ⁻¹(F(x)) with ties spread over their flat run, and, when the column
/// had missing values, a 0/1 missing indicator (a missing value gets the median score 0). The reverse gives NaN where
/// the indicator exceeds ½, otherwise x = F⁻¹(Φ(z)) rounded for whole-number columns and narrowed for Single ones.
/// </summary>
internal sealed class QuantileTransformer : IndicatedNumberTransformer
{
    private QuantileTransformer(TableColumnInfo info, QuantileNormalizer normalizer, bool whole, bool hasMissing)
        : base(info, new NumericForm(whole, NumericForm.IsSingle(info), normalizer.Knots[0], normalizer.Knots[^1]), hasMissing)
    {
        Normalizer = normalizer;
    }

    /// <summary>A transformer over knots fitted or read elsewhere; <paramref name="whole"/> rounds reversed values.</summary>
    internal static QuantileTransformer Create(TableColumnInfo info, QuantileNormalizer normalizer, bool whole, bool hasMissing) =>
        new(info, normalizer, whole, hasMissing);

    /// <summary>The quantile knots.</summary>
    public QuantileNormalizer Normalizer { get; }

    /// <inheritdoc/>
    public override TransformerKind Kind => TransformerKind.Quantile;

    /// <inheritdoc/>
    private protected override double MissingValue => 0;

    /// <summary>Fits at most <see cref="QuantileNormalizer.MaxKnots"/> quantile knots to <paramref name="column"/>'s observed values.</summary>
    /// <exception cref="ArgumentException">The column has no observed value or an infinite one (the message names it).</exception>
    public static QuantileTransformer Fit(ContinuousColumn column, TableColumnInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var observed = ObservedValues.Of(column, "quantile normalization");
        return new QuantileTransformer(info, QuantileNormalizer.Fit(observed), NumericForm.IsWhole(column, observed), column.MissingCount > 0);
    }

    /// <inheritdoc/>
    private protected override double Forward(double x, Random random) => Normalizer.Forward(x, random);

    /// <inheritdoc/>
    private protected override double Inverse(double z) => Normalizer.Inverse(z);

    /// <inheritdoc/>
    public override void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Form.Whole);
        writer.Write(HasMissing);
        WriteKnots(writer, Normalizer);
    }

    /// <summary>Writes the knots: their count, then each.</summary>
    internal static void WriteKnots(BinaryWriter writer, QuantileNormalizer normalizer)
    {
        writer.Write(normalizer.Knots.Length);
        foreach (var knot in normalizer.Knots)
        {
            writer.Write(knot);
        }
    }

    /// <summary>Reads knots written by <see cref="WriteKnots"/>: 1 to <see cref="QuantileNormalizer.MaxKnots"/> finite, ascending values.</summary>
    internal static QuantileNormalizer ReadKnots(ModelReader reader, string column)
    {
        int count = reader.ReadInt32($"knot count of '{column}'", 1, QuantileNormalizer.MaxKnots);
        var knots = reader.ReadDoubles($"knots of '{column}'", count);
        for (int i = 0; i < count; i++)
        {
            reader.Check(double.IsFinite(knots[i]) && (i == 0 || knots[i] >= knots[i - 1]), $"the knots of '{column}' are not finite and ascending");
        }

        return new QuantileNormalizer(knots);
    }

    /// <summary>Reads what <see cref="Write"/> wrote, for the schema's <paramref name="info"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated or corrupt (the message names the part).</exception>
    public static QuantileTransformer Read(ModelReader reader, TableColumnInfo info)
    {
        bool whole = reader.ReadBoolean("whole-number flag");
        bool hasMissing = reader.ReadBoolean("missing-values flag");
        return new QuantileTransformer(info, ReadKnots(reader, info.Name), whole, hasMissing);
    }
}
