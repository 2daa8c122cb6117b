using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>Reading date, time and duration columns as continuous columns of seconds (see <see cref="TemporalEncoding"/>).</summary>
internal static partial class TabularDataReader
{
    /// <summary>
    /// The encoding a column is read with: DateTime, DateTimeOffset and TimeSpan columns by their type; a text column
    /// declared <see cref="ColumnMetadata.DateTime"/> with a format in <see cref="TabularDataOptions.Metadata"/> as text in
    /// that format; null for any other column.
    /// </summary>
    private static TemporalEncoding? TemporalOf(DataViewSchema.Column column, TabularDataOptions options)
    {
        if (TemporalEncoding.ForType(column.Type) is { } typed)
        {
            return typed;
        }

        if (column.Type is not TextDataViewType || options.Metadata is null || !options.Metadata.TryGetColumn(column.Name, out var declared))
        {
            return null;
        }

        if (declared.Kind == MetadataKind.Duration)
        {
            throw new ArgumentException($"Column '{column.Name}' is text declared a duration; SyntheticML reads durations from TimeSpan columns only. Convert the text to TimeSpan first, or declare the column differently in {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Metadata)}.", nameof(options));
        }

        if (declared.Kind != MetadataKind.DateTime)
        {
            return null;
        }

        if (declared.Format is not { } format)
        {
            throw new ArgumentException($"Column '{column.Name}' is text declared a date and time without a format; declare it with ColumnMetadata.DateTime(format: \"yyyy-MM-dd\") (a .NET custom format, invariant culture) in {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Metadata)}.", nameof(options));
        }

        bool offset = declared.HasOffset || format.Contains('K', StringComparison.Ordinal) || format.Contains('z', StringComparison.Ordinal);
        return new TemporalEncoding(offset ? TemporalSource.TextWithOffset : TemporalSource.Text, 1, TimeSpan.Zero, format);
    }

    /// <summary>
    /// Collects a date, time or duration column as seconds. Missing: <c>default(DateTime)</c> and
    /// <c>default(DateTimeOffset)</c> (0001-01-01T00:00:00, what ML.NET reads for an empty field) and, for text, empty
    /// text or a missing token; a TimeSpan is never missing (zero is a duration).
    /// </summary>
    private sealed class TemporalSink(DataViewSchema.Column column, TabularDataOptions options, TemporalEncoding encoding)
        : ColumnSink(column, options)
    {
        private readonly TemporalColumnBuilder _builder = new(encoding);
        private readonly Dictionary<string, int> _missingTexts = new(StringComparer.Ordinal);

        public override Action<int> Bind(DataViewRowCursor cursor)
        {
            switch (encoding.Source)
            {
                case TemporalSource.DateTime:
                    var dateGetter = cursor.GetGetter<DateTime>(Column);
                    DateTime date = default;
                    return _ =>
                    {
                        dateGetter(ref date);
                        if (date == default) _builder.AddMissing();
                        else _builder.AddClock(date.Ticks);
                    };
                case TemporalSource.DateTimeOffset:
                    var offsetGetter = cursor.GetGetter<DateTimeOffset>(Column);
                    DateTimeOffset instant = default;
                    return _ =>
                    {
                        offsetGetter(ref instant);
                        if (instant == default) _builder.AddMissing();
                        else _builder.AddInstant(instant);
                    };
                case TemporalSource.TimeSpan:
                    var spanGetter = cursor.GetGetter<TimeSpan>(Column);
                    TimeSpan span = default;
                    return _ =>
                    {
                        spanGetter(ref span);
                        _builder.AddClock(span.Ticks);
                    };
                default:
                    var textGetter = cursor.GetGetter<ReadOnlyMemory<char>>(Column);
                    ReadOnlyMemory<char> text = default;
                    return row =>
                    {
                        textGetter(ref text);
                        ReadText(text.Span, row);
                    };
            }
        }

        private void ReadText(ReadOnlySpan<char> span, int row)
        {
            if (IsMissingText(span))
            {
                var raw = span.ToString();
                _missingTexts[raw] = _missingTexts.GetValueOrDefault(raw) + 1;
                _builder.AddMissing();
                return;
            }

            var trimmed = span.Trim();
            if (encoding.Source == TemporalSource.TextWithOffset
                && DateTimeOffset.TryParseExact(trimmed, encoding.Format!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                _builder.AddInstant(instant);
            }
            else if (encoding.Source == TemporalSource.Text
                && DateTime.TryParseExact(trimmed, encoding.Format!, CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
            {
                _builder.AddClock(clock.Ticks);
            }
            else
            {
                throw new FormatException($"Column '{Column.Name}' was declared a date and time in the format '{encoding.Format}', but row {row} holds '{span.ToString()}', which does not read in that format (invariant culture). Fix the value, add it to {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.MissingTokens)}, or declare the format the column uses.");
            }
        }

        public override BuiltColumn Build()
        {
            var missingText = _missingTexts.Count == 0 ? null : _missingTexts.MaxBy(p => p.Value).Key;
            var (info, column) = _builder.Build(Column.Name, Column.Type, missingText, Column.Annotations);
            return new BuiltColumn(info, column);
        }
    }
}
