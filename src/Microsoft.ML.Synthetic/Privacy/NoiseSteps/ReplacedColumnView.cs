using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Privacy.NoiseSteps;

/// <summary>
/// The rows of an input view with one column's values replaced by a precomputed array (row i gets value i);
/// every other column streams from the input unchanged. The array is drawn once, so every pass over the view
/// sees the same noisy values (drawing fresh noise per pass would let averaging undo it).
/// </summary>
internal sealed class ReplacedColumnView<T> : IDataView
{
    private readonly IDataView _input;
    private readonly int _column;
    private readonly T[] _values;

    public ReplacedColumnView(IDataView input, string column, T[] values)
    {
        _input = input;
        _column = input.Schema[column].Index;
        _values = values;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _input.Schema;

    public long? GetRowCount() => _values.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, _input.GetRowCursor(columnsNeeded));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(ReplacedColumnView<T> owner, DataViewRowCursor inner) : DataViewRowCursor
    {
        public override DataViewSchema Schema => owner.Schema;

        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != owner._column)
            {
                return inner.GetGetter<TValue>(column);
            }

            if (typeof(TValue) != typeof(T))
            {
                throw new InvalidOperationException($"Column '{column.Name}' holds {typeof(T).Name}, not {typeof(TValue).Name}.");
            }

            var values = (TValue[])(object)owner._values;
            return (ref TValue value) => value = values[inner.Position];
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override bool MoveNext()
        {
            bool moved = inner.MoveNext();
            if (moved && inner.Position >= owner._values.Length)
            {
                throw new InvalidOperationException("The training data has more rows than when the noise was drawn.");
            }

            return moved;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
