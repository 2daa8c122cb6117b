namespace Microsoft.ML.Synthetic;

/// <summary>A cluster sample written as Parquet shards; see <see cref="ClusterSampler"/>.</summary>
public sealed class ClusterSampleResult
{
    internal ClusterSampleResult(IReadOnlyList<ClusterShardResult> shards, TimeSpan elapsed)
    {
        Shards = shards;
        Elapsed = elapsed;
    }

    /// <summary>The shards in shard order: their rows, concatenated in this order, are the single-process sample's rows.</summary>
    public IReadOnlyList<ClusterShardResult> Shards { get; }

    /// <summary>The shard files in shard order.</summary>
    public IReadOnlyList<string> Files => [.. Shards.Select(s => s.Path)];

    /// <summary>The rows written, all shards together.</summary>
    public long RowCount => Shards.Sum(s => s.RowCount);

    /// <summary>How many shard attempts failed or were abandoned (their silo died) and were given to another silo.</summary>
    public int Reassignments => Shards.Sum(s => s.Attempts - 1);

    /// <summary>The wall-clock time from the first shard sent to the last shard written.</summary>
    public TimeSpan Elapsed { get; }
}

/// <summary>One finished shard of a <see cref="ClusterSampleResult"/>.</summary>
public sealed class ClusterShardResult
{
    internal ClusterShardResult(int shardIndex, long rowCount, string path, string silo, int attempts)
    {
        ShardIndex = shardIndex;
        RowCount = rowCount;
        Path = path;
        Silo = silo;
        Attempts = attempts;
    }

    /// <summary>The shard's index, from 0.</summary>
    public int ShardIndex { get; }

    /// <summary>The rows in the shard's file.</summary>
    public long RowCount { get; }

    /// <summary>The shard's Parquet file (as the silo that wrote it named it).</summary>
    public string Path { get; }

    /// <summary>The silo that wrote the file.</summary>
    public string Silo { get; }

    /// <summary>How many times the shard was sent to a silo (1 when its first silo wrote it).</summary>
    public int Attempts { get; }
}

/// <summary>Progress of a cluster sample, reported after every finished or reassigned shard.</summary>
/// <param name="ShardsFinished">The shards written so far.</param>
/// <param name="ShardCount">All shards.</param>
/// <param name="RowsWritten">The rows in the finished shards.</param>
/// <param name="Reassignments">The shard attempts given to another silo so far.</param>
public sealed record ClusterSampleProgress(int ShardsFinished, int ShardCount, long RowsWritten, int Reassignments);
