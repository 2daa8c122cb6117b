using Microsoft.ML.Data;
using Parquet;
using Parquet.Schema;

namespace Microsoft.ML.Synthetic.IO;

/// <summary>
/// A Parquet file as an <see cref="IDataView"/> that streams: each cursor opens the file and holds the values of one
/// row group (of its active columns) at a time, so a file of any size is read in the memory of its largest row group.
/// </summary>
internal sealed class ParquetDataView : IDataView
{
    private readonly string _path;
    private readonly DataField[] _fields;
    private readonly bool[] _mayHaveNulls;
    private readonly long _rowCount;

    private ParquetDataView(string path, DataField[] fields, bool[] mayHaveNulls, long rowCount)
    {
        _path = path;
        _fields = fields;
        _mayHaveNulls = mayHaveNulls;
        _rowCount = rowCount;
        var builder = new DataViewSchema.Builder();
        for (int i = 0; i < fields.Length; i++)
        {
            builder.AddColumn(fields[i].Name, Column(i).Type);
        }

        Schema = builder.ToSchema();
    }

    /// <summary>
    /// Opens <paramref name="path"/>, reads its footer (schema, row groups and their null counts) and checks that
    /// every column read maps to an ML.NET type; the rows are read by the cursors.
    /// </summary>
    public static ParquetDataView Open(string path, ParquetReadOptions options)
    {
        var reader = OpenReader(path);
        try
        {
            return Open(path, reader, options);
        }
        finally
        {
            Release(reader);
        }
    }

    private static ParquetDataView Open(string path, ParquetReader reader, ParquetReadOptions options)
    {
        var top = reader.Schema.Fields;
        var names = top.Select(f => f.Name).ToArray();
        var selected = options.Columns?.ToArray() ?? names;
        var fields = new DataField[selected.Length];
        for (int i = 0; i < selected.Length; i++)
        {
            var field = top.FirstOrDefault(f => f.Name == selected[i])
                ?? throw new ArgumentException($"{nameof(ParquetReadOptions.Columns)} names column '{selected[i]}', which is not in {path}. Columns: {string.Join(", ", names)}.", nameof(options));
            if (selected.Take(i).Contains(selected[i], StringComparer.Ordinal))
            {
                throw new ArgumentException($"{nameof(ParquetReadOptions.Columns)} names column '{selected[i]}' twice.", nameof(options));
            }

            fields[i] = field is DataField { IsArray: false } data
                ? data
                : throw new NotSupportedException($"{path}, column '{field.Name}': a {(field is DataField ? "list" : field.SchemaType.ToString().ToLowerInvariant())} column; only flat columns of numbers, text, Booleans and timestamps are read. Leave it out with {nameof(ParquetReadOptions)}.{nameof(ParquetReadOptions.Columns)}.");
        }

        var groups = Enumerable.Range(0, reader.RowGroupCount).Select(reader.OpenRowGroupReader).ToArray();
        try
        {
            // A nullable column may hold nulls unless every row group's statistics count none.
            var mayHaveNulls = fields.Select(f => f.IsNullable && groups.Any(g => g.GetStatistics(f)?.NullCount is not 0)).ToArray();
            var view = new ParquetDataView(path, fields, mayHaveNulls, groups.Sum(g => g.RowCount));
            return view;
        }
        finally
        {
            foreach (var g in groups) g.Dispose();
        }
    }

    /// <summary>Opens the file with errors that name it.</summary>
    internal static ParquetReader OpenReader(string path)
    {
        var stream = File.OpenRead(path);
        try
        {
            return ParquetReader.CreateAsync(stream, leaveStreamOpen: false).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ParquetException or ArgumentException or NotSupportedException or IndexOutOfRangeException or EndOfStreamException)
        {
            stream.Dispose();
            throw new InvalidDataException($"{path} is not a readable Parquet file: {e.Message}. Check that the file is Parquet (it starts and ends with 'PAR1') and was written completely.", e);
        }
    }

    internal static void Release(ParquetReader? reader) => reader?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private ParquetColumnReader Column(int i) => ParquetColumnReader.Create(_path, _fields[i], _mayHaveNulls[i]);

    /// <summary>True: a cursor asked for with a random visits the row groups in an order drawn from it (rows within a group keep their order), as ML.NET's binary loader shuffles its blocks.</summary>
    public bool CanShuffle => true;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = new bool[Schema.Count];
        foreach (var c in columnsNeeded) active[c.Index] = true;
        return new Cursor(this, active, rand);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ParquetDataView _view;
        private readonly bool[] _active;
        private readonly ParquetColumnReader?[] _columns;
        private readonly Delegate?[] _getters;
        private ParquetReader? _reader;
        private int _group = -1;
        private int _rowInGroup = -1;
        private int _groupRows;
        private long _position = -1;
        private bool _done;

        private readonly Random? _groupOrder;
        private int[]? _groups;

        public Cursor(ParquetDataView view, bool[] active, Random? groupOrder)
        {
            _view = view;
            _groupOrder = groupOrder;
            _active = active;
            _columns = active.Select((a, i) => a ? view.Column(i) : null).ToArray();
            _getters = _columns.Select(c => c?.Getter(() => _rowInGroup)).ToArray();
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool MoveNext()
        {
            if (_done) return false;
            _reader ??= OpenReader(_view._path);
            _rowInGroup++;
            while (_rowInGroup >= _groupRows)
            {
                if (++_group >= _reader.RowGroupCount)
                {
                    Close();
                    return false;
                }

                if (_groups is null)
                {
                    _groups = Enumerable.Range(0, _reader.RowGroupCount).ToArray();
                    _groupOrder?.Shuffle(_groups);
                }

                int index = _groups[_group];
                using var group = _reader.OpenRowGroupReader(index);
                _groupRows = checked((int)group.RowCount);
                foreach (var column in _columns) column?.Load(group, index, _groupRows);
                _rowInGroup = 0;
            }

            _position++;
            return true;
        }

        private void Close()
        {
            _done = true;
            Release(_reader);
            _reader = null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Release(_reader);
            _reader = null;
            base.Dispose(disposing);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (_getters[column.Index] is not { } getter)
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            }

            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}; asked for {typeof(TValue)}.");
        }
    }
}
