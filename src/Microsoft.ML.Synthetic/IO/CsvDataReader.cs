using System.Globalization;

namespace Microsoft.ML.Synthetic.IO;

/// <summary>
/// Reads a CSV file with a header row into an in-memory <see cref="IDataView"/>: number columns (every
/// non-missing field parses as a number) as Single or Double with NaN for missing fields, other columns as text
/// with empty text for missing fields.
/// </summary>
internal static class CsvDataReader
{
    public static IDataView Read(TextReader text, string source, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var records = new CsvRecordReader(text, options.Separator, source);
        var header = records.Next()
            ?? throw new InvalidDataException($"{source} is empty; a CSV file with a header row is expected.");
        var names = header.Select(f => f.Text.Trim()).ToArray();
        CheckHeader(names, source, options);

        // Rows as fields; null marks a missing field.
        var columns = names.Select(_ => new List<string?>()).ToArray();
        var lines = new List<int>();
        while (records.Next() is { } record)
        {
            if (record.Count == 1 && record[0].Text.Length == 0 && !record[0].Quoted && names.Length > 1)
            {
                continue; // a blank line
            }

            if (record.Count != names.Length)
            {
                int column = Math.Min(record.Count, names.Length) + 1;
                throw new InvalidDataException($"{source}, line {records.RecordLine}: {record.Count} fields, but the header has {names.Length} ({(record.Count > names.Length ? $"field {column} has no column" : $"column '{names[column - 1]}' (field {column}) is missing")}). Quote fields that contain '{options.Separator}'.");
            }

            lines.Add(records.RecordLine);
            for (int i = 0; i < record.Count; i++)
            {
                columns[i].Add(IsMissing(record[i], options) ? null : record[i].Text);
            }
        }

        var built = new List<(string, Array)>(names.Length);
        for (int i = 0; i < names.Length; i++)
        {
            var type = options.ColumnTypes.TryGetValue(names[i], out var declared) ? declared
                : columns[i].All(v => v is null || TryParse(v, out _)) ? CsvColumnType.Number : CsvColumnType.Text;
            built.Add((names[i], type == CsvColumnType.Text ? Text(columns[i]) : Numbers(columns[i], lines, names[i], i, source, options)));
        }

        return new InMemoryColumnsView(built, lines.Count);
    }

    private static void CheckHeader(string[] names, string source, CsvReadOptions options)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0)
            {
                throw new InvalidDataException($"{source}, line 1, field {i + 1}: the header names no column. Give every column a name.");
            }

            if (!seen.Add(names[i]))
            {
                throw new InvalidDataException($"{source}, line 1, field {i + 1}: column '{names[i]}' is named twice in the header. Give every column a distinct name.");
            }
        }

        foreach (var name in options.ColumnTypes.Keys)
        {
            if (!seen.Contains(name))
            {
                throw new ArgumentException($"{nameof(CsvReadOptions.ColumnTypes)} names column '{name}', which is not in the header of {source}. Columns: {string.Join(", ", names)}.", nameof(options));
            }
        }
    }

    private static bool IsMissing(CsvField field, CsvReadOptions options)
    {
        var trimmed = field.Text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return true;
        }

        if (field.Quoted)
        {
            return false;
        }

        foreach (var token in options.MissingTokens)
        {
            if (trimmed.SequenceEqual(token.AsSpan().Trim()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParse(string text, out double value) =>
        double.TryParse(text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static ReadOnlyMemory<char>[] Text(List<string?> values) =>
        values.Select(v => v is null ? ReadOnlyMemory<char>.Empty : v.AsMemory()).ToArray();

    private static Array Numbers(List<string?> values, List<int> lines, string name, int index, string source, CsvReadOptions options)
    {
        var parsed = new double[values.Count];
        for (int row = 0; row < values.Count; row++)
        {
            var v = values[row];
            if (v is null)
            {
                parsed[row] = double.NaN;
            }
            else if (!TryParse(v, out parsed[row]))
            {
                throw new InvalidDataException($"{source}, line {lines[row]}, column '{name}' (field {index + 1}): '{v}' is not a number, but the column was declared {nameof(CsvColumnType.Number)}. Fix the value, add it to {nameof(CsvReadOptions.MissingTokens)}, or read the column as {nameof(CsvColumnType.Text)}.");
            }
        }

        return options.NumbersAsDouble ? parsed : parsed.Select(d => (float)d).ToArray();
    }
}
