using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Evaluation.Statistics;

/// <summary>
/// Reads an <see cref="IDataView"/> in blocks of rows with one cursor: each block is read by the library's own reader
/// (<see cref="TabularData.FromDataView"/>, so kinds, missing tokens, dates and keys are read exactly as the in-memory
/// evaluation reads them) from a one-shot view over the next rows of the shared cursor. Only one block is in memory.
/// </summary>
internal static class CursorBlocks
{
    /// <summary>Rows per block.</summary>
    public const int DefaultBlockRows = 1 << 16;

    public static IEnumerable<TabularData> Read(IDataView data, TabularDataOptions options, int blockRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var active = options.Columns is null
            ? data.Schema.Where(c => !c.IsHidden).ToArray()
            : options.Columns.Select(n => data.Schema.GetColumnOrNull(n)).Where(c => c is not null).Select(c => c!.Value).ToArray();
        using var cursor = data.GetRowCursor(active);
        for (bool first = true; ; first = false)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!cursor.MoveNext())
            {
                // An empty table still has its columns: read them from a window of no rows.
                if (first) yield return TabularData.FromDataView(new Window(cursor, 0), options);
                yield break;
            }

            var window = new Window(cursor, blockRows);
            var block = TabularData.FromDataView(window, options);
            yield return block;
            if (window.Ended) yield break;
        }
    }

    /// <summary>
    /// The blocks with the columns the evaluation scores: those the metadata declares identifiers or personal
    /// information are left out, as <c>GeneratedColumnChecks</c> leaves them out of the in-memory report.
    /// </summary>
    public static IEnumerable<TabularData> ReadScored(IDataView data, TabularDataOptions options, int blockRows, CancellationToken cancellationToken)
    {
        foreach (var block in Read(data, options, blockRows, cancellationToken))
        {
            if (options.Metadata is not { } metadata)
            {
                yield return block;
                continue;
            }

            var kept = Enumerable.Range(0, block.Columns.Count)
                .Where(c => !(metadata.TryGetColumn(block.Columns[c].Name, out var m) && m.Kind is MetadataKind.Identifier or MetadataKind.Pii)).ToArray();
            yield return kept.Length == block.Columns.Count ? block
                : new TabularData(new TabularSchema(kept.Select(c => block.Schema.Columns[c]).ToArray()), kept.Select(c => block.Columns[c]).ToArray());
        }
    }

    /// <summary>The next rows of a live cursor (already on its first row) as a view that can be cursored once.</summary>
    private sealed class Window(DataViewRowCursor source, int rows) : IDataView
    {
        private bool _used;

        public bool Ended { get; set; }

        public bool CanShuffle => false;

        public DataViewSchema Schema => source.Schema;

        public long? GetRowCount() => null;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            if (_used) throw new InvalidOperationException("A block of a streamed table can be read once.");
            _used = true;
            foreach (var c in columnsNeeded)
            {
                if (!source.IsColumnActive(c)) throw new InvalidOperationException($"Column '{c.Name}' was not read by the streaming cursor.");
            }

            return new WindowCursor(this, source, rows);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
            [GetRowCursor(columnsNeeded, rand)];
    }

    private sealed class WindowCursor(Window window, DataViewRowCursor source, int rows) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => source.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => source.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => source.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => source.GetIdGetter();

        public override bool MoveNext()
        {
            if (_position + 1 >= rows) return false;
            if (_position >= 0 && !source.MoveNext())
            {
                window.Ended = true;
                return false;
            }

            _position++;
            return true;
        }
    }
}
