using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>
/// A lazy <see cref="IDataView"/> over tables produced block by block, with the source schema. Only the block
/// under a cursor is in memory. Built from a <see cref="TabularSchema"/>, every block has that schema and the getters
/// are made once; built from a <see cref="DataViewSchema"/> alone, each block brings its own table schema (generated
/// text columns have their own categories per block) and the getters are rebuilt from it for every block.
/// </summary>
internal sealed class TabularDataView : IDataView
{
    private readonly TabularSchema? _schema;
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

    /// <summary>A view whose blocks each carry their own table schema, whose columns match <paramref name="schema"/>'s.</summary>
    public TabularDataView(DataViewSchema schema, long rowCount, int blockSize, Func<long, int, TabularData> generateBlock)
    {
        _rowCount = rowCount;
        _blockSize = blockSize;
        _generateBlock = generateBlock;
        Schema = schema;
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
        private readonly Delegate?[] _getters;
        private long _position = -1;
        private long _blockIndex = -1;
        private int _rowInBlock;
        private TabularData? _block;

        public Cursor(TabularDataView view, bool[] active)
        {
            _view = view;
            _active = active;
            _getters = new Delegate?[view.Schema.Count];
            if (view._schema is not null)
            {
                CreateGetters(view._schema);
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

                if (_view._schema is not null)
                {
                    _view._schema.Validate(data.Columns);
                }
                else if (data.Columns.Count != Schema.Count)
                {
                    throw new InvalidOperationException($"Block {block} has {data.Columns.Count} columns; {Schema.Count} were expected.");
                }

                _block = data;
                _blockIndex = block;
                if (_view._schema is null)
                {
                    CreateGetters(data.Schema);
                }
            }

            _rowInBlock = (int)(_position - (block * _view._blockSize));
            return true;
        }

        /// <summary>Getters of the active columns over <paramref name="schema"/>'s columns (the current block, the current row).</summary>
        private void CreateGetters(TabularSchema schema)
        {
            for (int i = 0; i < _getters.Length; i++)
            {
                _getters[i] = _active[i] ? ColumnValueWriter.CreateGetter(schema.Columns[i], i, () => _block!, () => _rowInBlock) : null;
            }
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

            if (_view._schema is not null)
            {
                return _getters[column.Index] as ValueGetter<TValue>
                    ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
            }

            if (column.Type.RawType != typeof(TValue))
            {
                throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
            }

            // Per-block getters change with the block: look the current one up at each call.
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
