using System.Text;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The exact, noise-free counts a marginal synthesizer (MST, AIM) fits from: for every marginal it may measure, the
/// number of rows in each cell of the declared public domain, plus the row count. Counts add, so the statistics of
/// partitions of a table, merged with <see cref="Merge"/>, are exactly those of the whole table; the estimator then
/// adds all noise and makes every private selection once, centrally (<c>MstEstimator.Fit(MarginalStatistics)</c>,
/// <c>AimEstimator.Fit(MarginalStatistics)</c>). Created by the estimators' <c>ComputeStatistics</c>.
/// </summary>
/// <remarks>
/// These are the private data's sufficient statistics, not a private release: they carry no noise and must be
/// guarded like the rows they were counted from. They travel between machines with <see cref="Save"/> and
/// <see cref="Load"/>.
/// </remarks>
public sealed class MarginalStatistics
{
    /// <summary>The file's leading text.</summary>
    internal const string Magic = "SyntheticML.MarginalStatistics";

    /// <summary>The version of the layout <see cref="Save"/> writes.</summary>
    internal const int FormatVersion = 1;

    internal MarginalStatistics(TabularSchema schema, ColumnCells[] cells, int[][] cliques, long[][] counts, long rowCount)
    {
        Schema = schema;
        Cells = cells;
        Cliques = cliques;
        Counts = counts;
        RowCount = rowCount;
    }

    /// <summary>The number of rows counted.</summary>
    public long RowCount { get; }

    /// <summary>The names of the columns, in table order.</summary>
    public IReadOnlyList<string> ColumnNames => [.. Schema.Columns.Select(c => c.Name)];

    /// <summary>The counted marginals, each as its column names.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Marginals => [.. Cliques.Select(c => (IReadOnlyList<string>)[.. c.Select(v => Schema.Columns[v].Name)])];

    /// <summary>The columns restated against the declared public domain (no statistic of the rows).</summary>
    internal TabularSchema Schema { get; }

    /// <summary>The public cells of every column.</summary>
    internal ColumnCells[] Cells { get; }

    /// <summary>The counted marginals (increasing column indices).</summary>
    internal int[][] Cliques { get; }

    /// <summary>The counts of every marginal, row-major in the order of its columns (first slowest).</summary>
    internal long[][] Counts { get; }

    /// <summary>
    /// The statistics of the union of the partitions <paramref name="parts"/> counted from: the counts and row counts
    /// added. Exact (integer sums), so the result does not depend on the parts' order or grouping. Empty partitions
    /// add nothing.
    /// </summary>
    /// <exception cref="ArgumentException">No parts, or parts counted over different columns, domains or marginals (the message names the first column or marginal that differs).</exception>
    public static MarginalStatistics Merge(IEnumerable<MarginalStatistics> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("There are no statistics to merge; pass the statistics of at least one partition.", nameof(parts));
        }

        var first = list[0];
        var counts = first.Counts.Select(c => (long[])c.Clone()).ToArray();
        long rows = first.RowCount;
        for (int k = 1; k < list.Count; k++)
        {
            var part = list[k] ?? throw new ArgumentNullException(nameof(parts), $"Partition {k}'s statistics are null.");
            first.ThrowIfDifferent(part, $"partition {k}'s statistics", nameof(parts));
            for (int m = 0; m < counts.Length; m++)
            {
                var target = counts[m];
                var source = part.Counts[m];
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = checked(target[i] + source[i]);
                }
            }

            rows = checked(rows + part.RowCount);
        }

        return new MarginalStatistics(first.Schema, first.Cells, first.Cliques, counts, rows);
    }

    /// <summary>The counts of <paramref name="clique"/> (increasing column indices) as doubles (exact below 2^53).</summary>
    /// <exception cref="InvalidOperationException">The statistics do not hold that marginal.</exception>
    internal double[] CountsOf(int[] clique)
    {
        for (int m = 0; m < Cliques.Length; m++)
        {
            if (Cliques[m].AsSpan().SequenceEqual(clique))
            {
                return [.. Counts[m].Select(c => (double)c)];
            }
        }

        throw new InvalidOperationException($"The statistics hold no counts of the marginal ({string.Join(", ", clique.Select(v => $"'{Schema.Columns[v].Name}'"))}). Compute them with the ComputeStatistics of an estimator with the same options as the one that fits.");
    }

    /// <summary>Fails unless <paramref name="other"/> was counted over the same columns, domain and marginals; <paramref name="what"/> and <paramref name="reference"/> name both in the message.</summary>
    internal void ThrowIfDifferent(MarginalStatistics other, string what, string parameter, string reference = "the first partition's statistics")
    {
        if (!other.Schema.Columns.Select(c => c.Name).SequenceEqual(Schema.Columns.Select(c => c.Name), StringComparer.Ordinal))
        {
            throw new ArgumentException($"The columns of {what} ({string.Join(", ", other.Schema.Columns.Select(c => c.Name))}) are not those of {reference} ({string.Join(", ", Schema.Columns.Select(c => c.Name))}). Read every partition with the same columns in the same order.", parameter);
        }

        for (int c = 0; c < Schema.Columns.Count; c++)
        {
            var mine = Schema.Columns[c];
            var theirs = other.Schema.Columns[c];
            if (!Bytes(w => new TabularSchema([mine]).Write(w)).AsSpan().SequenceEqual(Bytes(w => new TabularSchema([theirs]).Write(w)))
                || !Bytes(Cells[c].Write).AsSpan().SequenceEqual(Bytes(other.Cells[c].Write)))
            {
                throw new ArgumentException($"Column '{mine.Name}' differs between {what} ({theirs.Kind}, {theirs.OriginalType}, {other.Cells[c].Count} cells) and {reference} ({mine.Kind}, {mine.OriginalType}, {Cells[c].Count} cells) in its type, kind or declared public domain. Read every partition with the same column types and count them with estimators of the same options.", parameter);
            }
        }

        if (other.Cliques.Length != Cliques.Length || other.Cliques.Zip(Cliques).Any(p => !p.First.AsSpan().SequenceEqual(p.Second)))
        {
            throw new ArgumentException($"{what} count other marginals than {reference} ({other.Cliques.Length} against {Cliques.Length}). Count every partition with estimators of the same options.", parameter);
        }
    }

    /// <summary>Writes the statistics (versioned: a leading text, the format version, the body's length, the body); <see cref="Load"/> reads them back.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var body = Bytes(WriteBody);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        StatisticsFile.WriteHeader(writer, Magic, FormatVersion);
        writer.Write((long)body.Length);
        writer.Write(body);
    }

    /// <summary>Reads statistics written by <see cref="Save"/>, checking every field.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold statistics of this format version, or they are truncated or inconsistent (the message names the part).</exception>
    public static MarginalStatistics Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = ModelReader.Over(stream);
        using (head.Part("marginal statistics"))
        {
            head.Check(head.ReadString("leading text", 64) == Magic, "the stream does not start with marginal statistics (saved by MarginalStatistics.Save)");
            int version = head.ReadInt32("format version");
            head.Check(version == FormatVersion, $"format version {version} is not the {FormatVersion} this library reads");
            long length = head.ReadInt64("body length");
            var reader = ModelReader.Over(head.ReadBytes("body", length));
            using var part = reader.Part("marginal statistics");
            return ReadBody(reader);
        }
    }

    private void WriteBody(BinaryWriter writer)
    {
        Schema.Write(writer);
        foreach (var c in Cells)
        {
            c.Write(writer);
        }

        writer.Write(RowCount);
        writer.Write(Cliques.Length);
        for (int m = 0; m < Cliques.Length; m++)
        {
            writer.Write(Cliques[m].Length);
            foreach (var v in Cliques[m])
            {
                writer.Write(v);
            }

            foreach (var n in Counts[m])
            {
                writer.Write(n);
            }
        }
    }

    private static MarginalStatistics ReadBody(ModelReader reader)
    {
        var schema = TabularSchema.Read(reader);
        int p = schema.Columns.Count;
        var cells = new ColumnCells[p];
        for (int c = 0; c < p; c++)
        {
            using var column = reader.Part($"cells of column '{schema.Columns[c].Name}'");
            cells[c] = ColumnCells.Read(reader, schema.Columns[c]);
        }

        long rows = reader.ReadInt64("row count");
        reader.Check(rows >= 0, "the row count is negative");
        int count = reader.ReadCount("marginal count", 1 << 24, 8);
        var cliques = new int[count][];
        var counts = new long[count][];
        for (int m = 0; m < count; m++)
        {
            using var marginal = reader.Part($"marginal {m}");
            cliques[m] = new int[reader.ReadInt32("column count", 1, p)];
            long size = 1;
            for (int i = 0; i < cliques[m].Length; i++)
            {
                cliques[m][i] = reader.ReadInt32("column", i == 0 ? 0 : cliques[m][i - 1] + 1, p - 1);
                size = checked(size * cells[cliques[m][i]].Count);
            }

            reader.CheckCount("cells", size, Array.MaxLength, 8);
            counts[m] = reader.ReadInt64s("counts", size);
            reader.Check(counts[m].All(n => n >= 0), "a count is negative");
            reader.Check(counts[m].Sum() == rows, $"the counts add up to {counts[m].Sum()}, not the {rows} rows");
        }

        reader.ExpectEnd();
        return new MarginalStatistics(schema, cells, cliques, counts, rows);
    }

    private static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
