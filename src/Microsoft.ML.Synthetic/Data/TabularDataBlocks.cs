using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Data;

/// <summary>
/// Reads an <see cref="IDataView"/> as consecutive tables of at most a block of rows, over one cursor, without
/// holding more than a block: each block is read by <see cref="TabularDataReader"/> (same kinds, missing tokens and
/// columns as <see cref="TabularData.FromDataView"/>) from a view that stops the shared cursor after the block. A
/// block's categorical columns carry the block's own categories; its continuous columns are as the reader gives them.
/// </summary>
internal static class TabularDataBlocks
{
    /// <summary>The blocks of <paramref name="data"/>; at least one (an empty table when the data has no rows, for its schema).</summary>
    public static IEnumerable<TabularData> Read(IDataView data, TabularDataOptions options, int blockSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        var needed = options.Columns is null
            ? data.Schema.Where(c => !c.IsHidden).ToArray()
            : options.Columns.Select(name => data.Schema.GetColumnOrNull(name)).OfType<DataViewSchema.Column>().ToArray();
        using var cursor = data.GetRowCursor(needed);
        var view = new BlockView(data.Schema, cursor, blockSize);
        bool first = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = TabularDataReader.Read(view, options);
            if (block.RowCount == 0 && !first)
            {
                yield break;
            }

            first = false;
            yield return block;
            if (view.Finished)
            {
                yield break;
            }
        }
    }

    /// <summary>A view whose cursors continue the shared cursor for at most a block of rows.</summary>
    private sealed class BlockView(DataViewSchema schema, DataViewRowCursor source, int blockSize) : IDataView
    {
        public bool Finished { get; private set; }

        public bool CanShuffle => false;

        public DataViewSchema Schema => schema;

        public long? GetRowCount() => null;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

        private sealed class Cursor(BlockView view) : DataViewRowCursor
        {
            private long _position = -1;

            public override long Position => _position;

            public override long Batch => 0;

            public override DataViewSchema Schema => view.Schema;

            public override bool MoveNext()
            {
                if (_position + 1 >= view.BlockSize || view.Finished)
                {
                    return false;
                }

                if (!view.Source.MoveNext())
                {
                    view.Finished = true;
                    return false;
                }

                _position++;
                return true;
            }

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => view.Source.GetGetter<TValue>(column);

            public override ValueGetter<DataViewRowId> GetIdGetter() => view.Source.GetIdGetter();

            public override bool IsColumnActive(DataViewSchema.Column column) => view.Source.IsColumnActive(column);
        }

        private DataViewRowCursor Source => source;

        private int BlockSize => blockSize;
    }
}
