using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Evaluation.Statistics;

/// <summary>
/// The blocks the evaluation scores: an <see cref="IDataView"/> read in blocks of rows by the library's one block reader
/// (<see cref="TabularDataReader.ReadBlocks(IDataView, TabularDataOptions, int, CancellationToken)"/>: one cursor, each
/// block read exactly as <see cref="TabularData.FromDataView"/> reads a view), less the columns the evaluation leaves out.
/// </summary>
internal static class CursorBlocks
{
    /// <summary>Rows per block.</summary>
    public const int DefaultBlockRows = 1 << 16;

    /// <summary>
    /// The blocks with the columns the evaluation scores: those the metadata declares identifiers or personal
    /// information are left out, as <c>GeneratedColumnChecks</c> leaves them out of the in-memory report.
    /// </summary>
    public static IEnumerable<TabularData> ReadScored(IDataView data, TabularDataOptions options, int blockRows, CancellationToken cancellationToken)
    {
        foreach (var block in TabularDataReader.ReadBlocks(data, options, blockRows, cancellationToken))
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
}
