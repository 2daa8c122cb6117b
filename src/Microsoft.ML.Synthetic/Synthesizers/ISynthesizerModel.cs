using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted synthesizer: it samples synthetic rows with the schema of the data it was trained on.
/// As an <see cref="ITransformer"/>, <c>Transform(x)</c> returns as many synthetic rows as <c>x</c> has.
/// </summary>
public interface ISynthesizerModel : ITransformer
{
    /// <summary>The ML.NET schema of the training data, which every sample has.</summary>
    DataViewSchema TrainingSchema { get; }

    /// <summary>The column kinds, categories and types the synthesizer learned.</summary>
    TabularSchema TableSchema { get; }

    /// <summary>
    /// A lazy view of <paramref name="rowCount"/> synthetic rows, generated block by block as a cursor moves:
    /// any number of rows streams in constant memory. The same seed gives the same rows.
    /// </summary>
    /// <param name="rowCount">How many rows to sample.</param>
    /// <param name="seed">The seed; null uses the seed the model was given when fitted.</param>
    IDataView Sample(long rowCount, int? seed = null);

    /// <summary>
    /// A lazy view of <paramref name="rowCount"/> synthetic rows that all satisfy <paramref name="conditions"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A condition names an unknown column, a category never seen in
    /// training, or a range that does not fit the column.</exception>
    IDataView Sample(long rowCount, SampleConditions conditions, int? seed = null);

    /// <summary>The same rows as <see cref="Sample(long, int?)"/>, in memory as a table.</summary>
    /// <param name="rowCount">How many rows to sample.</param>
    /// <param name="seed">The seed; null uses the seed the model was given when fitted.</param>
    TabularData SampleTable(int rowCount, int? seed = null);

    /// <summary>The same rows as <see cref="Sample(long, SampleConditions, int?)"/>, in memory as a table (null conditions: none).</summary>
    /// <exception cref="ArgumentException">A condition names an unknown column, a category never seen in
    /// training, or a range that does not fit the column.</exception>
    TabularData SampleTable(int rowCount, SampleConditions? conditions, int? seed = null);

    /// <summary>
    /// Shard <paramref name="shardIndex"/> of <paramref name="shardCount"/> of the sample
    /// <see cref="Sample(long, int?)"/> would return: shards 0 to n − 1, made in any order by any number of
    /// processes or machines, concatenate to exactly the rows of the whole sample. Row i depends only on the seed
    /// and i through its block of <see cref="SynthesizerModelBase.DefaultBlockSize"/> rows, so a shard is a run of
    /// whole blocks (shard k of n takes blocks ⌊kB/n⌋ to ⌊(k+1)B/n⌋ − 1 of the B blocks; with fewer blocks than
    /// shards some shards are empty).
    /// </summary>
    /// <param name="rowCount">The rows of the whole sample, across all shards.</param>
    /// <param name="shardIndex">Which shard, from 0 to <paramref name="shardCount"/> − 1.</param>
    /// <param name="shardCount">How many shards the sample is split into (1 or more).</param>
    /// <param name="seed">The seed; null uses the seed the model was given when fitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative row count, a shard count below 1 or a shard index outside 0 to n − 1.</exception>
    IDataView SampleShard(long rowCount, int shardIndex, int shardCount, int? seed = null);

    /// <summary>
    /// Shard <paramref name="shardIndex"/> of <paramref name="shardCount"/> of the sample
    /// <see cref="Sample(long, SampleConditions, int?)"/> would return (null conditions: none); see
    /// <see cref="SampleShard(long, int, int, int?)"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative row count, a shard count below 1 or a shard index outside 0 to n − 1.</exception>
    /// <exception cref="ArgumentException">A condition names an unknown column, a category never seen in
    /// training, or a range that does not fit the column.</exception>
    IDataView SampleShard(long rowCount, int shardIndex, int shardCount, SampleConditions? conditions, int? seed = null);

    /// <summary>
    /// Rows <paramref name="firstRow"/> to <paramref name="firstRow"/> + <paramref name="count"/> − 1 of the sample of
    /// <paramref name="rowCount"/> rows that <see cref="Sample(long, int?)"/> (or, with conditions,
    /// <see cref="Sample(long, SampleConditions, int?)"/>) would return, exactly. The unit of generation is the block
    /// of <see cref="SynthesizerModelBase.DefaultBlockSize"/> rows (its random stream is Philox4x32-10 keyed by the
    /// sample's seed with the block's index in the counter, and constraints reject and redraw inside it), so the block size and the whole sample's row
    /// count (which sizes its last block) are part of the sample's definition; a range that does not start or end
    /// on a block boundary generates the blocks that cover it and keeps its rows.
    /// </summary>
    /// <param name="rowCount">The rows of the whole sample.</param>
    /// <param name="firstRow">The first row of the range, from 0.</param>
    /// <param name="count">How many rows the range has.</param>
    /// <param name="conditions">Conditions every row satisfies, as in <see cref="Sample(long, SampleConditions, int?)"/>; null for none.</param>
    /// <param name="seed">The seed; null uses the seed the model was given when fitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the sample.</exception>
    IDataView SampleRows(long rowCount, long firstRow, long count, SampleConditions? conditions = null, int? seed = null);

    /// <summary>Saves the model; <see cref="SynthesizerCatalog.Load(Stream)"/> loads it back.</summary>
    void Save(Stream stream);
}
