using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;

/// <summary>
/// Reads an <see cref="IDataView"/> in blocks of consecutive rows, each block a <see cref="TabularData"/> read by the
/// library's one reader (<see cref="TabularData.FromDataView"/>) through a view that ends after the block's rows, so a
/// block has its own categories (in ordinal order, as a whole read has). One cursor serves a whole pass; rows of
/// blocks not wanted are passed over without reading their values. With a random, the pass asks the source for a
/// shuffled cursor (when <see cref="IDataView.CanShuffle"/>: Parquet visits its row groups in a random order).
/// </summary>
internal sealed class BlockReader(IDataView source, TabularDataOptions options, int blockRows)
{
    /// <summary>Whether the source can give its rows in a random order of its own (see <see cref="IDataView.CanShuffle"/>).</summary>
    public bool SourceShuffles => source.CanShuffle;

    /// <summary>The blocks of one pass, in source order, with their index; <paramref name="wanted"/> (null for all) selects which are read, and the pass stops after the last wanted one.</summary>
    public IEnumerable<(int Index, TabularData Block)> Read(Func<int, bool>? wanted = null, int lastWanted = int.MaxValue, Random? shuffle = null, CancellationToken cancellation = default)
    {
        var columns = source.Schema.Where(c => !c.IsHidden && (options.Columns is null || options.Columns.Contains(c.Name))).ToArray();
        using var cursor = source.GetRowCursor(columns, shuffle);
        for (int index = 0; index <= lastWanted; index++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (wanted is null || wanted(index))
            {
                var block = TabularData.FromDataView(new SliceView(source.Schema, cursor, blockRows), options);
                if (block.RowCount == 0)
                {
                    yield break;
                }

                yield return (index, block);
                if (block.RowCount < blockRows)
                {
                    yield break;
                }
            }
            else
            {
                for (int r = 0; r < blockRows; r++)
                {
                    if (!cursor.MoveNext())
                    {
                        yield break;
                    }
                }
            }
        }
    }

    /// <summary>A view of the next <c>rows</c> rows of a cursor already open (its one cursor moves the shared one on).</summary>
    private sealed class SliceView(DataViewSchema schema, DataViewRowCursor inner, int rows) : IDataView
    {
        public bool CanShuffle => false;

        public DataViewSchema Schema => schema;

        public long? GetRowCount() => null;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new SliceCursor(inner, rows);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];
    }

    private sealed class SliceCursor(DataViewRowCursor inner, int rows) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => inner.Schema;

        public override bool MoveNext()
        {
            if (_position + 1 >= rows || !inner.MoveNext())
            {
                return false;
            }

            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        protected override void Dispose(bool disposing) => base.Dispose(disposing);   // the shared cursor belongs to the pass
    }
}
