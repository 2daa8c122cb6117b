using Microsoft.ML.Synthetic.Orleans.Fitting;
using Microsoft.ML.Synthetic.Orleans.Scheduling;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Fits a Gaussian copula on an Orleans cluster from Parquet files no single process reads whole: the coordinator (this
/// object, in the client) sends each file to a statistics grain on a silo it chooses for the first pass (per-column
/// marginal statistics), merges them, sends the merged statistics back with each file for the second pass (normal-score
/// co-moments), merges those and fits (<see cref="GaussianCopulaEstimator.Fit(GaussianCopulaMarginalStatistics, GaussianCopulaCorrelationStatistics)"/>).
/// With exact counts the model equals <c>Fit</c> on the concatenated files. A file whose silo fails or dies is summarised
/// again on another silo; each file's statistics are counted exactly once.
/// </summary>
/// <remarks>The silos must run <see cref="SyntheticSiloBuilderExtensions.AddSyntheticGrains"/> and read the files at the same paths (shared storage).</remarks>
public sealed class ClusterFitter
{
    private readonly IGrainFactory _grains;
    private readonly ClusterWorkOptions _options;

    /// <summary>A coordinator that sends partitions through <paramref name="grainFactory"/> (an <c>IClusterClient</c>, or a grain's factory).</summary>
    /// <param name="grainFactory">The cluster client.</param>
    /// <param name="options">Concurrency and retries; null for the defaults.</param>
    public ClusterFitter(IGrainFactory grainFactory, ClusterWorkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        _grains = grainFactory;
        _options = options ?? new ClusterWorkOptions();
        _options.Validate();
    }

    /// <summary>
    /// Fits a Gaussian copula to the rows of <paramref name="parquetFiles"/> (the partitions, at these paths on every
    /// silo). The statistics passes read each file with <paramref name="options"/>' data options and distinct-value
    /// capacity; the fit itself (marginal kinds, quantiles, seed) runs here with all of <paramref name="options"/>.
    /// </summary>
    /// <param name="parquetFiles">One or more Parquet files with the same columns.</param>
    /// <param name="options">The copula's options; null for the defaults. Constraints and generated (identifier, PII) columns need the whole table and are refused.</param>
    /// <param name="progress">Told after every partition summarised or reassigned, in each pass; null for none.</param>
    /// <param name="cancellationToken">Stops sending partitions and waiting; partitions already running finish on their silos.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">No file, or an empty path.</exception>
    /// <exception cref="NotSupportedException">The options declare constraints.</exception>
    /// <exception cref="InvalidOperationException">A partition failed on <see cref="ClusterWorkOptions.MaxAttemptsPerItem"/> attempts (a file that cannot be read, columns that differ between files); the inner exception is the last error.</exception>
    public async Task<GaussianCopulaModel> FitCopulaAsync(IReadOnlyList<string> parquetFiles, GaussianCopulaOptions? options = null,
        IProgress<ClusterFitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parquetFiles);
        if (parquetFiles.Count == 0)
        {
            throw new ArgumentException("Give at least one Parquet file to fit on.", nameof(parquetFiles));
        }

        var files = parquetFiles.Select((f, i) => string.IsNullOrWhiteSpace(f)
            ? throw new ArgumentException($"File {i} of {nameof(parquetFiles)} is an empty path.", nameof(parquetFiles))
            : Path.GetFullPath(f)).ToArray();
        options ??= new GaussianCopulaOptions();
        var data = DataOptionsPart.From(options.DataOptions);
        var requests = files.Select(f => new PartitionRequest(f, data, options.DistinctValueCapacity)).ToArray();

        var marginals = await Work(1, files.Length, progress).RunAsync(files.Length, "partition",
            (i, key) => _grains.GetGrain<IPartitionStatisticsGrain>(key).MarginalAsync(requests[i]), cancellationToken).ConfigureAwait(false);
        var merged = GaussianCopulaMarginalStatistics.Merge(marginals.Select(m => GaussianCopulaMarginalStatistics.Load(new MemoryStream(m.Result, writable: false))));
        byte[] mergedBytes;
        using (var stream = new MemoryStream())
        {
            merged.Save(stream);
            mergedBytes = stream.ToArray();
        }

        var correlations = await Work(2, files.Length, progress).RunAsync(files.Length, "partition",
            (i, key) => _grains.GetGrain<IPartitionStatisticsGrain>(key).CorrelationAsync(requests[i], mergedBytes), cancellationToken).ConfigureAwait(false);
        var mergedCorrelation = GaussianCopulaCorrelationStatistics.Merge(correlations.Select(c => GaussianCopulaCorrelationStatistics.Load(new MemoryStream(c.Result, writable: false))));
        return new MLContext().Synthetic().Synthesizers.GaussianCopula(options).Fit(merged, mergedCorrelation);
    }

    private ClusterWork<byte[]> Work(int pass, int count, IProgress<ClusterFitProgress>? progress)
    {
        int finished = 0, reassignments = 0;
        return new(_grains, _options.MaxConcurrentPerSilo, _options.MaxAttemptsPerItem, _options.MembershipPollInterval)
        {
            OnProgress = (_, _, attempts) =>
            {
                if (attempts < 0)
                {
                    reassignments++;
                }
                else
                {
                    finished++;
                }

                progress?.Report(new ClusterFitProgress(pass, finished, count, reassignments));
            },
        };
    }
}
