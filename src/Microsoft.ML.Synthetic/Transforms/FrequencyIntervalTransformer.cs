using System.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// A categorical column as a normal score by the SDV interval encoding (<see cref="IntervalEncoding"/>; Patki et al.
/// 2016): the categories, and "missing" when the column had missing values, split (0, 1) by training frequency; a
/// row's score is the mean normal score of its category's interval, and a score maps back to the category whose
/// interval holds it. Categories never seen in training have no interval: they are never produced, and transforming
/// one is an error naming the column.
/// </summary>
internal sealed class FrequencyIntervalTransformer : ColumnTransformer
{
    private readonly double[] _levelScores;
    private readonly int[] _levelOfCode;   // category code (K for missing) → index into the levels, −1 when not a level

    private FrequencyIntervalTransformer(TableColumnInfo info, IntervalEncoding encoding)
        : base(info)
    {
        Encoding = encoding;
        _levelScores = encoding.LevelScores();
        _levelOfCode = new int[info.Categories.Count + 1];
        Array.Fill(_levelOfCode, -1);
        for (int i = 0; i < encoding.Levels.Length; i++)
        {
            _levelOfCode[encoding.Levels[i] < 0 ? info.Categories.Count : encoding.Levels[i]] = i;
        }
    }

    /// <summary>The intervals. Levels: category codes 0..K−1, then −1 (missing) when values were missing.</summary>
    public IntervalEncoding Encoding { get; }

    /// <inheritdoc/>
    public override TransformerKind Kind => TransformerKind.FrequencyInterval;

    /// <inheritdoc/>
    public override int Width => 1;

    /// <summary>Counts the categories (and missing values) of <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">Every value is missing (the message names the column).</exception>
    public static FrequencyIntervalTransformer Fit(CategoricalColumn column, TableColumnInfo info)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(info);
        int categories = column.CategoryCount;
        var counts = new long[categories + 1];
        foreach (var code in column.Codes)
        {
            counts[code < 0 ? categories : code]++;
        }

        return FromCounts(info, counts);
    }

    /// <summary>
    /// The transformer for per-category counts: <paramref name="counts"/>[i] for category i of <paramref name="info"/>,
    /// then the count of missing values (counts merged from partitions give the same transformer as the whole column).
    /// </summary>
    /// <exception cref="ArgumentException">Every value is missing (the message names the column).</exception>
    public static FrequencyIntervalTransformer FromCounts(TableColumnInfo info, long[] counts)
    {
        int categories = info.Categories.Count;
        long rows = counts.Sum();
        if (counts[categories] == rows)
        {
            throw new ArgumentException($"Column '{info.Name}' has no values: all {rows} rows are missing. Leave it out ({nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Columns)}) or supply values.", nameof(counts));
        }

        bool hasMissing = counts[categories] > 0;
        var levels = Enumerable.Range(0, categories).Concat(hasMissing ? [-1] : []).ToArray();
        return new FrequencyIntervalTransformer(info, new IntervalEncoding(levels, hasMissing ? counts : counts[..categories]));
    }

    /// <summary>The index into the encoding's levels of category code <paramref name="code"/> (−1 = missing), or −1 when it is not a level.</summary>
    public int LevelIndexOfCode(int code) => _levelOfCode[code < 0 ? Info.Categories.Count : code];

    /// <summary>The probability interval of category code <paramref name="code"/> (−1 = missing), or null when it never occurred in training.</summary>
    public (double Lower, double Upper)? IntervalOfCode(int code)
    {
        int level = LevelIndexOfCode(code);
        return level < 0 ? null : Encoding.IntervalOf(level);
    }

    /// <summary>The category code (−1 = missing) whose interval holds normal score <paramref name="z"/>.</summary>
    public int Decode(double z) => Encoding.Levels[Encoding.LevelIndexOf(z)];

    /// <inheritdoc/>
    public override void TransformRow<T>(TableColumn column, int row, Span<T> destination, Random random)
    {
        int code = ((CategoricalColumn)column).Codes[row];
        int level = LevelIndexOfCode(code);
        double score = level < 0 ? double.NaN : _levelScores[level];
        if (double.IsNaN(score))
        {
            throw new ArgumentException($"Column '{Column}' has {(code < 0 ? "a missing value" : $"category '{Info.Categories[code]}'")} in row {row}, which never occurred in training: it has no frequency interval.", nameof(column));
        }

        destination[0] = T.CreateTruncating(score);
    }

    /// <inheritdoc/>
    public override TableColumn Reverse<T>(ReadOnlySpan<T> values, int rows, int stride, int offset, DecodeDraws draws)
    {
        var codes = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            codes[r] = Decode(double.CreateTruncating(values[(r * stride) + offset]));
        }

        return new CategoricalColumn(Column, codes, Info.Categories);
    }

    /// <inheritdoc/>
    public override void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Encoding.Write(writer);
    }

    /// <summary>Reads what <see cref="Write"/> wrote: levels must be distinct codes of the schema's categories, or −1.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated or corrupt (the message names the part).</exception>
    public static FrequencyIntervalTransformer Read(ModelReader reader, TableColumnInfo info) =>
        new(info, IntervalEncoding.Read(reader, info.Categories.Count));
}
