using System.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// A fitted, reversible transformer of one column of a <see cref="TabularData"/> (the role RDT's transformers play for
/// SDV): <see cref="Transform"/> turns the column into model space, <see cref="Width"/> numbers per row, and
/// <see cref="Reverse"/> turns model-space numbers back into a column with the source's kind, categories,
/// integer-ness, rounding and missing values. What it learned (modes, quantiles, frequencies, ranges) lives here,
/// never in the table's metadata. Each kind fits itself with a static <c>Fit</c> on a column and its
/// <see cref="TableColumnInfo"/>, and reads itself back with a static <c>Read</c> through <see cref="ModelReader"/>;
/// <see cref="TransformerFile"/> saves and loads any kind with a tag.
/// </summary>
internal abstract class ColumnTransformer
{
    private protected ColumnTransformer(TableColumnInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
    }

    /// <summary>The source column: name, kind, categories and source type (what <see cref="Reverse"/> restores).</summary>
    public TableColumnInfo Info { get; }

    /// <summary>The column name.</summary>
    public string Column => Info.Name;

    /// <summary>The kind of transformer, as <see cref="TransformerFile"/> tags it.</summary>
    public abstract TransformerKind Kind { get; }

    /// <summary>The number of model-space values per row.</summary>
    public abstract int Width { get; }

    /// <summary>
    /// The model-space values of every row of <paramref name="column"/>, row-major (<c>Length × Width</c>).
    /// <paramref name="random"/> makes the draws of stochastic kinds (a mode drawn from its posterior, a tied value
    /// spread over its run); deterministic kinds ignore it.
    /// </summary>
    /// <exception cref="ArgumentException">The column is not the one this transformer was fitted on (the message names both), or holds a value it cannot encode (the message names the column and the row).</exception>
    public double[] Transform(TableColumn column, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckColumn(column);
        var result = new double[(long)column.Length * Width];
        for (int row = 0; row < column.Length; row++)
        {
            TransformRow(column, row, result.AsSpan(row * Width, Width), random);
        }

        return result;
    }

    /// <summary>Writes the model-space values of <paramref name="row"/> of <paramref name="column"/> to <paramref name="destination"/> (<see cref="Width"/> values).</summary>
    public abstract void TransformRow<T>(TableColumn column, int row, Span<T> destination, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The column whose model-space values are <paramref name="values"/> (row-major, <paramref name="rows"/> ×
    /// <see cref="Width"/>): the source kind and categories, whole numbers rounded, values clipped to the training
    /// range and narrowed to Single for a Single column, missing values where the model space says so.
    /// <paramref name="random"/> draws what the model space leaves open (a category of a grouped slot).
    /// </summary>
    /// <exception cref="ArgumentException">The span does not hold <paramref name="rows"/> × <see cref="Width"/> values.</exception>
    public TableColumn Reverse(ReadOnlySpan<double> values, int rows, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (rows < 0 || values.Length != (long)rows * Width)
        {
            throw new ArgumentException($"Column '{Column}': expected {rows} rows × {Width} model-space values, got {values.Length}.", nameof(values));
        }

        return Reverse(values, rows, Width, 0, DecodeDraws.From(random));
    }

    /// <summary>
    /// Reverses the <see cref="Width"/> values at <paramref name="offset"/> of each row of a wider row-major matrix
    /// (<paramref name="stride"/> values a row), drawing what is left open from <paramref name="draws"/>.
    /// </summary>
    public abstract TableColumn Reverse<T>(ReadOnlySpan<T> values, int rows, int stride, int offset, DecodeDraws draws)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Writes what this transformer learned; the kind's static <c>Read</c> reads it back.</summary>
    public abstract void Write(BinaryWriter writer);

    /// <summary>Fails unless <paramref name="column"/> has this transformer's name and kind.</summary>
    private protected void CheckColumn(TableColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Name != Column || column.Kind != Info.Kind)
        {
            throw new ArgumentException($"This transformer was fitted on the {Info.Kind} column '{Column}'; it cannot transform the {column.Kind} column '{column.Name}'.", nameof(column));
        }
    }

    /// <summary>Reads the column name a kind writes first, and fails unless it is <paramref name="info"/>'s.</summary>
    private protected static void ReadColumnName(ModelReader reader, TableColumnInfo info)
    {
        var name = reader.ReadString("column name");
        reader.Check(name == info.Name, $"the transformer belongs to column {ModelReader.Quote(name)}");
    }

    /// <summary>The position of the largest value (the first on ties).</summary>
    internal static int ArgMax<T>(ReadOnlySpan<T> scores)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int s = 1; s < scores.Length; s++)
        {
            if (scores[s] > scores[best])
            {
                best = s;
            }
        }

        return best;
    }
}
