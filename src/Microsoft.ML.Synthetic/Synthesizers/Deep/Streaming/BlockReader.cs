using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;

/// <summary>
/// A re-readable source of blocks for streamed training: each pass is one
/// <see cref="TabularDataReader.ReadBlocks(IDataView, TabularDataOptions, int, Func{int, bool}?, int, Random?, CancellationToken)"/>
/// pass over <paramref name="source"/> (so a block has its own categories, in ordinal order, as a whole read has).
/// Blocks not wanted are passed over without reading their values; with a random, the pass asks the source for a
/// shuffled cursor (when <see cref="IDataView.CanShuffle"/>: Parquet visits its row groups in a random order).
/// </summary>
internal sealed class BlockReader(IDataView source, TabularDataOptions options, int blockRows)
{
    /// <summary>Whether the source can give its rows in a random order of its own (see <see cref="IDataView.CanShuffle"/>).</summary>
    public bool SourceShuffles => source.CanShuffle;

    /// <summary>The non-empty blocks of one pass, in source order, with their index; <paramref name="wanted"/> (null for all) selects which are read, and the pass stops after the last wanted one.</summary>
    public IEnumerable<(int Index, TabularData Block)> Read(Func<int, bool>? wanted = null, int lastWanted = int.MaxValue, Random? shuffle = null, CancellationToken cancellation = default) =>
        TabularDataReader.ReadBlocks(source, options, blockRows, wanted, lastWanted, shuffle, cancellation).Where(b => b.Block.RowCount > 0);
}
