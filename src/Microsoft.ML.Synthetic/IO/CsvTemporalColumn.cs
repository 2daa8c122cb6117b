using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.IO;

/// <summary>
/// CSV columns declared <see cref="CsvColumnType.DateTime"/>, <see cref="CsvColumnType.DateTimeOffset"/> or
/// <see cref="CsvColumnType.TimeSpan"/>: ISO 8601 text read into, and written from, the ML.NET types.
/// </summary>
internal static class CsvTemporalColumn
{
    /// <summary>The ISO 8601 forms a DateTime field may take (no offset: a clock time).</summary>
    private static readonly string[] DateTimeForms =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    /// <summary>The ISO 8601 forms a DateTimeOffset field may take: with an offset or Z, or without (then UTC).</summary>
    private static readonly string[] DateTimeOffsetForms =
        [.. DateTimeForms, "yyyy-MM-ddTHH:mmK", "yyyy-MM-dd HH:mmK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK"];

    /// <summary>How <see cref="CsvDataWriter"/> writes a DateTime (ISO 8601, trailing zero fractions dropped).</summary>
    public const string DateTimeFormat = "yyyy-MM-ddTHH:mm:ss.FFFFFFF";

    /// <summary>How <see cref="CsvDataWriter"/> writes a DateTimeOffset (with its offset).</summary>
    public const string DateTimeOffsetFormat = "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz";

    /// <summary>A declared column's fields (null for missing) as a continuous column of seconds (see <see cref="TemporalEncoding"/>).</summary>
    /// <exception cref="InvalidDataException">A field does not read as the declared type; the message names the file, line, column and value.</exception>
    public static (TableColumnInfo, TableColumn) Read(string name, int field, List<string?> values, List<int> lines, CsvColumnType declared, string source)
    {
        DataViewType type = declared switch
        {
            CsvColumnType.DateTime => DateTimeDataViewType.Instance,
            CsvColumnType.DateTimeOffset => DateTimeOffsetDataViewType.Instance,
            _ => TimeSpanDataViewType.Instance,
        };
        var builder = new TemporalColumnBuilder(TemporalEncoding.ForType(type)!);
        for (int row = 0; row < values.Count; row++)
        {
            var text = values[row]?.Trim();
            bool ok = true;
            if (text is null)
            {
                ok = declared != CsvColumnType.TimeSpan;
                builder.AddMissing();
            }
            else if (declared == CsvColumnType.DateTime && DateTime.TryParseExact(text, DateTimeForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
            {
                builder.AddClock(clock.Ticks);
            }
            else if (declared == CsvColumnType.DateTimeOffset && DateTimeOffset.TryParseExact(text, DateTimeOffsetForms, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                builder.AddInstant(instant);
            }
            else if (declared == CsvColumnType.TimeSpan && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var span))
            {
                builder.AddClock(span.Ticks);
            }
            else
            {
                ok = false;
            }

            if (!ok)
            {
                string expected = declared == CsvColumnType.TimeSpan ? "a duration ([-][d.]hh:mm:ss[.fffffff]; a duration cannot be missing)"
                    : declared == CsvColumnType.DateTime ? "an ISO 8601 date and time without offset (2024-05-01 or 2024-05-01T08:30:15)"
                    : "an ISO 8601 date and time (2024-05-01T08:30:15+02:00)";
                throw new InvalidDataException($"{source}, line {lines[row]}, column '{name}' (field {field + 1}): '{values[row]}' is not {expected}, but the column was declared {declared}. Fix the value or read the column as {nameof(CsvColumnType.Text)}.");
            }
        }

        return builder.Build(name, type, missingText: null, annotations: null);
    }
}
