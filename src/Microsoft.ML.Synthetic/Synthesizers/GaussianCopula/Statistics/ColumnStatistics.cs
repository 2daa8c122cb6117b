using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;

namespace Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

/// <summary>
/// The first-pass statistics of one column over some rows, mergeable: for a continuous column the value sketch (exact
/// counts up to its capacity), the missing count and whether every value was whole; for a categorical column the
/// exact count of each category (by its text, so partitions with different category lists merge) and of missing
/// values. Both keep the schema facts the in-memory reader would find: integer flag, and the missing-value texts.
/// </summary>
internal sealed class ColumnStatistics
{
    private ColumnStatistics(string name, ColumnKind kind, int capacity)
    {
        Name = name;
        Kind = kind;
        Values = kind == ColumnKind.Continuous ? new ValueSketch(capacity) : null;
        CategoryCounts = kind == ColumnKind.Categorical ? new Dictionary<string, long>(StringComparer.Ordinal) : null;
    }

    public string Name { get; }

    public ColumnKind Kind { get; }

    /// <summary>A continuous column's observed values.</summary>
    public ValueSketch? Values { get; private set; }

    /// <summary>A categorical column's counts per category text.</summary>
    public Dictionary<string, long>? CategoryCounts { get; }

    /// <summary>Rows where the value is missing.</summary>
    public long Missing { get; private set; }

    /// <summary>Rows seen.</summary>
    public long Rows { get; private set; }

    /// <summary>Whether every observed value of a continuous column was whole.</summary>
    public bool AllWhole { get; private set; } = true;

    /// <summary>Whether the reader called the column integer in every block (integer types always; text when every value was whole).</summary>
    public bool IsInteger { get; private set; } = true;

    /// <summary>Missing values per missing text (the in-memory reader writes the most frequent back).</summary>
    public Dictionary<string, long> MissingTexts { get; } = new(StringComparer.Ordinal);

    public static ColumnStatistics Create(TableColumnInfo info, int capacity) => new(info.Name, info.Kind, capacity);

    /// <summary>Adds the rows of one block (<paramref name="column"/> read with schema entry <paramref name="info"/>).</summary>
    public void Add(TableColumn column, TableColumnInfo info)
    {
        Rows += column.Length;
        IsInteger &= info.IsInteger;
        long missing = 0;
        if (column is ContinuousColumn continuous)
        {
            foreach (var v in continuous.Values)
            {
                if (double.IsNaN(v))
                {
                    missing++;
                    continue;
                }

                if (double.IsInfinity(v))
                {
                    throw new ArgumentException($"Column '{Name}' holds {v}; a Gaussian copula needs finite numbers (NaN marks a missing value). Remove or replace the infinite values.", nameof(column));
                }

                AllWhole &= v == Math.Round(v);
                Values!.Add(v);
            }
        }
        else
        {
            var categorical = (CategoricalColumn)column;
            var counts = new long[categorical.CategoryCount];
            foreach (var code in categorical.Codes)
            {
                if (code < 0)
                {
                    missing++;
                }
                else
                {
                    counts[code]++;
                }
            }

            for (int i = 0; i < counts.Length; i++)
            {
                if (counts[i] > 0)
                {
                    CategoryCounts![categorical.Categories[i]] = CategoryCounts.GetValueOrDefault(categorical.Categories[i]) + counts[i];
                }
            }
        }

        Missing += missing;
        if (missing > 0 && info.MissingText is { } text)
        {
            MissingTexts[text] = MissingTexts.GetValueOrDefault(text) + missing;
        }

    }

    /// <summary>The observed values as a weighted sample (exact counts, or the sketch's weighted items).</summary>
    public WeightedSample Sample()
    {
        var (values, weights) = Values!.WeightedPoints();
        return new WeightedSample(values, weights);
    }

    /// <summary>The most frequent missing text (the smallest ordinally on ties), or null.</summary>
    public string? MissingText => MissingTexts.Count == 0 ? null
        : MissingTexts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;

    /// <summary>Merges statistics of the same column; the inputs are not changed and their order does not matter.</summary>
    public static ColumnStatistics Merge(IReadOnlyList<ColumnStatistics> parts)
    {
        var first = parts[0];
        var merged = new ColumnStatistics(first.Name, first.Kind, first.Values?.Capacity ?? 0);
        foreach (var p in parts)
        {
            merged.Rows += p.Rows;
            merged.Missing += p.Missing;
            merged.AllWhole &= p.AllWhole;
            merged.IsInteger &= p.IsInteger;
            foreach (var (text, count) in p.MissingTexts)
            {
                merged.MissingTexts[text] = merged.MissingTexts.GetValueOrDefault(text) + count;
            }

            if (p.CategoryCounts is not null)
            {
                foreach (var (category, count) in p.CategoryCounts)
                {
                    merged.CategoryCounts![category] = merged.CategoryCounts.GetValueOrDefault(category) + count;
                }
            }
        }

        if (first.Kind == ColumnKind.Continuous)
        {
            merged.Values = ValueSketch.Merge(parts.Select(p => p.Values!).ToArray());
        }

        return merged;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Name);
        writer.Write((int)Kind);
        writer.Write(Rows);
        writer.Write(Missing);
        writer.Write(AllWhole);
        writer.Write(IsInteger);
        WriteCounts(writer, MissingTexts);
        if (Kind == ColumnKind.Continuous)
        {
            Values!.Write(writer);
        }
        else
        {
            WriteCounts(writer, CategoryCounts!);
        }
    }

    public static ColumnStatistics Read(BinaryReader reader, TableColumnInfo info)
    {
        var name = reader.ReadString();
        var kind = (ColumnKind)reader.ReadInt32();
        if (name != info.Name || kind != info.Kind)
        {
            throw new InvalidDataException($"Column '{info.Name}': the statistics name column '{name}' of kind {kind}; the schema says {info.Kind}.");
        }

        var stats = new ColumnStatistics(name, kind, 8)
        {
            Rows = reader.ReadInt64(),
            Missing = reader.ReadInt64(),
            AllWhole = reader.ReadBoolean(),
            IsInteger = reader.ReadBoolean(),
        };
        ReadCounts(reader, stats.MissingTexts, name);
        long observed;
        if (kind == ColumnKind.Continuous)
        {
            stats.Values = ValueSketch.Read(reader, name);
            observed = stats.Values.Count;
        }
        else
        {
            ReadCounts(reader, stats.CategoryCounts!, name);
            observed = stats.CategoryCounts!.Values.Sum();
        }

        if (stats.Missing < 0 || observed + stats.Missing != stats.Rows || stats.MissingTexts.Values.Sum() > stats.Missing)
        {
            throw new InvalidDataException($"Column '{name}': the statistics are corrupt: observed and missing counts do not add up to the rows.");
        }

        return stats;
    }

    private static void WriteCounts(BinaryWriter writer, Dictionary<string, long> counts)
    {
        writer.Write(counts.Count);
        foreach (var (key, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(key);
            writer.Write(count);
        }
    }

    private static void ReadCounts(BinaryReader reader, Dictionary<string, long> counts, string column)
    {
        int n = reader.ReadInt32();
        if (n < 0)
        {
            throw new InvalidDataException($"Column '{column}': the statistics are corrupt: {n} counts.");
        }

        for (int i = 0; i < n; i++)
        {
            var key = reader.ReadString();
            long count = reader.ReadInt64();
            if (count <= 0 || !counts.TryAdd(key, count))
            {
                throw new InvalidDataException($"Column '{column}': the statistics are corrupt: '{key}' has count {count} or appears twice.");
            }
        }
    }
}
