namespace Microsoft.ML.Synthetic.Orleans;

/// <summary>How <see cref="ClusterSampler"/> spreads shards over the silos and retries them.</summary>
public sealed class ClusterSamplingOptions
{
    /// <summary>How many shards one silo writes at once (default 2). Each writes one Parquet row group at a time.</summary>
    public int MaxConcurrentShardsPerSilo { get; set; } = 2;

    /// <summary>
    /// How many times one shard is tried, on different silos where there are, before the sample fails (default 4).
    /// An error the shard's own work raises (a missing model file, say) fails every attempt alike and so fails the sample.
    /// </summary>
    public int MaxAttemptsPerShard { get; set; } = 4;

    /// <summary>
    /// How often the coordinator asks the cluster which silos are alive while shards run (default 1 second); a shard
    /// running on a silo the cluster has declared dead is given to another silo at once.
    /// </summary>
    public TimeSpan MembershipPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (MaxConcurrentShardsPerSilo < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentShardsPerSilo), MaxConcurrentShardsPerSilo, "Each silo must be allowed at least 1 shard at a time.");
        }

        if (MaxAttemptsPerShard < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttemptsPerShard), MaxAttemptsPerShard, "Each shard needs at least 1 attempt.");
        }

        if (MembershipPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MembershipPollInterval), MembershipPollInterval, "The membership poll interval must be positive.");
        }
    }
}
