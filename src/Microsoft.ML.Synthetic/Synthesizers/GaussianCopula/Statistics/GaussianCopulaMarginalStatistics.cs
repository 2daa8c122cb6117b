using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The first pass of a Gaussian copula fit over some rows (<see cref="GaussianCopulaEstimator.ComputeMarginalStatistics"/>):
/// the table schema the rows were read with, and per column its mergeable statistics — exact counts of each category
/// and of missing values; for a continuous column, the missing count, whether every value was whole, the exact minimum
/// and maximum, and its values: exact (value → count) while the column has at most
/// <see cref="GaussianCopulaOptions.DistinctValueCapacity"/> distinct values, else a deterministic mergeable quantile
/// sketch whose ranks are within εn of the true ranks, ε = ⌈log₂(n/k)⌉/k with k = capacity/4
/// (<see cref="GetRankErrorBound"/> gives the bound a column's sketch actually tracks). Categories are ordered as the
/// in-memory reader orders them (ordinally; a key or Boolean column keeps its own list), so merged statistics give the
/// same schema as reading the concatenated rows. Saved with <see cref="Save"/> to travel between machines.
/// </summary>
public sealed class GaussianCopulaMarginalStatistics
{
    private const string Magic = "SyntheticML.GaussianCopulaMarginalStatistics";
    private const int FormatVersion = 1;

    internal GaussianCopulaMarginalStatistics(TabularSchema template, ColumnStatistics[] columns, long rowCount)
    {
        Template = template;
        Columns = columns;
        RowCount = rowCount;
    }

    /// <summary>The rows the statistics were computed over.</summary>
    public long RowCount { get; }

    /// <summary>The schema of the first rows read (types, key and Boolean categories); merged facts come from <see cref="Columns"/>.</summary>
    internal TabularSchema Template { get; }

    internal ColumnStatistics[] Columns { get; }

    /// <summary>
    /// The largest error, in rows, of a rank the statistics give for continuous column <paramref name="columnName"/>:
    /// 0 while its values are counted exactly; past the capacity, the error its quantile sketch has accumulated,
    /// never more than εn (ε in the class remarks).
    /// </summary>
    /// <exception cref="ArgumentException">No continuous column has that name.</exception>
    public long GetRankErrorBound(string columnName)
    {
        var column = Columns.FirstOrDefault(c => c.Name == columnName && c.Kind == ColumnKind.Continuous)
            ?? throw new ArgumentException($"The statistics have no continuous column '{columnName}'. Continuous columns: {string.Join(", ", Columns.Where(c => c.Kind == ColumnKind.Continuous).Select(c => c.Name))}.", nameof(columnName));
        return column.Values!.RankErrorBound;
    }

    /// <summary>
    /// Merges the statistics of partitions into new statistics (the inputs are not changed). Counts add exactly; the
    /// order of the parts does not change the result (sketches merge level by level as sorted multisets).
    /// </summary>
    /// <exception cref="ArgumentException">No statistics are given, or the partitions' schemas disagree (the message names the column).</exception>
    public static GaussianCopulaMarginalStatistics Merge(IEnumerable<GaussianCopulaMarginalStatistics> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("There are no marginal statistics to merge; pass the statistics of at least one partition.", nameof(parts));
        }

        var first = list[0];
        foreach (var part in list)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            CheckSameSchema(first, part);
        }

        var columns = new ColumnStatistics[first.Columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = ColumnStatistics.Merge(list.Select(p => p.Columns[c]).ToArray());
        }

        // Only the template's types and key lists are used (checked equal above); every merged fact comes from the columns.
        return new GaussianCopulaMarginalStatistics(first.Template, columns, list.Sum(p => p.RowCount));
    }

    private static void CheckSameSchema(GaussianCopulaMarginalStatistics a, GaussianCopulaMarginalStatistics b)
    {
        var x = a.Template.Columns;
        var y = b.Template.Columns;
        for (int c = 0; c < Math.Max(x.Count, y.Count); c++)
        {
            if (c >= x.Count || c >= y.Count)
            {
                var extra = c >= x.Count ? y[c].Name : x[c].Name;
                throw new ArgumentException($"The partitions have different columns: column '{extra}' is in one partition's statistics and not in another's. Read every partition with the same columns.");
            }

            if (x[c].Name != y[c].Name)
            {
                throw new ArgumentException($"The partitions have different columns at position {c}: '{x[c].Name}' and '{y[c].Name}'. Read every partition with the same columns in the same order.");
            }

            if (x[c].Kind != y[c].Kind || !x[c].OriginalType.Equals(y[c].OriginalType) || (x[c].Temporal is null) != (y[c].Temporal is null))
            {
                throw new ArgumentException($"Column '{x[c].Name}' is {x[c].Kind} of type {x[c].OriginalType} in one partition and {y[c].Kind} of type {y[c].OriginalType} in another. Give every partition the same column types (and the same DataOptions).");
            }

            if (a.Columns[c].Values is { } v && b.Columns[c].Values is { } w && v.Capacity != w.Capacity)
            {
                throw new ArgumentException($"Column '{x[c].Name}': the partitions' value sketches have capacities {v.Capacity} and {w.Capacity}; compute every partition with the same {nameof(GaussianCopulaOptions.DistinctValueCapacity)}.");
            }

            if (IsFixed(x[c]) && !x[c].Categories.SequenceEqual(y[c].Categories))
            {
                throw new ArgumentException($"Column '{x[c].Name}' is a key column whose values differ between partitions; give every partition the same key type.");
            }
        }
    }

    /// <summary>Whether the reader gives the column its own fixed category list (keys and Booleans) rather than the categories seen.</summary>
    internal static bool IsFixed(TableColumnInfo info) => info.OriginalType is KeyDataViewType || info.OriginalType is BooleanDataViewType;

    /// <summary>
    /// The table schema the in-memory reader would give the concatenated rows: categories ordinal (or the key's list),
    /// integer flags, minimum and maximum, and the most frequent missing text (ordinally smallest on ties).
    /// </summary>
    /// <exception cref="NotSupportedException">A column is a date, time or duration (its rounding step and offset are not merged yet).</exception>
    internal TabularSchema BuildSchema()
    {
        var infos = new TableColumnInfo[Columns.Length];
        for (int c = 0; c < infos.Length; c++)
        {
            var t = Template.Columns[c];
            var s = Columns[c];
            if (t.Temporal is not null)
            {
                throw new NotSupportedException($"Column '{t.Name}' is a date, time or duration column, whose rounding step and offset a fit from partition statistics does not merge yet. Fit it with {nameof(GaussianCopulaEstimator.Fit)} (in memory), or convert the column to seconds first.");
            }

            IReadOnlyList<string> categories = s.Kind == ColumnKind.Continuous ? []
                : IsFixed(t) ? t.Categories
                : s.CategoryCounts!.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
            bool observed = s.Values is { Count: > 0 };
            infos[c] = new TableColumnInfo(t.Name, t.Kind, t.OriginalType, s.Kind == ColumnKind.Continuous && s.IsInteger, categories,
                observed ? s.Values!.Min : double.NaN, observed ? s.Values!.Max : double.NaN, s.MissingText, t.OriginalAnnotations, t.Temporal);
        }

        return new TabularSchema(infos);
    }

    /// <summary>Writes the statistics (versioned); <see cref="Load"/> reads them back.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        StatisticsFile.WriteHeader(writer, Magic, FormatVersion);
        writer.Write(RowCount);
        Template.Write(writer);
        foreach (var column in Columns)
        {
            column.Write(writer);
        }
    }

    /// <summary>Reads statistics written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold marginal statistics of a known version, or they are truncated or corrupt (the message names the column).</exception>
    public static GaussianCopulaMarginalStatistics Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            StatisticsFile.ReadHeader(reader, Magic, FormatVersion, "Gaussian copula marginal statistics");

            long rows = reader.ReadInt64();
            var template = TabularSchema.Read(reader);
            var columns = template.Columns.Select(info => ColumnStatistics.Read(reader, info)).ToArray();
            if (rows < 0 || columns.Any(c => c.Rows != rows))
            {
                throw new InvalidDataException($"The marginal statistics are corrupt: a column's rows differ from the {rows} rows read.");
            }

            return new GaussianCopulaMarginalStatistics(template, columns, rows);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The marginal statistics are truncated.", e);
        }
    }
}
