using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// A categorical column as its integer category code 0..K−1 and, when the column had missing values, code K for a
/// missing value (the form tree models and multinomial diffusion take). The reverse rounds to the nearest code
/// within range; code K becomes missing.
/// </summary>
internal sealed class CategoryCodeTransformer : ColumnTransformer
{
    private CategoryCodeTransformer(TableColumnInfo info, bool hasMissing)
        : base(info)
    {
        HasMissing = hasMissing;
    }

    /// <summary>Whether code <see cref="CategoryCount"/> stands for a missing value.</summary>
    public bool HasMissing { get; }

    /// <summary>The number of categories K.</summary>
    public int CategoryCount => Info.Categories.Count;

    /// <summary>The number of codes: K, or K + 1 with the missing code.</summary>
    public int Levels => CategoryCount + (HasMissing ? 1 : 0);

    /// <inheritdoc/>
    public override TransformerKind Kind => TransformerKind.CategoryCode;

    /// <inheritdoc/>
    public override int Width => 1;

    /// <summary>Learns whether <paramref name="column"/> has missing values.</summary>
    /// <exception cref="ArgumentException">Every value is missing (the message names the column).</exception>
    public static CategoryCodeTransformer Fit(CategoricalColumn column, TableColumnInfo info)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(info);
        if (column.MissingCount == column.Length)
        {
            throw new ArgumentException($"Column '{column.Name}' has no values: all {column.Length} rows are missing. Leave it out ({nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Columns)}) or supply values.", nameof(column));
        }

        return new CategoryCodeTransformer(info, column.MissingCount > 0);
    }

    /// <summary>A transformer laid out from the schema alone: codes 0..K−1 and, with <paramref name="hasMissing"/>, K for missing.</summary>
    internal static CategoryCodeTransformer FromSchema(TableColumnInfo info, bool hasMissing) => new(info, hasMissing);

    /// <summary>The code of category code <paramref name="code"/> (−1 = missing).</summary>
    public int CodeOf(int code) => code < 0 ? CategoryCount : code;

    /// <summary>The category code (−1 = missing) of model code <paramref name="code"/>.</summary>
    public int CategoryOf(int code) => HasMissing && code == CategoryCount ? -1 : code;

    /// <inheritdoc/>
    public override void TransformRow<T>(TableColumn column, int row, Span<T> destination, Random random)
    {
        int code = ((CategoricalColumn)column).Codes[row];
        if (code < 0 && !HasMissing)
        {
            throw new ArgumentException($"Column '{Column}' has a missing value in row {row}; it had none in training, so it has no missing code.", nameof(column));
        }

        destination[0] = T.CreateTruncating(CodeOf(code));
    }

    /// <inheritdoc/>
    public override TableColumn Reverse<T>(ReadOnlySpan<T> values, int rows, int stride, int offset, DecodeDraws draws)
    {
        var codes = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            double v = double.CreateTruncating(values[(r * stride) + offset]);
            int code = double.IsNaN(v) ? 0 : (int)Math.Clamp(Math.Round(v), 0, Levels - 1);
            codes[r] = CategoryOf(code);
        }

        return new CategoricalColumn(Column, codes, Info.Categories);
    }

    /// <inheritdoc/>
    public override void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Column);
        writer.Write(CategoryCount);
        writer.Write(HasMissing);
    }

    /// <summary>Reads what <see cref="Write"/> wrote, for the schema's <paramref name="info"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated or corrupt, or do not match the schema (the message names the part).</exception>
    public static CategoryCodeTransformer Read(ModelReader reader, TableColumnInfo info)
    {
        ReadColumnName(reader, info);
        int categories = reader.ReadInt32("category count");
        reader.Check(categories == info.Categories.Count, $"the transformer has {categories} categories; the schema has {info.Categories.Count}");
        return new CategoryCodeTransformer(info, reader.ReadBoolean("missing-values flag"));
    }
}
