using System.Diagnostics;
using Microsoft.ML.Synthetic.Orleans.Scheduling;
using Microsoft.ML.Synthetic.Orleans.Sampling;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Samples a saved synthesizer on an Orleans cluster: the coordinator (this object, in the client) splits a sample of
/// N rows into shards, sends each to a sampling grain on a silo it chooses, and each grain writes its shard as
/// <c>part-00000.parquet</c>, <c>part-00001.parquet</c>, … in the output directory. Row i of a seeded sample depends only
/// on (seed, i) (<see cref="ISynthesizerModel.SampleShard(long, int, int, SampleConditions?, int?)"/>), so the shards'
/// rows, in shard order, are exactly the rows of <c>model.Sample(N, seed)</c> on one process. When a silo dies (its call
/// fails, or the cluster declares it dead while its shards run), its unfinished shards are given to other silos; a shard
/// file appears only whole (written to a temporary name and renamed), so at the end every shard exists exactly once.
/// </summary>
/// <remarks>
/// The silos must run <see cref="SyntheticSiloBuilderExtensions.AddSyntheticGrains"/>, and the model file and the
/// output directory must be at the same path on every silo (shared storage) — see the project's README.md.
/// </remarks>
public sealed class ClusterSampler
{
    private readonly IGrainFactory _grains;
    private readonly ClusterWorkOptions _options;

    /// <summary>A coordinator that sends shards through <paramref name="grainFactory"/> (an <c>IClusterClient</c>, or a grain's factory).</summary>
    /// <param name="grainFactory">The cluster client.</param>
    /// <param name="options">Concurrency and retries; null for the defaults.</param>
    public ClusterSampler(IGrainFactory grainFactory, ClusterWorkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        _grains = grainFactory;
        _options = options ?? new ClusterWorkOptions();
        _options.Validate();
    }

    /// <summary>
    /// Samples <paramref name="rowCount"/> rows from the model saved at <paramref name="modelPath"/> (a path every silo
    /// can read) into <paramref name="shardCount"/> Parquet files in <paramref name="outputDirectory"/>.
    /// </summary>
    /// <param name="modelPath">A model file saved with <see cref="ISynthesizerModel.Save(Stream)"/>, at this path on every silo.</param>
    /// <param name="rowCount">The rows of the whole sample.</param>
    /// <param name="shardCount">How many shard files to write (shards are whole blocks of <see cref="SynthesizerModelBase.DefaultBlockSize"/> rows, so some may be empty when rows are few).</param>
    /// <param name="outputDirectory">Where the shards go, at this path on every silo; it must hold no <c>part-*.parquet</c> file yet.</param>
    /// <param name="seed">The sample's seed; null for the seed the model was fitted with.</param>
    /// <param name="conditions">Conditions every row satisfies; null for none.</param>
    /// <param name="progress">Told after every finished or reassigned shard; null for none.</param>
    /// <param name="cancellationToken">Stops sending shards and waiting; shards already running finish on their silos.</param>
    /// <returns>The shard files in shard order, their rows and where they were written.</returns>
    /// <exception cref="ArgumentException">A bad count, or the output directory already holds shard files; the message names it.</exception>
    /// <exception cref="InvalidOperationException">A shard failed on <see cref="ClusterWorkOptions.MaxAttemptsPerItem"/> attempts, or no silo is alive; the inner exception is the last error.</exception>
    public Task<ClusterSampleResult> SampleToParquetAsync(string modelPath, long rowCount, int shardCount, string outputDirectory,
        int? seed = null, SampleConditions? conditions = null, IProgress<ClusterSampleProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        return RunAsync(Path.GetFullPath(modelPath), null, rowCount, shardCount, outputDirectory, seed, conditions, progress, cancellationToken);
    }

    /// <summary>
    /// Samples <paramref name="rowCount"/> rows from <paramref name="model"/>, which travels to the silos with every
    /// shard (fine for models of a few MB; save bigger ones to shared storage and pass the path); otherwise as
    /// <see cref="SampleToParquetAsync(string, long, int, string, int?, SampleConditions?, IProgress{ClusterSampleProgress}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="model">The fitted synthesizer.</param>
    /// <param name="rowCount">The rows of the whole sample.</param>
    /// <param name="shardCount">How many shard files to write.</param>
    /// <param name="outputDirectory">Where the shards go, at this path on every silo; it must hold no <c>part-*.parquet</c> file yet.</param>
    /// <param name="seed">The sample's seed; null for the seed the model was fitted with.</param>
    /// <param name="conditions">Conditions every row satisfies; null for none.</param>
    /// <param name="progress">Told after every finished or reassigned shard; null for none.</param>
    /// <param name="cancellationToken">Stops sending shards and waiting; shards already running finish on their silos.</param>
    /// <returns>The shard files in shard order, their rows and where they were written.</returns>
    public Task<ClusterSampleResult> SampleToParquetAsync(ISynthesizerModel model, long rowCount, int shardCount, string outputDirectory,
        int? seed = null, SampleConditions? conditions = null, IProgress<ClusterSampleProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var bytes = new MemoryStream();
        model.Save(bytes);
        return RunAsync(null, bytes.ToArray(), rowCount, shardCount, outputDirectory, seed, conditions, progress, cancellationToken);
    }

    private async Task<ClusterSampleResult> RunAsync(string? modelPath, byte[]? modelBytes, long rowCount, int shardCount, string outputDirectory,
        int? seed, SampleConditions? conditions, IProgress<ClusterSampleProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (shardCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(shardCount), shardCount, "The shard count must be 1 or more.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        string directory = Path.GetFullPath(outputDirectory);
        if (ShardFiles.Finished(directory) is { Length: > 0 } existing)
        {
            throw new ArgumentException($"{directory} already holds shard files ({Path.GetFileName(existing[0])} …): choose an empty directory or delete them, so that no shard of another sample is taken for one of this one.", nameof(outputDirectory));
        }

        Directory.CreateDirectory(directory);
        var parts = ConditionPart.From(conditions);
        var clock = Stopwatch.StartNew();
        int finished = 0, reassignments = 0;
        long rowsWritten = 0;
        var work = new ClusterWork<ShardResult>(_grains, _options.MaxConcurrentPerSilo, _options.MaxAttemptsPerItem, _options.MembershipPollInterval)
        {
            OnProgress = (_, result, attempts) =>
            {
                if (attempts < 0)
                {
                    reassignments++;
                }
                else
                {
                    finished++;
                    rowsWritten += result!.RowCount;
                }

                progress?.Report(new ClusterSampleProgress(finished, shardCount, rowsWritten, reassignments));
            },
        };
        var shards = await work.RunAsync(shardCount, "shard", (shard, key) => _grains.GetGrain<ISampleShardGrain>(key)
            .WriteAsync(new ShardRequest(modelPath, modelBytes, rowCount, shard, shardCount, seed, parts, directory)), cancellationToken).ConfigureAwait(false);

        foreach (string stray in ShardFiles.Temporary(directory))
        {
            // Left by an attempt whose silo died while writing; its shard was written whole by another attempt.
            File.Delete(stray);
        }

        return new ClusterSampleResult(
            [.. shards.Select((s, k) => new ClusterShardResult(k, s.Result.RowCount, s.Result.Path, s.Result.Silo, s.Attempts))], clock.Elapsed);
    }
}
