using Orleans.Runtime;

namespace Microsoft.ML.Synthetic.Orleans.Scheduling;

/// <summary>
/// Runs a job's work items (shards to write, partitions to summarise) on the cluster's silos: each item goes to a silo
/// the coordinator chooses (<see cref="Placement.SiloTargetedPlacement"/>), at most a given number per silo at once.
/// When a call fails, or the cluster declares a silo dead while its items run, those items go to other silos, up to a
/// number of attempts each. The items' work must be idempotent: an abandoned attempt may still finish.
/// </summary>
internal sealed class ClusterWork<T>
{
    private readonly IGrainFactory _grains;
    private readonly int _perSilo;
    private readonly int _maxAttempts;
    private readonly TimeSpan _poll;

    public ClusterWork(IGrainFactory grains, int perSilo, int maxAttempts, TimeSpan poll)
    {
        _grains = grains;
        _perSilo = perSilo;
        _maxAttempts = maxAttempts;
        _poll = poll;
    }

    /// <summary>Told after every finished item (index, result, attempts) and every reassignment (index, default, -1).</summary>
    public Action<int, T?, int>? OnProgress { get; init; }

    /// <summary>
    /// Runs items 0 … <paramref name="count"/> − 1: <paramref name="start"/>(item, silo, grain key) starts one attempt on
    /// the silo (the key places a grain there and is new for every attempt). Returns each item's result and attempts.
    /// </summary>
    public async Task<(T Result, int Attempts)[]> RunAsync(int count, string what, Func<int, string, Task<T>> start, CancellationToken cancellationToken)
    {
        string job = Guid.NewGuid().ToString("N");
        var schedule = new WorkSchedule(count, _perSilo);
        var running = new Dictionary<Task<T>, (int Item, SiloAddress Silo)>();
        var results = new (T Result, int Attempts)[count];
        int finished = 0;
        Exception? lastError = null;

        var alive = await ActiveSilosAsync(null, cancellationToken).ConfigureAwait(false);
        var poll = Task.Delay(_poll, cancellationToken);
        try
        {
            while (finished < count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var (item, silo) in schedule.Assign(alive))
                {
                    string key = Placement.SiloTargetedPlacement.Key($"{job}/{item}/{schedule.Attempts(item)}", silo);
                    running.Add(start(item, key), (item, silo));
                }

                if (running.Count == 0)
                {
                    throw new InvalidOperationException($"No live silo is left for the remaining {count - finished} of {count} {what}s.", lastError);
                }

                var done = await Task.WhenAny(running.Keys.Append(poll)).ConfigureAwait(false);
                if (done == poll)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    alive = await ActiveSilosAsync(alive, cancellationToken).ConfigureAwait(false);
                    poll = Task.Delay(_poll, cancellationToken);
                    foreach (var (orphan, (item, silo)) in running.Where(r => !alive.Contains(r.Value.Silo)).ToList())
                    {
                        // Declared dead while the item ran: the call may never answer. Abandon it (a late answer is ignored)
                        // and give the item to another silo.
                        running.Remove(orphan);
                        orphan.Ignore();
                        lastError = new SiloUnavailableException($"Silo {silo} was declared dead while running {what} {item}.");
                        Retry(item, silo, lastError);
                    }

                    continue;
                }

                var task = (Task<T>)done;
                var (doneItem, doneSilo) = running[task];
                running.Remove(task);
                try
                {
                    var result = await task.ConfigureAwait(false);
                    results[doneItem] = (result, schedule.Attempts(doneItem));
                    schedule.Finish(doneItem, doneSilo);
                    finished++;
                    OnProgress?.Invoke(doneItem, result, schedule.Attempts(doneItem));
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    lastError = e;
                    Retry(doneItem, doneSilo, e);
                }
            }
        }
        finally
        {
            foreach (var task in running.Keys)
            {
                task.Ignore();
            }
        }

        return results;

        void Retry(int item, SiloAddress silo, Exception error)
        {
            schedule.Fail(item, silo);
            if (schedule.Attempts(item) >= _maxAttempts)
            {
                throw new InvalidOperationException(
                    $"{char.ToUpperInvariant(what[0])}{what[1..]} {item} of {count} failed on {schedule.Attempts(item)} attempts (MaxAttemptsPerItem); the last error: {error.Message}", error);
            }

            OnProgress?.Invoke(item, default, -1);
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
