using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.IO;

/// <summary>An <see cref="IDataView"/> over whole columns held in arrays (float[], double[] or ReadOnlyMemory&lt;char&gt;[]).</summary>
internal sealed class InMemoryColumnsView : IDataView
{
    private readonly Array[] _columns;
    private readonly long _rowCount;

    public InMemoryColumnsView(IReadOnlyList<(string Name, Array Values)> columns, long rowCount)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var (name, values) in columns)
        {
            builder.AddColumn(name, values switch
            {
                float[] => NumberDataViewType.Single,
                double[] => NumberDataViewType.Double,
                ReadOnlyMemory<char>[] => (DataViewType)TextDataViewType.Instance,
                _ => throw new ArgumentException($"Column '{name}' holds {values.GetType().Name}; float[], double[] or ReadOnlyMemory<char>[] expected."),
            });
        }

        Schema = builder.ToSchema();
        _columns = columns.Select(c => c.Values).ToArray();
        _rowCount = rowCount;
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

    private sealed class Cursor(InMemoryColumnsView view, bool[] active) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public override bool MoveNext()
        {
            if (_position + 1 >= view._rowCount)
            {
                _position = view._rowCount;
                return false;
            }

            _position++;
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

            if (view._columns[column.Index] is not TValue[] values)
            {
                throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
            }

            return (ref TValue value) => value = values[_position];
        }
    }
}
