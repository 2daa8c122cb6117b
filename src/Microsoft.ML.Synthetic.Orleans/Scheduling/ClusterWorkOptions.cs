namespace Microsoft.ML.Synthetic;

/// <summary>How <see cref="ClusterSampler"/> and <see cref="ClusterFitter"/> spread their work items (shards to write, partitions to summarise) over the silos and retry them.</summary>
public sealed class ClusterWorkOptions
{
    /// <summary>How many items one silo runs at once (default 2). A shard holds one Parquet row group in memory; a partition, a block of rows.</summary>
    public int MaxConcurrentPerSilo { get; set; } = 2;

    /// <summary>
    /// How many times one item is tried, on different silos where there are, before the job fails (default 4).
    /// An error the item's own work raises (a missing model file, say) fails every attempt alike and so fails the job.
    /// </summary>
    public int MaxAttemptsPerItem { get; set; } = 4;

    /// <summary>
    /// How often the coordinator asks the cluster which silos are alive while items run (default 1 second); an item
    /// running on a silo the cluster has declared dead goes to another silo at once.
    /// </summary>
    public TimeSpan MembershipPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (MaxConcurrentPerSilo < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentPerSilo), MaxConcurrentPerSilo, "Each silo must be allowed at least 1 item at a time.");
        }

        if (MaxAttemptsPerItem < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttemptsPerItem), MaxAttemptsPerItem, "Each item needs at least 1 attempt.");
        }

        if (MembershipPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MembershipPollInterval), MembershipPollInterval, "The membership poll interval must be positive.");
        }
    }
}
