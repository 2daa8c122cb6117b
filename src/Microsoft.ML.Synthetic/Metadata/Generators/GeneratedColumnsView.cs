using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Metadata.Generators;

/// <summary>
/// A lazy <see cref="IDataView"/> over blocks of the user's table whose generated text columns have their own values
/// (categories) in each block: the getters are rebuilt from each block's schema, so only the block under a cursor is in
/// memory. Used by <see cref="GeneratedColumnsStep.CreateStreamingView"/>.
/// </summary>
internal sealed class GeneratedColumnsView : IDataView
{
    private readonly long _rowCount;
    private readonly int _blockSize;
    private readonly Func<long, int, TabularData> _generateBlock;

    public GeneratedColumnsView(DataViewSchema schema, long rowCount, int blockSize, Func<long, int, TabularData> generateBlock)
    {
        Schema = schema;
        _rowCount = rowCount;
        _blockSize = blockSize;
        _generateBlock = generateBlock;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = new bool[Schema.Count];
        foreach (var c in columnsNeeded)
        {
            active[c.Index] = true;
        }

        return new Cursor(this, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(GeneratedColumnsView view, bool[] active) : DataViewRowCursor
    {
        private readonly Delegate?[] _getters = new Delegate?[view.Schema.Count];
        private long _position = -1;
        private long _blockIndex = -1;
        private int _rowInBlock;
        private TabularData? _block;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public override bool MoveNext()
        {
            if (_position + 1 >= view._rowCount)
            {
                _position = view._rowCount;
                _block = null;
                return false;
            }

            _position++;
            long block = _position / view._blockSize;
            if (block != _blockIndex)
            {
                int rows = (int)Math.Min(view._blockSize, view._rowCount - (block * view._blockSize));
                var data = view._generateBlock(block, rows);
                if (data.RowCount != rows || data.Columns.Count != Schema.Count)
                {
                    throw new InvalidOperationException($"Block {block} has {data.RowCount} rows and {data.Columns.Count} columns; {rows} rows and {Schema.Count} columns were expected.");
                }

                _block = data;
                _blockIndex = block;
                for (int i = 0; i < _getters.Length; i++)
                {
                    _getters[i] = active[i] ? ColumnValueWriter.CreateGetter(data.Schema.Columns[i], i, () => _block!, () => _rowInBlock) : null;
                }
            }

            _rowInBlock = (int)(_position - (block * view._blockSize));
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!active[column.Index])
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor.");
            }

            if (column.Type.RawType != typeof(TValue))
            {
                throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
            }

            int index = column.Index;
            return (ref TValue value) =>
            {
                var getter = _getters[index] as ValueGetter<TValue>
                    ?? throw new InvalidOperationException($"Column '{column.Name}' has no value before MoveNext.");
                getter(ref value);
            };
        }
    }
}
