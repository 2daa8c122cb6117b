using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.IO;

/// <summary>
/// Reads a CSV file with a header row into a <see cref="TabularData"/> and returns its <see cref="IDataView"/>:
/// number columns (every non-missing field parses as a number) as Single or Double with NaN for missing fields,
/// other columns as text with empty text for missing fields.
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

        var infos = new TableColumnInfo[names.Length];
        var built = new TableColumn[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            // Each field is parsed once: a column is a number column when every non-missing field parses.
            bool declared = options.ColumnTypes.TryGetValue(names[i], out var declaredType);
            if (declared && declaredType is CsvColumnType.DateTime or CsvColumnType.DateTimeOffset or CsvColumnType.TimeSpan)
            {
                (infos[i], built[i]) = CsvTemporalColumn.Read(names[i], i, columns[i], lines, declaredType, source);
                continue;
            }

            int notANumber = -1;
            var parsed = declared && declaredType == CsvColumnType.Text ? null : Parse(columns[i], out notANumber);
            if (parsed is not null && notANumber >= 0 && declared)
            {
                var v = columns[i][notANumber];
                throw new InvalidDataException($"{source}, line {lines[notANumber]}, column '{names[i]}' (field {i + 1}): '{v}' is not a number, but the column was declared {nameof(CsvColumnType.Number)}. Fix the value, add it to {nameof(CsvReadOptions.MissingTokens)}, or read the column as {nameof(CsvColumnType.Text)}.");
            }

            (infos[i], built[i]) = parsed is null || notANumber >= 0
                ? Text(names[i], columns[i])
                : Numbers(parsed, names[i], options);
        }

        return new TabularData(new TabularSchema(infos), built).ToDataView();
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

    /// <summary>A text column as categories in first-seen order (written back as the same text); missing is empty text.</summary>
    private static (TableColumnInfo, TableColumn) Text(string name, List<string?> values)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new int[values.Count];
        for (int row = 0; row < codes.Length; row++)
        {
            var v = values[row];
            if (v is null)
            {
                codes[row] = -1;
                continue;
            }

            if (!index.TryGetValue(v, out codes[row]))
            {
                codes[row] = index[v] = index.Count;
            }
        }

        var categories = index.Keys.ToArray();
        var info = new TableColumnInfo(name, ColumnKind.Categorical, TextDataViewType.Instance, false, categories,
            double.NaN, double.NaN, string.Empty, null);
        return (info, new CategoricalColumn(name, codes, categories));
    }

    /// <summary>The fields as numbers (NaN for missing); <paramref name="notANumber"/> is the first row that does not parse, or -1.</summary>
    private static double[] Parse(List<string?> values, out int notANumber)
    {
        var parsed = new double[values.Count];
        notANumber = -1;
        for (int row = 0; row < values.Count; row++)
        {
            var v = values[row];
            if (v is null)
            {
                parsed[row] = double.NaN;
            }
            else if (!TryParse(v, out parsed[row]))
            {
                notANumber = row;
                break;
            }
        }

        return parsed;
    }

    private static (TableColumnInfo, TableColumn) Numbers(double[] parsed, string name, CsvReadOptions options)
    {
        // Stored as doubles (a Single column's values rounded to Single first, so the view returns them exactly).
        if (!options.NumbersAsDouble)
        {
            for (int row = 0; row < parsed.Length; row++)
            {
                parsed[row] = (float)parsed[row];
            }
        }

        bool isInteger = parsed.All(v => double.IsNaN(v) || v == Math.Round(v));
        var observed = parsed.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).ToArray();
        var type = options.NumbersAsDouble ? NumberDataViewType.Double : NumberDataViewType.Single;
        var info = new TableColumnInfo(name, ColumnKind.Continuous, type, isInteger, [], observed.Min(), observed.Max(), null, null);
        return (info, new ContinuousColumn(name, parsed, isInteger));
    }
}
