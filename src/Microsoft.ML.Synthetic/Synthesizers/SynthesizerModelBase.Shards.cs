using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Metadata.Generators;
using Microsoft.ML.Synthetic.Synthesizers;

namespace Microsoft.ML.Synthetic;

// Sampling part of a sample: a row range or one of n shards. Row i of a seeded sample depends only on (seed, i)
// through its block (block b = rows [b * DefaultBlockSize, (b + 1) * DefaultBlockSize), drawn from the Philox4x32-10
// stream SeedSequence.CreateRandom(seed, b), or row by row from (seed, i) where the synthesizer offers GenerateRows;
// generated identifier/PII columns by (seed, i) alone), so any range is cut from the blocks that cover it and equals
// the same rows of Sample(rowCount).
public abstract partial class SynthesizerModelBase
{
    /// <inheritdoc/>
    public IDataView SampleShard(long rowCount, int shardIndex, int shardCount, int? seed = null) =>
        SampleShard(rowCount, shardIndex, shardCount, null, seed);

    /// <inheritdoc/>
    public IDataView SampleShard(long rowCount, int shardIndex, int shardCount, SampleConditions? conditions, int? seed = null)
    {
        var (first, count) = SampleRange.Shard(rowCount, shardIndex, shardCount, DefaultBlockSize);
        return SampleRows(rowCount, first, count, conditions, seed);
    }

    /// <inheritdoc/>
    public IDataView SampleRows(long rowCount, long firstRow, long count, SampleConditions? conditions = null, int? seed = null)
    {
        SampleRange.Check(rowCount, firstRow, count);
        var resolved = Resolve(conditions);
        int s = seed ?? Seed;
        var range = new SampleRange(rowCount, firstRow, DefaultBlockSize, (block, rows) => Generate(block, rows, resolved, s));
        if (GeneratedColumns is { } generated)
        {
            return new TabularDataView(generated.OutputSchema(TableSchema), count, DefaultBlockSize,
                (chunk, rows) => generated.Reverse(range.Chunk(chunk, rows), range.FirstRowOf(chunk), s));
        }

        return TableSchema.CreateStreamingView(count, DefaultBlockSize, range.Chunk);
    }
}
