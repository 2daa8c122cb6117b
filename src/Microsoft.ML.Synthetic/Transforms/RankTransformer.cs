using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// A continuous column as the rank of its value among the column's distinct training values (an ordinal encoding,
/// the form a tree splits on), with rank 0 for a missing value when the column had any, so a missing value sorts
/// below every number. The reverse maps a rank back to its value exactly (NaN for rank 0 of a column with missing
/// values); a value never seen in training transforms to the rank of the largest training value below it.
/// </summary>
internal sealed class RankTransformer : ColumnTransformer
{
    private RankTransformer(TableColumnInfo info, double[] values, bool hasMissing, bool whole)
        : base(info)
    {
        Values = values;
        HasMissing = hasMissing;
        First = hasMissing ? 1 : 0;
        Form = new NumericForm(whole, NumericForm.IsSingle(info), values[First], values[^1]);
    }

    /// <summary>The value of each rank: −∞ for the missing rank 0 when the column has missing values, then the distinct training values ascending.</summary>
    public double[] Values { get; }

    /// <summary>Whether rank 0 stands for a missing value.</summary>
    public bool HasMissing { get; }

    /// <summary>The rank of the smallest value (1 with a missing rank, else 0).</summary>
    public int First { get; }

    /// <summary>The number of ranks.</summary>
    public int Levels => Values.Length;

    /// <summary>Range, whole numbers and source type of the column.</summary>
    public NumericForm Form { get; }

    /// <inheritdoc/>
    public override TransformerKind Kind => TransformerKind.Rank;

    /// <inheritdoc/>
    public override int Width => 1;

    /// <summary>Learns the distinct values of <paramref name="column"/>; <paramref name="model"/> names what needs them in errors.</summary>
    /// <exception cref="ArgumentException">The column has no observed value or an infinite one (the message names it).</exception>
    public static RankTransformer Fit(ContinuousColumn column, TableColumnInfo info, string model = "a rank transformer")
    {
        ArgumentNullException.ThrowIfNull(info);
        var observed = ObservedValues.Of(column, model);
        bool hasMissing = observed.Length < column.Length;
        bool whole = NumericForm.IsWhole(column, observed);
        Array.Sort(observed);
        var distinct = new List<double>(hasMissing ? [double.NegativeInfinity] : []);
        foreach (var v in observed)
        {
            if (distinct.Count == 0 || distinct[^1] != v)
            {
                distinct.Add(v);
            }
        }

        return new RankTransformer(info, distinct.ToArray(), hasMissing, whole);
    }

    /// <summary>The rank of <paramref name="x"/> (NaN: the missing rank 0).</summary>
    /// <exception cref="ArgumentException">A missing value in a column that had none in training.</exception>
    public int RankOf(double x)
    {
        if (double.IsNaN(x))
        {
            return HasMissing ? 0 : throw new ArgumentException($"Column '{Column}' has a missing value; it had none in training, so it has no missing rank.");
        }

        int i = Array.BinarySearch(Values, First, Values.Length - First, x);
        return i >= 0 ? i : Math.Max(First, ~i - 1);
    }

    /// <inheritdoc/>
    public override void TransformRow<T>(TableColumn column, int row, Span<T> destination, Random random) =>
        destination[0] = T.CreateTruncating(RankOf(((ContinuousColumn)column).Values[row]));

    /// <inheritdoc/>
    public override TableColumn Reverse<T>(ReadOnlySpan<T> values, int rows, int stride, int offset, DecodeDraws draws)
    {
        var result = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double v = double.CreateTruncating(values[(r * stride) + offset]);
            int rank = double.IsNaN(v) ? 0 : (int)Math.Clamp(Math.Round(v), 0, Levels - 1);
            result[r] = HasMissing && rank == 0 ? double.NaN : Values[Math.Max(rank, First)];
        }

        return new ContinuousColumn(Column, result, Info.IsInteger);
    }

    /// <inheritdoc/>
    public override void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Column);
        writer.Write(Form.Whole);
        writer.Write(HasMissing);
        writer.Write(Values.Length - First);
        for (int i = First; i < Values.Length; i++)
        {
            writer.Write(Values[i]);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote: at least one finite value, strictly ascending.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated or corrupt, or belong to another column (the message names the part).</exception>
    public static RankTransformer Read(ModelReader reader, TableColumnInfo info)
    {
        ReadColumnName(reader, info);
        bool whole = reader.ReadBoolean("whole-number flag");
        bool hasMissing = reader.ReadBoolean("missing-values flag");
        int count = reader.ReadCount("value count", int.MaxValue - 1, sizeof(double));
        reader.Check(count >= 1, "there are no values");
        var observed = reader.ReadDoubles("values", count);
        for (int i = 0; i < count; i++)
        {
            reader.Check(double.IsFinite(observed[i]) && (i == 0 || observed[i] > observed[i - 1]), "the values are not finite and strictly ascending");
        }

        return new RankTransformer(info, hasMissing ? [double.NegativeInfinity, .. observed] : observed, hasMissing, whole);
    }
}
