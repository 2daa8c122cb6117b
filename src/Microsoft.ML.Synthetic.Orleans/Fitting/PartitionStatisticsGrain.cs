using Microsoft.ML.Synthetic.Orleans.Placement;

namespace Microsoft.ML.Synthetic.Orleans.Fitting;

/// <summary>Summarises one Parquet partition on the silo the coordinator placed it on (see <see cref="IPartitionStatisticsGrain"/>).</summary>
[SiloTargetedPlacement]
internal sealed class PartitionStatisticsGrain : Grain, IPartitionStatisticsGrain
{
    public async Task<byte[]> MarginalAsync(PartitionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bytes = await Task.Run(() =>
        {
            var (estimator, partition) = Open(request);
            return Saved(estimator.ComputeMarginalStatistics(partition).Save);
        });
        DeactivateOnIdle();
        return bytes;
    }

    public async Task<byte[]> CorrelationAsync(PartitionRequest request, byte[] mergedMarginal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mergedMarginal);
        var bytes = await Task.Run(() =>
        {
            var (estimator, partition) = Open(request);
            var merged = GaussianCopulaMarginalStatistics.Load(new MemoryStream(mergedMarginal, writable: false));
            return Saved(estimator.ComputeCorrelationStatistics(merged, partition).Save);
        });
        DeactivateOnIdle();
        return bytes;
    }

    /// <summary>The estimator with the statistics-pass options, and the partition's Parquet file.</summary>
    private static (GaussianCopulaEstimator Estimator, IDataView Partition) Open(PartitionRequest request)
    {
        var synthetic = new MLContext().Synthetic();
        var estimator = synthetic.Synthesizers.GaussianCopula(new GaussianCopulaOptions
        {
            DataOptions = request.DataOptions?.ToOptions(),
            DistinctValueCapacity = request.DistinctValueCapacity,
        });
        return (estimator, synthetic.Data.ReadParquet(request.File));
    }

    private static byte[] Saved(Action<Stream> save)
    {
        using var stream = new MemoryStream();
        save(stream);
        return stream.ToArray();
    }
}
