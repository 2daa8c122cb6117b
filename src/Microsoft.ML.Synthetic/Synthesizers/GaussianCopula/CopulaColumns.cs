using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;

/// <summary>
/// How a Gaussian copula models one column: the column's transformers of the shared layer and which coordinates of
/// the latent Gaussian they use.
/// </summary>
internal abstract class CopulaColumn(string name)
{
    public string Name { get; } = name;

    /// <summary>The latent coordinates the column uses.</summary>
    public abstract IEnumerable<int> Coordinates { get; }

    public abstract void Write(BinaryWriter writer);

    /// <summary>Reads a column written by <see cref="Write"/>, validated against the schema's <paramref name="info"/>.</summary>
    public static CopulaColumn Read(ModelReader reader, TableColumnInfo info)
    {
        byte tag = reader.ReadByte("column tag");
        var expected = info.Kind == ColumnKind.Continuous ? 0 : 1;
        if (tag != expected)
        {
            throw reader.Corrupt($"the column tag is {tag}; a {info.Kind} column has tag {expected}");
        }

        return tag == 0 ? ContinuousCopulaColumn.ReadBody(reader, info) : CategoricalCopulaColumn.ReadBody(reader, info);
    }
}

/// <summary>
/// A continuous column: its marginal's normal score (<see cref="NormalScoreTransformer"/>: rounding to whole numbers
/// when the training values were whole) and, when values were missing, a second coordinate whose interval encoding
/// decides missing or present with the observed rate (and its correlation with the other columns).
/// </summary>
internal sealed class ContinuousCopulaColumn(NormalScoreTransformer value, int valueCoordinate, IntervalEncoding? missing, int missingCoordinate)
    : CopulaColumn(value.Column)
{
    /// <summary>The value's normal-score transformer.</summary>
    public NormalScoreTransformer Value { get; } = value;

    public Marginal Marginal => Value.Marginal;

    /// <summary>The sampling table x = F⁻¹(Φ(z)) on <see cref="Marginal.GridSize"/> normal scores in [−ZMax, ZMax].</summary>
    public IReadOnlyList<double> Table => Value.Table;

    public double KsStatistic => Value.KsStatistic;

    /// <summary>Whether samples are rounded to whole numbers (integer column, or every training value whole).</summary>
    public bool Whole => Value.Whole;

    public int ValueCoordinate { get; } = valueCoordinate;

    /// <summary>Present (level 0) or missing (level 1); null when no value was missing.</summary>
    public IntervalEncoding? Missing { get; } = missing;

    public int MissingCoordinate { get; } = missingCoordinate;

    public override void Write(BinaryWriter writer)
    {
        writer.Write((byte)0);
        Value.Write(writer);
        writer.Write(ValueCoordinate);
        writer.Write(Missing is not null);
        if (Missing is not null)
        {
            writer.Write(MissingCoordinate);
            Missing.Write(writer);
        }
    }

    public override IEnumerable<int> Coordinates => Missing is null ? [ValueCoordinate] : [ValueCoordinate, MissingCoordinate];

    public static ContinuousCopulaColumn ReadBody(ModelReader reader, TableColumnInfo info)
    {
        var value = NormalScoreTransformer.Read(reader, info);
        int valueCoordinate = reader.ReadInt32("value coordinate");
        IntervalEncoding? missing = null;
        int missingCoordinate = -1;
        if (reader.ReadBoolean("missing-values flag"))
        {
            missingCoordinate = reader.ReadInt32("missing-indicator coordinate");
            using var part = reader.Part("missing indicator");
            missing = IntervalEncoding.Read(reader, categoryCount: null);
        }

        return new ContinuousCopulaColumn(value, valueCoordinate, missing, missingCoordinate);
    }
}

/// <summary>A categorical column: one coordinate, the SDV interval encoding over its categories and, if any, "missing" (<see cref="FrequencyIntervalTransformer"/>).</summary>
internal sealed class CategoricalCopulaColumn(FrequencyIntervalTransformer transformer, int coordinate) : CopulaColumn(transformer.Column)
{
    /// <summary>The column's frequency-interval transformer.</summary>
    public FrequencyIntervalTransformer Transformer { get; } = transformer;

    /// <summary>Levels: category codes 0..C−1, then −1 (missing) when values were missing.</summary>
    public IntervalEncoding Encoding => Transformer.Encoding;

    public int Coordinate { get; } = coordinate;

    /// <summary>The normal-score interval of category <paramref name="code"/>, or null when it never occurred in training.</summary>
    public (double Lower, double Upper)? ScoreRange(int code) =>
        Transformer.IntervalOfCode(code) is { } iv ? (Numerics.StandardNormal.InverseCdf(iv.Lower), Numerics.StandardNormal.InverseCdf(iv.Upper)) : null;

    public override void Write(BinaryWriter writer)
    {
        writer.Write((byte)1);
        writer.Write(Coordinate);
        Transformer.Write(writer);
    }

    public override IEnumerable<int> Coordinates => [Coordinate];

    public static CategoricalCopulaColumn ReadBody(ModelReader reader, TableColumnInfo info)
    {
        int coordinate = reader.ReadInt32("coordinate");
        using var part = reader.Part("category intervals");
        return new CategoricalCopulaColumn(FrequencyIntervalTransformer.Read(reader, info), coordinate);
    }
}
