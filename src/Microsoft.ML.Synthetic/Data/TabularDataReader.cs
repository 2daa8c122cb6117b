using System.Globalization;
using System.Numerics;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>Reads an <see cref="IDataView"/> into a <see cref="TabularData"/> in one cursor pass.</summary>
internal static partial class TabularDataReader
{
    /// <summary>
    /// The most values a key column may have (2^20): each becomes a category with a text, so a 31-bit <c>Hash</c> key
    /// (2^31 values) would ask for billions of them.
    /// </summary>
    public const ulong MaxKeyCount = 1UL << 20;

    public static TabularData Read(IDataView data, TabularDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = SelectColumns(data.Schema, options);
        var sinks = columns.Select(c => TemporalOf(c, options) is { } temporal && Kind(c, options) == ColumnKind.Continuous
            ? new TemporalSink(c, options, temporal)
            : ColumnSink.Create(c, Kind(c, options), options)).ToArray();
        using (var cursor = data.GetRowCursor(columns))
        {
            var readers = sinks.Select(s => s.Bind(cursor)).ToArray();
            int row = 0;
            while (cursor.MoveNext())
            {
                foreach (var read in readers)
                {
                    read(row);
                }

                row++;
            }
        }

        var built = sinks.Select(s => s.Build()).ToArray();
        var schema = new TabularSchema(built.Select(b => b.Info).ToArray());
        return new TabularData(schema, built.Select(b => b.Column).ToArray());
    }

    private static DataViewSchema.Column[] SelectColumns(DataViewSchema schema, TabularDataOptions options)
    {
        var selected = options.Columns is null
            ? schema.Where(c => !c.IsHidden).ToArray()
            : options.Columns.Select(name => schema.GetColumnOrNull(name)
                ?? throw new ArgumentException($"Column '{name}' is not in the data. Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.", nameof(options))).ToArray();
        foreach (var c in selected)
        {
            if (!DataViewTypeCodes.IsSupported(c.Type))
            {
                throw new ArgumentException($"Column '{c.Name}' has type {c.Type}; SyntheticML reads scalar number, text, key, Boolean, DateTime, DateTimeOffset and TimeSpan columns. Convert the column or leave it out with {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Columns)}.", nameof(schema));
            }

            if (c.Type is KeyDataViewType key && key.Count > MaxKeyCount)
            {
                throw new ArgumentException($"Column '{c.Name}' is a key with {key.Count:N0} possible values; SyntheticML reads key columns of at most {MaxKeyCount:N0} values (each value becomes a category). Hash with numberOfBits ≤ {BitOperations.Log2(MaxKeyCount)}, map the key back to its value (MapKeyToValue), or leave the column out with {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Columns)}.", nameof(schema));
            }
        }

        foreach (var name in options.ColumnKinds.Keys)
        {
            if (!selected.Any(c => c.Name == name))
            {
                throw new ArgumentException($"{nameof(TabularDataOptions.ColumnKinds)} names column '{name}', which is not among the columns read.", nameof(options));
            }
        }

        return selected;
    }

    private static ColumnKind Kind(DataViewSchema.Column column, TabularDataOptions options)
    {
        if (options.ColumnKinds.TryGetValue(column.Name, out var kind))
        {
            if (kind == ColumnKind.Continuous && (column.Type is KeyDataViewType || column.Type is BooleanDataViewType))
            {
                throw new ArgumentException($"Column '{column.Name}' has type {column.Type}, which cannot be continuous.", nameof(options));
            }

            if (kind == ColumnKind.Categorical && TemporalEncoding.ForType(column.Type) is not null)
            {
                throw new ArgumentException($"Column '{column.Name}' has type {column.Type}, which is read as a continuous column of seconds and cannot be categorical. Remove it from {nameof(TabularDataOptions.ColumnKinds)}, or convert it to text first.", nameof(options));
            }

            return kind;
        }

        if (DeclaredKind(column, options) is { } declared)
        {
            return declared;
        }

        return column.Type is NumberDataViewType || TemporalOf(column, options) is not null ? ColumnKind.Continuous : ColumnKind.Categorical;
    }

    /// <summary>
    /// The kind <see cref="TabularDataOptions.Metadata"/> declares for the column (numerical → continuous; categorical
    /// and Boolean → categorical), or null when it declares none of those (dates, identifiers and PII are read elsewhere).
    /// An explicit <see cref="TabularDataOptions.ColumnKinds"/> entry wins over the metadata.
    /// </summary>
    private static ColumnKind? DeclaredKind(DataViewSchema.Column column, TabularDataOptions options)
    {
        if (options.Metadata is null || !options.Metadata.TryGetColumn(column.Name, out var declared))
        {
            return null;
        }

        switch (declared.Kind)
        {
            case MetadataKind.Numerical:
                if (column.Type is KeyDataViewType || column.Type is BooleanDataViewType || TemporalEncoding.ForType(column.Type) is not null)
                {
                    throw new ArgumentException($"Column '{column.Name}' has type {column.Type} but is declared numerical in {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Metadata)}; a {column.Type} column cannot be read as numbers. Declare it as its own kind, or convert the column.", nameof(options));
                }

                return ColumnKind.Continuous;
            case MetadataKind.Categorical or MetadataKind.Boolean:
                if (TemporalEncoding.ForType(column.Type) is not null)
                {
                    throw new ArgumentException($"Column '{column.Name}' has type {column.Type}, which is read as a continuous column of seconds, but is declared {declared.Kind.ToString().ToLowerInvariant()} in {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.Metadata)}. Declare it DateTime or Duration, or convert it to text first.", nameof(options));
                }

                return ColumnKind.Categorical;
            default:
                return null;
        }
    }

    private readonly record struct BuiltColumn(TableColumnInfo Info, TableColumn Column);

    /// <summary>Collects one column's values during the cursor pass.</summary>
    private abstract class ColumnSink(DataViewSchema.Column column, TabularDataOptions options)
    {
        protected DataViewSchema.Column Column { get; } = column;

        protected TabularDataOptions Options { get; } = options;

        public static ColumnSink Create(DataViewSchema.Column column, ColumnKind kind, TabularDataOptions options) =>
            kind == ColumnKind.Continuous ? new ContinuousSink(column, options) : new CategoricalSink(column, options);

        public abstract Action<int> Bind(DataViewRowCursor cursor);

        public abstract BuiltColumn Build();

        /// <summary>A getter that reads any supported numeric type as a double.</summary>
        protected static Func<double> NumberGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
        {
            var raw = column.Type.RawType;
            if (raw == typeof(float)) { var g = cursor.GetGetter<float>(column); float v = 0; return () => { g(ref v); return v; }; }
            if (raw == typeof(double)) { var g = cursor.GetGetter<double>(column); double v = 0; return () => { g(ref v); return v; }; }
            if (raw == typeof(sbyte)) { var g = cursor.GetGetter<sbyte>(column); sbyte v = 0; return () => { g(ref v); return v; }; }
            if (raw == typeof(byte)) { var g = cursor.GetGetter<byte>(column); byte v = 0; return () => { g(ref v); return v; }; }
            if (raw == typeof(short)) { var g = cursor.GetGetter<short>(column); short v = 0; return () => { g(ref v); return v; }; }
            if (raw == typeof(ushort)) { var g = cursor.GetGetter<ushort>(column); ushort v = 0; return () => { g(ref v); return v; }; }
            if (raw == typeof(int)) { var g = cursor.GetGetter<int>(column); int v = 0; return () => { g(ref v); return v; }; }
            if (raw == typeof(uint)) { var g = cursor.GetGetter<uint>(column); uint v = 0; return () => { g(ref v); return v; }; }
            if (raw == typeof(long)) { var g = cursor.GetGetter<long>(column); long v = 0; return () => { g(ref v); return v; }; }
            if (raw == typeof(ulong)) { var g = cursor.GetGetter<ulong>(column); ulong v = 0; return () => { g(ref v); return v; }; }
            throw new NotSupportedException($"Column '{column.Name}' has type {column.Type}, which is not a number type.");
        }

        /// <summary>Whether the text is a missing value: empty, white space, or a missing token (trimmed).</summary>
        protected bool IsMissingText(ReadOnlySpan<char> text)
        {
            var trimmed = text.Trim();
            if (trimmed.IsEmpty)
            {
                return true;
            }

            foreach (var token in Options.MissingTokens)
            {
                if (trimmed.SequenceEqual(token.AsSpan().Trim()))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class ContinuousSink(DataViewSchema.Column column, TabularDataOptions options) : ColumnSink(column, options)
    {
        private readonly List<double> _values = [];
        private readonly Dictionary<string, int> _missingTexts = new(StringComparer.Ordinal);

        public override Action<int> Bind(DataViewRowCursor cursor)
        {
            if (Column.Type is TextDataViewType)
            {
                var getter = cursor.GetGetter<ReadOnlyMemory<char>>(Column);
                ReadOnlyMemory<char> text = default;
                return row =>
                {
                    getter(ref text);
                    var span = text.Span;
                    if (IsMissingText(span))
                    {
                        var raw = span.ToString();
                        _missingTexts[raw] = _missingTexts.GetValueOrDefault(raw) + 1;
                        _values.Add(double.NaN);
                        return;
                    }

                    if (!double.TryParse(span.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    {
                        throw new FormatException($"Column '{Column.Name}' was declared continuous, but row {row} holds '{span.ToString()}', which is not a number.");
                    }

                    Add(v, row);
                };
            }

            var number = NumberGetter(cursor, Column);
            return row => Add(number(), row);
        }

        private void Add(double v, int row)
        {
            if (double.IsInfinity(v))
            {
                throw new ArgumentException($"Column '{Column.Name}' holds {v} at row {row}; infinite values cannot be modelled. Replace or remove them first.");
            }

            if (double.IsNaN(v) && !Options.AllowNaN)
            {
                throw new ArgumentException($"Column '{Column.Name}' holds NaN at row {row}, and {nameof(TabularDataOptions)}.{nameof(TabularDataOptions.AllowNaN)} is false.");
            }

            _values.Add(v);
        }

        public override BuiltColumn Build()
        {
            var values = _values.ToArray();
            double min = double.NaN, max = double.NaN;
            foreach (var v in values)
            {
                if (double.IsNaN(v))
                {
                    continue;
                }

                if (!(v >= min))
                {
                    min = v;
                }

                if (!(v <= max))
                {
                    max = v;
                }
            }

            bool isInteger = DataViewTypeCodes.IsInteger(Column.Type)
                || (Column.Type is TextDataViewType && values.All(v => double.IsNaN(v) || v == Math.Round(v)));
            var missingText = _missingTexts.Count == 0 ? null : _missingTexts.MaxBy(p => p.Value).Key;
            var info = new TableColumnInfo(Column.Name, ColumnKind.Continuous, Column.Type, isInteger, [], min, max,
                missingText, Column.Annotations);
            return new BuiltColumn(info, new ContinuousColumn(Column.Name, values, isInteger));
        }
    }

    private sealed class CategoricalSink(DataViewSchema.Column column, TabularDataOptions options) : ColumnSink(column, options)
    {
        private readonly List<int> _codes = [];
        private readonly Dictionary<string, int> _provisional = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _missingTexts = new(StringComparer.Ordinal);
        private string[]? _fixedCategories;

        public override Action<int> Bind(DataViewRowCursor cursor)
        {
            switch (Column.Type)
            {
                case KeyDataViewType key:
                    _fixedCategories = KeyValues(key);
                    var keyGetter = KeyGetter(cursor, key);
                    return _ => _codes.Add((int)keyGetter() - 1);
                case BooleanDataViewType:
                    _fixedCategories = [bool.FalseString, bool.TrueString];
                    var boolGetter = cursor.GetGetter<bool>(Column);
                    bool b = false;
                    return _ =>
                    {
                        boolGetter(ref b);
                        _codes.Add(b ? 1 : 0);
                    };
                case TextDataViewType:
                    var textGetter = cursor.GetGetter<ReadOnlyMemory<char>>(Column);
                    ReadOnlyMemory<char> text = default;
                    var lookup = _provisional.GetAlternateLookup<ReadOnlySpan<char>>();
                    return _ =>
                    {
                        textGetter(ref text);
                        var span = text.Span;
                        if (IsMissingText(span))
                        {
                            var raw = span.ToString();
                            _missingTexts[raw] = _missingTexts.GetValueOrDefault(raw) + 1;
                            _codes.Add(-1);
                            return;
                        }

                        if (Options.TrimStrings)
                        {
                            span = span.Trim();
                        }

                        if (!lookup.TryGetValue(span, out var code))
                        {
                            code = _provisional.Count;
                            lookup[span] = code;
                        }

                        _codes.Add(code);
                    };
                default:
                    var number = NumberGetter(cursor, Column);
                    return _ =>
                    {
                        double v = number();
                        if (double.IsNaN(v))
                        {
                            _codes.Add(-1);
                            return;
                        }

                        var s = Column.Type.RawType == typeof(float)
                            ? ((float)v).ToString("R", CultureInfo.InvariantCulture)
                            : v.ToString("R", CultureInfo.InvariantCulture);
                        if (!_provisional.TryGetValue(s, out var code))
                        {
                            code = _provisional.Count;
                            _provisional[s] = code;
                        }

                        _codes.Add(code);
                    };
            }
        }

        private Func<ulong> KeyGetter(DataViewRowCursor cursor, KeyDataViewType key)
        {
            if (key.RawType == typeof(byte)) { var g = cursor.GetGetter<byte>(Column); byte v = 0; return () => { g(ref v); return v; }; }
            if (key.RawType == typeof(ushort)) { var g = cursor.GetGetter<ushort>(Column); ushort v = 0; return () => { g(ref v); return v; }; }
            var g32 = cursor.GetGetter<uint>(Column);
            uint v32 = 0;
            return () => { g32(ref v32); return v32; };
        }

        /// <summary>The key's values as text (its KeyValues annotation), or "1".."n" when it has none.</summary>
        private string[] KeyValues(KeyDataViewType key)
        {
            int count = checked((int)key.Count);
            var annotation = Column.Annotations.Schema.GetColumnOrNull("KeyValues");
            if (annotation?.Type is VectorDataViewType { ItemType: TextDataViewType })
            {
                VBuffer<ReadOnlyMemory<char>> values = default;
                Column.Annotations.GetValue("KeyValues", ref values);
                var dense = values.DenseValues().Select(v => v.ToString()).ToArray();
                if (dense.Length == count)
                {
                    return dense;
                }
            }

            return Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        }

        public override BuiltColumn Build()
        {
            var codes = _codes.ToArray();
            string[] categories;
            if (_fixedCategories is not null)
            {
                categories = _fixedCategories;
            }
            else
            {
                // Categories in ordinal order, so the same rows in any order give the same codes.
                var byText = _provisional.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
                categories = byText.Select(p => p.Key).ToArray();
                var remap = new int[byText.Length];
                for (int i = 0; i < byText.Length; i++)
                {
                    remap[byText[i].Value] = i;
                }

                for (int i = 0; i < codes.Length; i++)
                {
                    if (codes[i] >= 0)
                    {
                        codes[i] = remap[codes[i]];
                    }
                }
            }

            var missingText = _missingTexts.Count == 0 ? null : _missingTexts.MaxBy(p => p.Value).Key;
            var info = new TableColumnInfo(Column.Name, ColumnKind.Categorical, Column.Type, false, categories,
                double.NaN, double.NaN, missingText, Column.Annotations);
            return new BuiltColumn(info, new CategoricalColumn(Column.Name, codes, categories));
        }
    }
}
