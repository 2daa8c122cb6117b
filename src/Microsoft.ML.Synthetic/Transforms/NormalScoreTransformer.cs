using System.Runtime.CompilerServices;
using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// A continuous column as the normal score of a fitted marginal distribution, z = Φ⁻¹(F(x)) (the Gaussian copula's
/// marginal transform; Patki et al. 2016), missing values as NaN. The reverse reads x = F⁻¹(Φ(z)) from a table on
/// <see cref="Marginal.GridSize"/> normal scores in [−<see cref="Marginal.ZMax"/>, <see cref="Marginal.ZMax"/>]
/// (one interpolation per value), rounds it when the training values were whole, and keeps it within the training
/// range; a Single column's values are narrowed to Single.
/// </summary>
internal sealed class NormalScoreTransformer : ColumnTransformer
{
    private const double GridScale = (Marginal.GridSize - 1) / (2 * Marginal.ZMax);
    private readonly double[] _table;

    private NormalScoreTransformer(TableColumnInfo info, Marginal marginal, double ksStatistic, bool whole)
        : base(info)
    {
        Marginal = marginal;
        KsStatistic = ksStatistic;
        Whole = whole;
        _table = marginal.BuildTable();
    }

    /// <summary>The fitted marginal distribution.</summary>
    public Marginal Marginal { get; }

    /// <summary>The sampling table x = F⁻¹(Φ(z)) on <see cref="Marginal.GridSize"/> normal scores in [−ZMax, ZMax].</summary>
    public IReadOnlyList<double> Table => _table;

    /// <summary>The Kolmogorov–Smirnov distance between the marginal and the training values.</summary>
    public double KsStatistic { get; }

    /// <summary>Whether values are rounded to whole numbers (integer column, or every training value whole).</summary>
    public bool Whole { get; }

    /// <inheritdoc/>
    public override TransformerKind Kind => TransformerKind.NormalScore;

    /// <inheritdoc/>
    public override int Width => 1;

    /// <summary>Fits the marginal of <paramref name="column"/> (<paramref name="requested"/>, or the best-fitting family for Auto).</summary>
    /// <exception cref="ArgumentException">The column has no observed value or an infinite one (the message names it).</exception>
    public static NormalScoreTransformer Fit(ContinuousColumn column, TableColumnInfo info, MarginalKind requested, int maxKnots)
    {
        var observed = ObservedValues.Of(column, "a Gaussian copula");
        Array.Sort(observed);
        return Fit(column, info, observed, requested, maxKnots);
    }

    /// <summary>Fits the marginal to <paramref name="sorted"/>, the observed values of <paramref name="column"/> in ascending order.</summary>
    internal static NormalScoreTransformer Fit(ContinuousColumn column, TableColumnInfo info, double[] sorted, MarginalKind requested, int maxKnots) =>
        Fit(info, WeightedSample.FromSorted(sorted), NumericForm.IsWhole(column, sorted), requested, maxKnots);

    /// <summary>
    /// Fits the marginal to <paramref name="sample"/>, the column's observed values as distinct values with counts
    /// (exact, or a quantile sketch's weighted items); <paramref name="whole"/> says whether every value was whole.
    /// </summary>
    internal static NormalScoreTransformer Fit(TableColumnInfo info, WeightedSample sample, bool whole, MarginalKind requested, int maxKnots)
    {
        ArgumentNullException.ThrowIfNull(info);
        var fit = MarginalSelector.Select(info.Name, sample, whole, requested, maxKnots);
        return new NormalScoreTransformer(info, fit.Marginal, fit.KsStatistic, whole);
    }

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

    /// <summary>z = Φ⁻¹(F(x)) within [−ZMax, ZMax]; NaN for a missing value.</summary>
    public double Score(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double u = Marginal.Cdf(Math.Clamp(x, Marginal.Min, Marginal.Max));
        return Math.Clamp(StandardNormal.InverseCdf(u), -Marginal.ZMax, Marginal.ZMax);
    }

    /// <inheritdoc/>
    public override void TransformRow<T>(TableColumn column, int row, Span<T> destination, Random random) =>
        destination[0] = T.CreateTruncating(Score(((ContinuousColumn)column).Values[row]));

    /// <inheritdoc/>
    public override TableColumn Reverse<T>(ReadOnlySpan<T> values, int rows, int stride, int offset, DecodeDraws draws)
    {
        bool single = NumericForm.IsSingle(Info);
        var result = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double z = double.CreateTruncating(values[(r * stride) + offset]);
            double x = double.IsNaN(z) ? double.NaN : Decode(z);
            result[r] = single ? (float)x : x;
        }

        return new ContinuousColumn(Column, result, Info.IsInteger);
    }

    /// <inheritdoc/>
    public override void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
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
    }

    /// <summary>Reads what <see cref="Write"/> wrote (the marginal in part "marginal"), for the schema's <paramref name="info"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated or corrupt, or the marginal cannot be tabulated (the message names the part).</exception>
    public static NormalScoreTransformer Read(ModelReader reader, TableColumnInfo info)
    {
        Marginal marginal;
        using (reader.Part("marginal"))
        {
            marginal = Marginal.Read(reader);
            reader.Check(!NumericForm.IsSingle(info) || (Math.Abs(marginal.Min) <= float.MaxValue && Math.Abs(marginal.Max) <= float.MaxValue), "the range does not fit the column's Single type");
        }

        double ks = reader.ReadDouble("Kolmogorov–Smirnov statistic");
        reader.Check(ks is >= 0 and <= 1, "the Kolmogorov–Smirnov statistic is not in [0, 1]");
        bool whole = reader.ReadBoolean("whole-number flag");
        NormalScoreTransformer transformer;
        try
        {
            transformer = new NormalScoreTransformer(info, marginal, ks, whole);
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException)
        {
            // The special functions behind the beta and gamma distribution functions reject some parameter ranges.
            throw reader.Corrupt($"the marginal {marginal.Describe()} cannot be tabulated ({e.Message})");
        }

        reader.Check(Array.TrueForAll(transformer._table, double.IsFinite), "the marginal's parameters give a sampling table with non-finite values");
        return transformer;
    }
}
