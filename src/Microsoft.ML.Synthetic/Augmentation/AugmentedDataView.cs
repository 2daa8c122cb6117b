using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The rows a train-only stage hands to the estimators after it: the real rows first, unaltered and in their
/// order, then the synthetic rows. Provenance is positional: row <c>i</c> is synthetic exactly when
/// <c>i ≥ <see cref="RealRowCount"/></c> (<see cref="IsSynthetic"/>). <see cref="WithProvenanceColumn"/> adds a
/// Boolean column that says the same, for code that only sees an <see cref="IDataView"/>.
/// </summary>
/// <remarks>
/// The schema holds the visible columns of the stage's input, with their types and annotations (hidden columns
/// are not carried over). Real rows are read from the input itself, so they are bit for bit what it holds.
/// </remarks>
public sealed class AugmentedDataView : IDataView
{
    private readonly IDataView? _real;
    private readonly IDataView _synthetic;
    private readonly int[] _realColumns;
    private readonly int[] _syntheticColumns;
    private readonly int _provenanceColumn;

    internal AugmentedDataView(IDataView? real, long realRowCount, IDataView synthetic, long syntheticRowCount, DataViewSchema sourceSchema, string? provenanceColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(sourceSchema);
        _real = real;
        _synthetic = synthetic;
        RealRowCount = realRowCount;
        SyntheticRowCount = syntheticRowCount;
        SourceSchema = sourceSchema;
        ProvenanceColumnName = provenanceColumnName;

        var builder = new DataViewSchema.Builder();
        var realColumns = new List<int>();
        var syntheticColumns = new List<int>();
        foreach (var column in sourceSchema.Where(c => !c.IsHidden))
        {
            var generated = synthetic.Schema.GetColumnOrNull(column.Name)
                ?? throw new InvalidOperationException($"The generated rows have no column '{column.Name}'.");
            if (!generated.Type.Equals(column.Type))
            {
                throw new InvalidOperationException($"Column '{column.Name}' is {column.Type} in the training data but {generated.Type} in the generated rows.");
            }

            builder.AddColumn(column.Name, column.Type, column.Annotations);
            realColumns.Add(column.Index);
            syntheticColumns.Add(generated.Index);
        }

        _provenanceColumn = -1;
        if (provenanceColumnName is not null)
        {
            if (sourceSchema.GetColumnOrNull(provenanceColumnName) is { IsHidden: false })
            {
                throw new ArgumentException($"The data already has a column '{provenanceColumnName}'; choose another name for the provenance column.", nameof(provenanceColumnName));
            }

            _provenanceColumn = realColumns.Count;
            builder.AddColumn(provenanceColumnName, BooleanDataViewType.Instance);
        }

        _realColumns = [.. realColumns];
        _syntheticColumns = [.. syntheticColumns];
        Schema = builder.ToSchema();
    }

    /// <summary>The number of real rows; they come first.</summary>
    public long RealRowCount { get; }

    /// <summary>The number of synthetic rows; they follow the real rows.</summary>
    public long SyntheticRowCount { get; }

    /// <summary>The name of the Boolean provenance column, or null when the view has none.</summary>
    public string? ProvenanceColumnName { get; }

    /// <summary>The schema of the stage's input.</summary>
    internal DataViewSchema SourceSchema { get; }

    /// <summary>The real rows alone, or null when the stage replaced them.</summary>
    public IDataView? RealRows => _real;

    /// <summary>The synthetic rows alone.</summary>
    public IDataView SyntheticRows => _synthetic;

    /// <summary>Whether the row at <paramref name="position"/> (0-based, in cursor order) is synthetic.</summary>
    public bool IsSynthetic(long position) => position >= RealRowCount;

    /// <summary>The same rows with a Boolean column <paramref name="columnName"/>: true for synthetic rows.</summary>
    public AugmentedDataView WithProvenanceColumn(string columnName = "IsSynthetic")
    {
        ArgumentException.ThrowIfNullOrEmpty(columnName);
        return new AugmentedDataView(_real, RealRowCount, _synthetic, SyntheticRowCount, SourceSchema, columnName);
    }

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => RealRowCount + SyntheticRowCount;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var c in columnsNeeded)
        {
            active[c.Index] = true;
        }

        return new Cursor(this, active);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly AugmentedDataView _view;
        private readonly bool[] _active;
        private readonly DataViewRowCursor? _real;
        private DataViewRowCursor? _synthetic;
        private bool _inSynthetic;
        private long _position = -1;

        public Cursor(AugmentedDataView view, bool[] active)
        {
            _view = view;
            _active = active;
            _inSynthetic = view._real is null;
            if (view._real is not null)
            {
                _real = view._real.GetRowCursor(SourceColumns(view._real.Schema, view._realColumns));
            }
            else
            {
                _synthetic = OpenSynthetic();
            }
        }

        private IEnumerable<DataViewSchema.Column> SourceColumns(DataViewSchema schema, int[] map)
        {
            for (int i = 0; i < map.Length; i++)
            {
                if (_active[i])
                {
                    yield return schema[map[i]];
                }
            }
        }

        private DataViewRowCursor OpenSynthetic() =>
            _view._synthetic.GetRowCursor(SourceColumns(_view._synthetic.Schema, _view._syntheticColumns));

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool MoveNext()
        {
            if (!_inSynthetic)
            {
                if (_real!.MoveNext())
                {
                    _position++;
                    return true;
                }

                _inSynthetic = true;
                _synthetic = OpenSynthetic();
            }

            if (_synthetic!.MoveNext())
            {
                _position++;
                return true;
            }

            return false;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index])
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was opened.");
            }

            if (column.Index == _view._provenanceColumn)
            {
                if (typeof(TValue) != typeof(bool))
                {
                    throw new InvalidOperationException($"Column '{column.Name}' is Boolean.");
                }

                ValueGetter<bool> flag = (ref bool value) => value = _inSynthetic;
                return (ValueGetter<TValue>)(Delegate)flag;
            }

            var realGetter = _real is null ? null : _real.GetGetter<TValue>(_real.Schema[_view._realColumns[column.Index]]);
            ValueGetter<TValue>? syntheticGetter = null;
            DataViewRowCursor? boundTo = null;
            return (ref TValue value) =>
            {
                if (!_inSynthetic)
                {
                    realGetter!(ref value);
                    return;
                }

                if (!ReferenceEquals(boundTo, _synthetic))
                {
                    boundTo = _synthetic!;
                    syntheticGetter = boundTo.GetGetter<TValue>(boundTo.Schema[_view._syntheticColumns[column.Index]]);
                }

                syntheticGetter!(ref value);
            };
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _real?.Dispose();
                _synthetic?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>Extensions that tell real rows from synthetic ones in data a train-only stage produced.</summary>
public static class RowProvenance
{
    /// <summary>
    /// The number of real rows at the start of <paramref name="data"/> when it came from a train-only stage
    /// (<see cref="AugmentedDataView"/>); null when nothing is known of its provenance.
    /// </summary>
    public static long? RealRowCount(this IDataView data) => (data as AugmentedDataView)?.RealRowCount;
}
