using System.Diagnostics;
using Microsoft.ML.Synthetic.Orleans.Placement;
using Microsoft.ML.Synthetic.Orleans.Sampling;
using Orleans.Runtime;

namespace Microsoft.ML.Synthetic.Orleans;

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
    private readonly ClusterSamplingOptions _options;

    /// <summary>A coordinator that sends shards through <paramref name="grainFactory"/> (an <c>IClusterClient</c>, or a grain's factory).</summary>
    /// <param name="grainFactory">The cluster client.</param>
    /// <param name="options">Concurrency and retries; null for the defaults.</param>
    public ClusterSampler(IGrainFactory grainFactory, ClusterSamplingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        _grains = grainFactory;
        _options = options ?? new ClusterSamplingOptions();
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
    /// <exception cref="InvalidOperationException">A shard failed on <see cref="ClusterSamplingOptions.MaxAttemptsPerShard"/> attempts, or no silo is alive; the inner exception is the last error.</exception>
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
        string job = Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();
        var run = new ShardSchedule(shardCount, _options.MaxConcurrentShardsPerSilo);
        var running = new Dictionary<Task<ShardResult>, (int Shard, SiloAddress Silo)>();
        var finished = new ClusterShardResult?[shardCount];
        int finishedCount = 0;
        long rowsWritten = 0;
        int reassignments = 0;
        Exception? lastError = null;

        var alive = await ActiveSilosAsync(null, cancellationToken).ConfigureAwait(false);
        var poll = Task.Delay(_options.MembershipPollInterval, cancellationToken);
        while (finishedCount < shardCount)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (shard, silo) in run.Assign(alive))
            {
                int attempt = run.Attempts(shard);
                var grain = _grains.GetGrain<ISampleShardGrain>(SiloTargetedPlacement.Key($"{job}/{shard}/{attempt}", silo));
                var request = new ShardRequest(modelPath, modelBytes, rowCount, shard, shardCount, seed, parts, directory);
                running.Add(grain.WriteAsync(request), (shard, silo));
            }

            if (running.Count == 0)
            {
                throw new InvalidOperationException(
                    $"No live silo is left to write the remaining {shardCount - finishedCount} of {shardCount} shards (silos that failed a shard are not given another).", lastError);
            }

            var done = await Task.WhenAny(running.Keys.Append(poll)).ConfigureAwait(false);
            if (done == poll)
            {
                cancellationToken.ThrowIfCancellationRequested();
                alive = await ActiveSilosAsync(alive, cancellationToken).ConfigureAwait(false);
                poll = Task.Delay(_options.MembershipPollInterval, cancellationToken);
                foreach (var (orphan, (shard, silo)) in running.Where(r => !alive.Contains(r.Value.Silo)).ToList())
                {
                    // Declared dead while the shard ran: the call may never answer. Abandon it (a late answer is ignored; a
                    // late file would hold the same rows, renamed whole into the same place) and give the shard to another silo.
                    running.Remove(orphan);
                    orphan.Ignore();
                    lastError = new SiloUnavailableException($"Silo {silo} was declared dead while writing shard {shard}.");
                    Retry(shard, silo, lastError);
                }

                continue;
            }

            var task = (Task<ShardResult>)done;
            var (doneShard, doneSilo) = running[task];
            running.Remove(task);
            try
            {
                var result = await task.ConfigureAwait(false);
                finished[doneShard] = new ClusterShardResult(doneShard, result.RowCount, result.Path, result.Silo, run.Attempts(doneShard));
                run.Finish(doneShard, doneSilo);
                finishedCount++;
                rowsWritten += result.RowCount;
                progress?.Report(new ClusterSampleProgress(finishedCount, shardCount, rowsWritten, reassignments));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                lastError = e;
                Retry(doneShard, doneSilo, e);
            }
        }

        foreach (var task in running.Keys)
        {
            task.Ignore();
        }

        foreach (string stray in ShardFiles.Temporary(directory))
        {
            // Left by an attempt whose silo died while writing; its shard was written whole by another attempt.
            File.Delete(stray);
        }

        return new ClusterSampleResult(finished.Select(s => s!).ToArray(), clock.Elapsed);

        void Retry(int shard, SiloAddress silo, Exception error)
        {
            run.Fail(shard, silo);
            if (run.Attempts(shard) >= _options.MaxAttemptsPerShard)
            {
                throw new InvalidOperationException(
                    $"Shard {shard} of {shardCount} failed on {run.Attempts(shard)} attempts (ClusterSamplingOptions.MaxAttemptsPerShard); the last error: {error.Message}", error);
            }

            reassignments++;
            progress?.Report(new ClusterSampleProgress(finishedCount, shardCount, rowsWritten, reassignments));
        }
    }

    /// <summary>
    /// The silos the cluster lists as active; when the cluster cannot be asked (the silo answering for the management
    /// grain is the one that died), the last known list.
    /// </summary>
    private async Task<HashSet<SiloAddress>> ActiveSilosAsync(HashSet<SiloAddress>? known, CancellationToken cancellationToken)
    {
        try
        {
            var management = _grains.GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(true, cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            return [.. hosts.Where(h => h.Value == SiloStatus.Active).Select(h => h.Key)];
        }
        catch (Exception) when (known is not null && !cancellationToken.IsCancellationRequested)
        {
            return known;
        }
    }
}
