namespace Microsoft.ML.Synthetic.Orleans.Sampling;

/// <summary>
/// Writes one shard of a sample as Parquet. Keyed by job, shard, attempt and target silo (see
/// <see cref="Placement.SiloTargetedPlacement"/>): every attempt is a fresh activation on the silo the coordinator chose.
/// </summary>
internal interface ISampleShardGrain : IGrainWithStringKey
{
    /// <summary>Samples the shard and writes it whole (a temporary file renamed into place), returning where.</summary>
    /// <remarks>A shard may take long on a big sample: the coordinator, not the call timeout, watches for dead silos.</remarks>
    [ResponseTimeout("1.00:00:00")]
    Task<ShardResult> WriteAsync(ShardRequest request);
}
