using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;

/// <summary>
/// What one cursor pass over a streamed training source learns: the schema of the whole table (categories merged
/// across blocks, in ordinal order as a whole read gives them; numeric ranges), exact counts of every category and of
/// missing values, each continuous column's range and whether every value was whole, the row and block counts, and a
/// seeded uniform reservoir sample of rows (Vitter 1985, "Random sampling with a reservoir", Algorithm R: row t ≥ R
/// replaces a uniformly chosen kept row with probability R/(t+1)). Nothing else of the table is kept.
/// </summary>
internal sealed class StreamSummary
{
    private readonly ColumnSummary[] _columns;

    private StreamSummary(ColumnSummary[] columns, long rows, int blocks, int blockRows, TabularSchema schema)
    {
        _columns = columns;
        RowCount = rows;
        BlockCount = blocks;
        BlockRows = blockRows;
        Schema = schema;
        Reservoir = new TabularData(schema, columns.Select(c => c.ReservoirColumn(schema.Columns[c.Index])).ToArray());
    }

    /// <summary>The schema of the whole table.</summary>
    public TabularSchema Schema { get; }

    /// <summary>Rows in the source.</summary>
    public long RowCount { get; }

    /// <summary>Blocks of <see cref="BlockRows"/> rows (the last may be shorter).</summary>
    public int BlockCount { get; }

    /// <summary>Rows per block.</summary>
    public int BlockRows { get; }

    /// <summary>The reservoir sample, in the schema of the whole table (every row, in order, when the table has at most the reservoir's size).</summary>
    public TabularData Reservoir { get; }

    /// <summary>Whether the reservoir holds every row of the source (in source order).</summary>
    public bool ReservoirIsWhole => Reservoir.RowCount == RowCount;

    /// <summary>The exact count of each category of categorical column <paramref name="column"/> (schema codes).</summary>
    public long[] CategoryCounts(int column) => _columns[column].CategoryCountsByCode(Schema.Columns[column]);

    /// <summary>The exact number of missing values of column <paramref name="column"/>.</summary>
    public long MissingCount(int column) => _columns[column].Missing;

    /// <summary>The exact number of observed values of column <paramref name="column"/>.</summary>
    public long ObservedCount(int column) => RowCount - _columns[column].Missing;

    /// <summary>Whether every observed value of continuous column <paramref name="column"/> is a whole number.</summary>
    public bool AllWhole(int column) => _columns[column].AllWhole;

    /// <summary>The exact mean of continuous column <paramref name="column"/>'s observed values.</summary>
    public double Mean(int column) => _columns[column].Sum / ObservedCount(column);

    /// <summary>Reads every block of <paramref name="reader"/> once.</summary>
    /// <exception cref="ArgumentException">The source has no rows, or a date/time column (not streamed).</exception>
    public static StreamSummary Collect(BlockReader reader, int blockRows, int reservoirRows, int seed, CancellationToken cancellation)
    {
        ColumnSummary[]? columns = null;
        var random = new Random(seed);
        long rows = 0;
        int blocks = 0;
        int[] slots = [];
        foreach (var (_, block) in reader.Read(cancellation: cancellation))
        {
            columns ??= block.Schema.Columns.Select((info, i) => ColumnSummary.Create(i, info)).ToArray();
            if (block.Columns.Count != columns.Length)
            {
                throw new InvalidDataException($"Block {blocks} of the source has {block.Columns.Count} columns; the first had {columns.Length}.");
            }

            // Algorithm R: the slot each row of the block takes in the reservoir (-1: not kept).
            if (slots.Length < block.RowCount)
            {
                slots = new int[block.RowCount];
            }

            for (int r = 0; r < block.RowCount; r++)
            {
                long t = rows + r;
                slots[r] = t < reservoirRows ? (int)t : random.NextInt64(t + 1) is var j && j < reservoirRows ? (int)j : -1;
            }

            for (int c = 0; c < columns.Length; c++)
            {
                columns[c].Add(block.Columns[c], block.Schema.Columns[c], slots.AsSpan(0, block.RowCount));
            }

            rows += block.RowCount;
            blocks++;
        }

        if (columns is null || rows == 0)
        {
            throw new ArgumentException("The training data has no rows; a synthesizer needs at least one row to learn from.", nameof(reader));
        }

        var schema = new TabularSchema(columns.Select(c => c.Info()).ToArray());
        return new StreamSummary(columns, rows, blocks, blockRows, schema);
    }

    /// <summary><paramref name="block"/> restated in the schema of the whole table (category codes mapped to its categories).</summary>
    public TabularData Restate(TabularData block) =>
        new(Schema, block.Columns.Select((column, i) => _columns[i].Restate(column, Schema.Columns[i])).ToArray());

    /// <summary>What the pass keeps of one column.</summary>
    private abstract class ColumnSummary(int index, TableColumnInfo first)
    {
        public int Index { get; } = index;

        protected TableColumnInfo First { get; } = first;

        public long Missing { get; protected set; }

        public virtual bool AllWhole => false;

        public virtual double Sum => double.NaN;

        public static ColumnSummary Create(int index, TableColumnInfo info)
        {
            if (info.Temporal is not null)
            {
                throw new ArgumentException($"Column '{info.Name}' is a date, time or duration column; streamed training reads number, text, key and Boolean columns only. Convert it to a number of seconds first, or train in memory (leave {nameof(DeepSynthesizerOptions.Streaming)} null).");
            }

            return info.Kind == ColumnKind.Continuous ? new Continuous(index, info) : new Categorical(index, info);
        }

        public abstract void Add(TableColumn column, TableColumnInfo info, ReadOnlySpan<int> slots);

        public abstract TableColumnInfo Info();

        public abstract TableColumn ReservoirColumn(TableColumnInfo info);

        public abstract TableColumn Restate(TableColumn column, TableColumnInfo info);

        public virtual long[] CategoryCountsByCode(TableColumnInfo info) => throw new InvalidOperationException($"Column '{info.Name}' is not categorical.");

        protected static void Keep<T>(List<T> reservoir, int slot, T value)
        {
            if (slot == reservoir.Count)
            {
                reservoir.Add(value);
            }
            else
            {
                reservoir[slot] = value;
            }
        }
    }

    private sealed class Continuous(int index, TableColumnInfo first) : ColumnSummary(index, first)
    {
        private readonly List<double> _reservoir = [];
        private double _min = double.NaN, _max = double.NaN, _sum;
        private bool _whole = true;

        public override bool AllWhole => _whole;

        public override double Sum => _sum;

        public override void Add(TableColumn column, TableColumnInfo info, ReadOnlySpan<int> slots)
        {
            var values = ((ContinuousColumn)column).Values;
            for (int r = 0; r < values.Length; r++)
            {
                double v = values[r];
                if (double.IsNaN(v))
                {
                    Missing++;
                }
                else
                {
                    _min = double.IsNaN(_min) || v < _min ? v : _min;
                    _max = double.IsNaN(_max) || v > _max ? v : _max;
                    _sum += v;
                    _whole &= v == Math.Round(v);
                }

                if (slots[r] >= 0)
                {
                    Keep(_reservoir, slots[r], v);
                }
            }
        }

        public override TableColumnInfo Info() =>
            new(First.Name, ColumnKind.Continuous, First.OriginalType, First.IsInteger, [], _min, _max, null, First.OriginalAnnotations);

        public override TableColumn ReservoirColumn(TableColumnInfo info) => new ContinuousColumn(info.Name, [.. _reservoir], info.IsInteger);

        public override TableColumn Restate(TableColumn column, TableColumnInfo info) => column;
    }

    private sealed class Categorical(int index, TableColumnInfo first) : ColumnSummary(index, first)
    {
        private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
        private readonly List<string?> _reservoir = [];
        private readonly bool _fixed = first.OriginalType is KeyDataViewType or BooleanDataViewType;
        private string? _missingText;
        private Dictionary<string, int>? _codeOf;

        public override void Add(TableColumn column, TableColumnInfo info, ReadOnlySpan<int> slots)
        {
            var c = (CategoricalColumn)column;
            var counts = c.CountByCategory();
            for (int k = 0; k < counts.Length; k++)
            {
                if (counts[k] > 0 || _fixed)
                {
                    _counts[c.Categories[k]] = _counts.GetValueOrDefault(c.Categories[k]) + counts[k];
                }
            }

            _missingText ??= info.MissingText;
            for (int r = 0; r < c.Codes.Length; r++)
            {
                int code = c.Codes[r];
                if (code < 0)
                {
                    Missing++;
                }

                if (slots[r] >= 0)
                {
                    Keep(_reservoir, slots[r], code < 0 ? null : c.Categories[code]);
                }
            }
        }

        /// <summary>The categories of the whole table: a key's or Boolean's fixed list, else every text seen in ordinal order.</summary>
        private IReadOnlyList<string> Categories() =>
            _fixed ? First.Categories : _counts.Keys.Order(StringComparer.Ordinal).ToArray();

        public override TableColumnInfo Info() =>
            new(First.Name, ColumnKind.Categorical, First.OriginalType, false, Categories(), double.NaN, double.NaN, _missingText, First.OriginalAnnotations);

        private Dictionary<string, int> CodeOf(TableColumnInfo info)
        {
            if (_codeOf is null)
            {
                _codeOf = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int k = 0; k < info.Categories.Count; k++)
                {
                    _codeOf[info.Categories[k]] = k;
                }
            }

            return _codeOf;
        }

        public override long[] CategoryCountsByCode(TableColumnInfo info)
        {
            var counts = new long[info.Categories.Count];
            for (int k = 0; k < counts.Length; k++)
            {
                counts[k] = _counts.GetValueOrDefault(info.Categories[k]);
            }

            return counts;
        }

        public override TableColumn ReservoirColumn(TableColumnInfo info)
        {
            var codeOf = CodeOf(info);
            return new CategoricalColumn(info.Name, _reservoir.Select(t => t is null ? -1 : codeOf[t]).ToArray(), info.Categories);
        }

        public override TableColumn Restate(TableColumn column, TableColumnInfo info)
        {
            var c = (CategoricalColumn)column;
            var codeOf = CodeOf(info);
            var map = c.Categories.Select(t => codeOf.TryGetValue(t, out int k) ? k
                : throw new InvalidDataException($"Column '{info.Name}' has category '{t}', which the first pass over the source did not see: the source changed between passes.")).ToArray();
            var codes = new int[c.Codes.Length];
            for (int r = 0; r < codes.Length; r++)
            {
                codes[r] = c.Codes[r] < 0 ? -1 : map[c.Codes[r]];
            }

            return new CategoricalColumn(info.Name, codes, info.Categories);
        }
    }
}
