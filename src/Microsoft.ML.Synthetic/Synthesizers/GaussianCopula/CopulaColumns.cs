using System.Runtime.CompilerServices;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;

/// <summary>How a Gaussian copula models one column: which coordinates of its Gaussian it uses and how they map back.</summary>
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
/// A continuous column: a marginal (sampled through its table of x = F⁻¹(Φ(z))), rounding to whole numbers when the
/// training values were whole, and, when values were missing, a second coordinate whose interval encoding decides
/// missing or present with the observed rate (and its correlation with the other columns).
/// </summary>
internal sealed class ContinuousCopulaColumn : CopulaColumn
{
    private const double GridScale = (Marginal.GridSize - 1) / (2 * Marginal.ZMax);
    private readonly double[] _table;

    public ContinuousCopulaColumn(string name, Marginal marginal, double ksStatistic, bool whole, int valueCoordinate, IntervalEncoding? missing, int missingCoordinate)
        : base(name)
    {
        Marginal = marginal;
        KsStatistic = ksStatistic;
        Whole = whole;
        ValueCoordinate = valueCoordinate;
        Missing = missing;
        MissingCoordinate = missingCoordinate;
        _table = marginal.BuildTable();
    }

    public Marginal Marginal { get; }

    /// <summary>The sampling table x = F⁻¹(Φ(z)) on <see cref="Marginal.GridSize"/> normal scores in [−ZMax, ZMax].</summary>
    public IReadOnlyList<double> Table => _table;

    public double KsStatistic { get; }

    /// <summary>Whether samples are rounded to whole numbers (integer column, or every training value whole).</summary>
    public bool Whole { get; }

    public int ValueCoordinate { get; }

    /// <summary>Present (level 0) or missing (level 1); null when no value was missing.</summary>
    public IntervalEncoding? Missing { get; }

    public int MissingCoordinate { get; }

    /// <summary>The value for normal score <paramref name="z"/>: the table interpolated, rounded if whole, within [min, max].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Decode(double z)
    {
        double position = (z + Marginal.ZMax) * GridScale;
        double x;
        if (position <= 0)
        {
            x = _table[0];
        }
        else if (position >= Marginal.GridSize - 1)
        {
            x = _table[^1];
        }
        else
        {
            int i = (int)position;
            double t = position - i;
            x = _table[i] + (t * (_table[i + 1] - _table[i]));
        }

        if (Whole)
        {
            x = Math.Round(x);
        }

        return Math.Clamp(x, Marginal.Min, Marginal.Max);
    }

    /// <summary>
    /// The normal scores (lower, upper) whose values fall in [<paramref name="low"/>, <paramref name="high"/>] (bounds
    /// already widened by ½ for whole numbers); infinite at the ends of the table.
    /// </summary>
    public (double Lower, double Upper) ScoreRange(double low, double high)
    {
        const double step = 2 * Marginal.ZMax / (Marginal.GridSize - 1);
        int first = Array.FindIndex(_table, x => x >= low);
        int last = Array.FindLastIndex(_table, x => x <= high);
        if (first < 0 || last < 0)
        {
            return (double.PositiveInfinity, double.NegativeInfinity);
        }

        double lower = first == 0 ? double.NegativeInfinity
            : Marginal.GridZ(first - 1) + (step * (low - _table[first - 1]) / (_table[first] - _table[first - 1]));
        double upper = last == _table.Length - 1 ? double.PositiveInfinity
            : Marginal.GridZ(last) + (step * (high - _table[last]) / (_table[last + 1] - _table[last]));
        return (lower, upper);
    }

    public override void Write(BinaryWriter writer)
    {
        writer.Write((byte)0);
        writer.Write((int)Marginal.Kind);
        writer.Write(Marginal.Min);
        writer.Write(Marginal.Max);
        var parameters = Marginal.Parameters;
        writer.Write(parameters.Length);
        foreach (var p in parameters)
        {
            writer.Write(p);
        }

        writer.Write(KsStatistic);
        writer.Write(Whole);
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
        Marginal marginal;
        using (reader.Part("marginal"))
        {
            marginal = Marginal.Read(reader);
            reader.Check(info.OriginalType.RawType != typeof(float) || (Math.Abs(marginal.Min) <= float.MaxValue && Math.Abs(marginal.Max) <= float.MaxValue), "the range does not fit the column's Single type");
        }

        double ks = reader.ReadDouble("Kolmogorov–Smirnov statistic");
        reader.Check(ks is >= 0 and <= 1, "the Kolmogorov–Smirnov statistic is not in [0, 1]");
        bool whole = reader.ReadBoolean("whole-number flag");
        int valueCoordinate = reader.ReadInt32("value coordinate");
        IntervalEncoding? missing = null;
        int missingCoordinate = -1;
        if (reader.ReadBoolean("missing-values flag"))
        {
            missingCoordinate = reader.ReadInt32("missing-indicator coordinate");
            using var part = reader.Part("missing indicator");
            missing = IntervalEncoding.Read(reader, categoryCount: null);
        }

        ContinuousCopulaColumn column;
        try
        {
            column = new ContinuousCopulaColumn(info.Name, marginal, ks, whole, valueCoordinate, missing, missingCoordinate);
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException)
        {
            // The special functions behind the beta and gamma distribution functions reject some parameter ranges.
            throw reader.Corrupt($"the marginal {marginal.Describe()} cannot be tabulated ({e.Message})");
        }

        reader.Check(Array.TrueForAll(column._table, double.IsFinite), "the marginal's parameters give a sampling table with non-finite values");
        return column;
    }
}

/// <summary>A categorical column: one coordinate, SDV interval encoding over its categories and, if any, "missing".</summary>
internal sealed class CategoricalCopulaColumn(string name, IntervalEncoding encoding, int coordinate) : CopulaColumn(name)
{
    /// <summary>Levels: category codes 0..C−1, then −1 (missing) when values were missing.</summary>
    public IntervalEncoding Encoding { get; } = encoding;

    public int Coordinate { get; } = coordinate;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(double z) => Encoding.Levels[Encoding.LevelIndexOf(z)];

    /// <summary>The normal-score interval of category <paramref name="code"/>, or null when it never occurred in training.</summary>
    public (double Lower, double Upper)? ScoreRange(int code)
    {
        int index = Array.IndexOf(Encoding.Levels, code);
        var interval = index < 0 ? null : Encoding.IntervalOf(index);
        return interval is { } iv ? (StandardNormal.InverseCdf(iv.Lower), StandardNormal.InverseCdf(iv.Upper)) : null;
    }

    public override void Write(BinaryWriter writer)
    {
        writer.Write((byte)1);
        writer.Write(Coordinate);
        Encoding.Write(writer);
    }

    public override IEnumerable<int> Coordinates => [Coordinate];

    public static CategoricalCopulaColumn ReadBody(ModelReader reader, TableColumnInfo info)
    {
        int coordinate = reader.ReadInt32("coordinate");
        using var part = reader.Part("category intervals");
        return new CategoricalCopulaColumn(info.Name, IntervalEncoding.Read(reader, info.Categories.Count), coordinate);
    }
}
