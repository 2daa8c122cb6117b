using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>
/// A lazy <see cref="IDataView"/> over tables produced block by block, with the source schema. Only the block
/// under a cursor is in memory.
/// </summary>
internal sealed class TabularDataView : IDataView
{
    private readonly TabularSchema _schema;
    private readonly long _rowCount;
    private readonly int _blockSize;
    private readonly Func<long, int, TabularData> _generateBlock;

    public TabularDataView(TabularSchema schema, long rowCount, int blockSize, Func<long, int, TabularData> generateBlock)
    {
        _schema = schema;
        _rowCount = rowCount;
        _blockSize = blockSize;
        _generateBlock = generateBlock;
        Schema = schema.ToDataViewSchema();
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

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly TabularDataView _view;
        private readonly bool[] _active;
        private readonly Delegate[] _getters;
        private long _position = -1;
        private long _blockIndex = -1;
        private int _rowInBlock;
        private TabularData? _block;

        public Cursor(TabularDataView view, bool[] active)
        {
            _view = view;
            _active = active;
            _getters = new Delegate[view.Schema.Count];
            for (int i = 0; i < _getters.Length; i++)
            {
                _getters[i] = ColumnValueWriter.CreateGetter(view._schema.Columns[i], i, () => _block!, () => _rowInBlock);
            }
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool MoveNext()
        {
            if (_position + 1 >= _view._rowCount)
            {
                _position = _view._rowCount;
                _block = null;
                return false;
            }

            _position++;
            long block = _position / _view._blockSize;
            if (block != _blockIndex)
            {
                int rows = (int)Math.Min(_view._blockSize, _view._rowCount - (block * _view._blockSize));
                var data = _view._generateBlock(block, rows);
                if (data.RowCount < rows)
                {
                    throw new InvalidOperationException($"Block {block} has {data.RowCount} rows; {rows} were requested.");
                }

                _view._schema.Validate(data.Columns);
                _block = data;
                _blockIndex = block;
            }

            _rowInBlock = (int)(_position - (block * _view._blockSize));
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index])
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor.");
            }

            return _getters[column.Index] as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
        }
    }
}
