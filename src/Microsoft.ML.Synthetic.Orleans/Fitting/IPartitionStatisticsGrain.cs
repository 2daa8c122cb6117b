namespace Microsoft.ML.Synthetic.Orleans.Fitting;

/// <summary>
/// Computes the Gaussian copula's statistics of one partition (a Parquet file the silo can read); statistics travel
/// as the bytes of their Save. Keyed like <see cref="Sampling.ISampleShardGrain"/>: a fresh activation per attempt on
/// the silo the coordinator chose.
/// </summary>
internal interface IPartitionStatisticsGrain : IGrainWithStringKey
{
    /// <summary>Pass 1: <see cref="GaussianCopulaEstimator.ComputeMarginalStatistics"/> of the file, saved.</summary>
    [ResponseTimeout("1.00:00:00")]
    Task<byte[]> MarginalAsync(PartitionRequest request);

    /// <summary>Pass 2: <see cref="GaussianCopulaEstimator.ComputeCorrelationStatistics"/> of the file given the merged first pass, saved.</summary>
    [ResponseTimeout("1.00:00:00")]
    Task<byte[]> CorrelationAsync(PartitionRequest request, byte[] mergedMarginal);
}
