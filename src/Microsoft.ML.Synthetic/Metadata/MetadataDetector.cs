using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Metadata;

/// <summary>
/// Detection of column kinds from a schema and a bounded scan of values (rules in Metadata/README.md). Only kinds,
/// formats and id patterns come out: no bound, category or other statistic of the data is kept.
/// </summary>
internal static class MetadataDetector
{
    public static TableMetadata Detect(IDataView data, MetadataDetectionOptions options)
    {
        var columns = data.Schema.Where(c => !c.IsHidden).ToArray();
        var scans = new Dictionary<int, ColumnScan>();
        var metadata = TableMetadata.Empty;
        var byType = new Dictionary<string, ColumnMetadata>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            switch (column.Type)
            {
                case BooleanDataViewType:
                    byType[column.Name] = ColumnMetadata.Boolean();
                    break;
                case KeyDataViewType:
                    byType[column.Name] = ColumnMetadata.Categorical();
                    break;
                case DateTimeDataViewType:
                    byType[column.Name] = ColumnMetadata.DateTime();
                    break;
                case DateTimeOffsetDataViewType:
                    byType[column.Name] = ColumnMetadata.DateTime(hasOffset: true);
                    break;
                case TimeSpanDataViewType:
                    byType[column.Name] = ColumnMetadata.Duration();
                    break;
                case NumberDataViewType:
                    scans[column.Index] = new NumberScan(column, options);
                    break;
                case TextDataViewType:
                    scans[column.Index] = new TextScan(column, options);
                    break;
                default:
                    throw new ArgumentException(
                        $"Column '{column.Name}' has type {column.Type}; metadata detection reads scalar number, text, key, Boolean, DateTime, DateTimeOffset and TimeSpan columns. Select the other columns first, or declare its metadata yourself with TableMetadata.With.",
                        nameof(data));
            }
        }

        Scan(data, scans.Values, options.MaxRowsScanned);
        foreach (var column in columns)
        {
            metadata = metadata.With(column.Name, scans.TryGetValue(column.Index, out var scan) ? scan.Result() : byType[column.Name]);
        }

        return metadata;
    }

    private static void Scan(IDataView data, ICollection<ColumnScan> scans, int maxRows)
    {
        if (scans.Count == 0)
        {
            return;
        }

        using var cursor = data.GetRowCursor(scans.Select(s => s.Column));
        var reads = scans.Select(s => s.Bind(cursor)).ToArray();
        for (int row = 0; row < maxRows && cursor.MoveNext(); row++)
        {
            foreach (var read in reads)
            {
                read();
            }
        }
    }

    private abstract class ColumnScan(DataViewSchema.Column column, MetadataDetectionOptions options)
    {
        public DataViewSchema.Column Column { get; } = column;

        protected MetadataDetectionOptions Options { get; } = options;

        public abstract Action Bind(DataViewRowCursor cursor);

        public abstract ColumnMetadata Result();
    }

    /// <summary>Numbers: integer when the type is or every scanned value is whole; an identifier when named like one and unique.</summary>
    private sealed class NumberScan(DataViewSchema.Column column, MetadataDetectionOptions options) : ColumnScan(column, options)
    {
        private readonly HashSet<double> _distinct = [];
        private bool _allWhole = true;
        private int _count;

        public override Action Bind(DataViewRowCursor cursor)
        {
            var read = AsDouble(cursor, Column);
            bool trackIds = TextPatterns.IsIdName(Column.Name);
            return () =>
            {
                double v = read();
                if (double.IsNaN(v))
                {
                    return;
                }

                _count++;
                _allWhole &= double.IsFinite(v) && Math.Floor(v) == v;
                if (trackIds && _allWhole)
                {
                    _distinct.Add(v);
                }
            };
        }

        public override ColumnMetadata Result()
        {
            bool integer = _count > 0 && _allWhole;
            return integer && TextPatterns.IsIdName(Column.Name) && _count >= Options.MinIdentifierRows && _distinct.Count == _count
                ? ColumnMetadata.Identifier()
                : ColumnMetadata.Numerical(isInteger: integer || MetadataValidator.IsIntegerType(Column.Type));
        }

        private static Func<double> AsDouble(DataViewRowCursor cursor, DataViewSchema.Column column)
        {
            var raw = column.Type.RawType;
            return raw == typeof(float) ? Read<float>(cursor, column, v => v)
                : raw == typeof(double) ? Read<double>(cursor, column, v => v)
                : raw == typeof(sbyte) ? Read<sbyte>(cursor, column, v => v)
                : raw == typeof(byte) ? Read<byte>(cursor, column, v => v)
                : raw == typeof(short) ? Read<short>(cursor, column, v => v)
                : raw == typeof(ushort) ? Read<ushort>(cursor, column, v => v)
                : raw == typeof(int) ? Read<int>(cursor, column, v => v)
                : raw == typeof(uint) ? Read<uint>(cursor, column, v => v)
                : raw == typeof(long) ? Read<long>(cursor, column, v => v)
                : Read<ulong>(cursor, column, v => v);
        }

        private static Func<double> Read<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, double> convert)
        {
            var getter = cursor.GetGetter<T>(column);
            T value = default!;
            return () =>
            {
                getter(ref value);
                return convert(value);
            };
        }
    }

    /// <summary>Text: e-mail or phone PII, ISO dates, unique id-like identifiers, else categorical.</summary>
    private sealed class TextScan(DataViewSchema.Column column, MetadataDetectionOptions options) : ColumnScan(column, options)
    {
        private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);
        private int _count;
        private int _emails;
        private int _phones;
        private bool _allIdLike = true;
        private string? _dateFormat;
        private bool _allDates = true;

        public override Action Bind(DataViewRowCursor cursor)
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(Column);
            ReadOnlyMemory<char> value = default;
            return () =>
            {
                getter(ref value);
                var trimmed = value.Span.Trim();
                if (trimmed.IsEmpty || Options.MissingTokens.Contains(trimmed.ToString()))
                {
                    return;
                }

                Add(trimmed.ToString());
            };
        }

        private void Add(string text)
        {
            _count++;
            _distinct.Add(text);
            _emails += TextPatterns.IsEmail(text) ? 1 : 0;
            _phones += TextPatterns.IsPhone(text) ? 1 : 0;
            _allIdLike &= TextPatterns.IsIdLike(text);
            if (_allDates)
            {
                _dateFormat ??= TextPatterns.DateFormatOf(text);
                _allDates = _dateFormat is not null && TextPatterns.IsDate(text, _dateFormat);
            }
        }

        public override ColumnMetadata Result()
        {
            if (_count == 0)
            {
                return ColumnMetadata.Categorical();
            }

            if (_allDates)
            {
                return ColumnMetadata.DateTime(TextPatterns.HasOffset(_dateFormat!), _dateFormat);
            }

            if (_emails >= Options.PiiShare * _count)
            {
                return ColumnMetadata.Pii(PiiType.Email);
            }

            if (_phones >= Options.PiiShare * _count)
            {
                return ColumnMetadata.Pii(PiiType.Phone);
            }

            return _allIdLike && _count >= Options.MinIdentifierRows && _distinct.Count == _count
                ? ColumnMetadata.Identifier(TextPatterns.PatternOf(_distinct))
                : ColumnMetadata.Categorical();
        }
    }
}
