using System.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// A continuous column by mode-specific normalization (Xu et al. 2019, §4.2; the mixture is
/// <see cref="ModeSpecificNormalizer"/>): per row α (the offset within the mode, in [−1, 1]), the one-hot of a mode
/// drawn from its posterior and, when the column had missing values, a two-slot observed/missing one-hot (a missing
/// value is encoded at the column's mean and flagged). The reverse takes the largest mode, x = 4σα + μ clipped to the
/// training range, rounded for whole numbers, and NaN where the missing slot wins.
/// </summary>
internal sealed class ModeSpecificTransformer : ColumnTransformer
{
    private ModeSpecificTransformer(TableColumnInfo info, ModeSpecificNormalizer normalizer, bool whole, bool hasMissing)
        : base(info)
    {
        Normalizer = normalizer;
        HasMissing = hasMissing;
        Form = new NumericForm(whole, NumericForm.IsSingle(info), normalizer.Min, normalizer.Max);
    }

    /// <summary>A transformer over a normalizer built elsewhere (for example from declared public bounds).</summary>
    internal static ModeSpecificTransformer Create(TableColumnInfo info, ModeSpecificNormalizer normalizer, bool whole, bool hasMissing) =>
        new(info, normalizer, whole, hasMissing);

    /// <summary>The column's modes.</summary>
    public ModeSpecificNormalizer Normalizer { get; }

    /// <summary>Whether the model space has the observed/missing one-hot.</summary>
    public bool HasMissing { get; }

    /// <summary>Range, rounding and source type of reversed values.</summary>
    public NumericForm Form { get; }

    /// <summary>Whether reversed values are rounded to whole numbers.</summary>
    public bool Whole => Form.Whole;

    /// <summary>The number of modes (the width of the mode one-hot).</summary>
    public int ModeCount => Normalizer.ModeCount;

    /// <inheritdoc/>
    public override TransformerKind Kind => TransformerKind.ModeSpecific;

    /// <inheritdoc/>
    public override int Width => 1 + ModeCount + (HasMissing ? 2 : 0);

    /// <summary>Fits the modes of <paramref name="column"/>'s observed values.</summary>
    /// <exception cref="ArgumentException">The column has no observed value or an infinite one (the message names it).</exception>
    public static ModeSpecificTransformer Fit(ContinuousColumn column, TableColumnInfo info, TabularEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(options);
        var observed = ObservedValues.Of(column, "mode-specific normalization");
        return Fit(column, info, observed, options);
    }

    /// <summary>Fits the modes of <paramref name="observed"/>, the non-missing values of <paramref name="column"/> in row order.</summary>
    internal static ModeSpecificTransformer Fit(ContinuousColumn column, TableColumnInfo info, double[] observed, TabularEncoderOptions options)
    {
        var normalizer = ModeSpecificNormalizer.Fit(column.Name, observed, options);
        return new ModeSpecificTransformer(info, normalizer, NumericForm.IsWhole(column, observed), column.MissingCount > 0);
    }

    /// <inheritdoc/>
    public override void TransformRow<T>(TableColumn column, int row, Span<T> destination, Random random)
    {
        double value = ((ContinuousColumn)column).Values[row];
        if (double.IsNaN(value) && !HasMissing)
        {
            throw new ArgumentException($"Column '{Column}' has a missing value in row {row}; it had none in training, so its model space has no missing slot.", nameof(column));
        }

        Span<float> modes = stackalloc float[ModeCount];
        Normalizer.Encode(value, random, out float alpha, modes);
        destination[0] = T.CreateTruncating(alpha);
        for (int j = 0; j < modes.Length; j++)
        {
            destination[1 + j] = T.CreateTruncating(modes[j]);
        }

        if (HasMissing)
        {
            bool missing = double.IsNaN(value);
            destination[1 + ModeCount] = missing ? T.Zero : T.One;
            destination[2 + ModeCount] = missing ? T.One : T.Zero;
        }
    }

    /// <summary>Whether the model-space values of one row (<see cref="Width"/> of them) say "missing".</summary>
    public bool IsMissing<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        HasMissing && row[2 + ModeCount] > row[1 + ModeCount];

    /// <summary>The value of α within the largest of the mode scores of one row, restored to the column's form.</summary>
    public double ReverseValue<T>(double alpha, ReadOnlySpan<T> row)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Form.Restore(Normalizer.Decode(alpha, row.Slice(1, ModeCount)));

    /// <inheritdoc/>
    public override TableColumn Reverse<T>(ReadOnlySpan<T> values, int rows, int stride, int offset, DecodeDraws draws) =>
        Reverse(values, rows, stride, offset, draws, 0, 0);

    /// <summary>
    /// Reverses as <see cref="Reverse{T}(ReadOnlySpan{T}, int, int, int, DecodeDraws)"/> does, first adding to each
    /// present row's α <paramref name="alphaNoise"/> × <paramref name="draws"/>' normal of (row, <paramref name="columnIndex"/>),
    /// in single precision (TVAE's learned σ; 0 adds nothing and draws nothing).
    /// </summary>
    public ContinuousColumn Reverse<T>(ReadOnlySpan<T> values, int rows, int stride, int offset, DecodeDraws draws, float alphaNoise, int columnIndex)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = values.Slice((r * stride) + offset, Width);
            if (IsMissing(row))
            {
                result[r] = double.NaN;
                continue;
            }

            double alpha = double.CreateTruncating(row[0]);
            if (alphaNoise > 0)
            {
                alpha = (float)alpha + (alphaNoise * (float)draws.Normal(r, columnIndex));
            }

            result[r] = ReverseValue(alpha, row);
        }

        return new ContinuousColumn(Column, result, Info.IsInteger);
    }

    /// <inheritdoc/>
    public override void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Whole);
        writer.Write(HasMissing);
        Normalizer.Write(writer);
    }

    /// <summary>Reads what <see cref="Write"/> wrote, for the schema's <paramref name="info"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated or corrupt, or the modes belong to another column or overflow a Single column (the message names the part).</exception>
    public static ModeSpecificTransformer Read(ModelReader reader, TableColumnInfo info)
    {
        bool whole = reader.ReadBoolean("whole-number flag");
        bool hasMissing = reader.ReadBoolean("missing-values flag");
        var normalizer = ModeSpecificNormalizer.Read(reader, info.Name);
        reader.Check(!NumericForm.IsSingle(info) || (Math.Abs(normalizer.Min) <= float.MaxValue && Math.Abs(normalizer.Max) <= float.MaxValue), "the range does not fit the column's Single type");
        return new ModeSpecificTransformer(info, normalizer, whole, hasMissing);
    }
}
