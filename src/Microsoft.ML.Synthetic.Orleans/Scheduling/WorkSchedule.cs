using Orleans.Runtime;

namespace Microsoft.ML.Synthetic.Orleans.Scheduling;

/// <summary>
/// Which work item (a shard to write, a partition to summarise) goes to which silo: pending items (a failed one first) go to the live silo with the fewest running,
/// at most a given number per silo; a silo that failed an item gets no more of this job while another silo lives.
/// </summary>
internal sealed class WorkSchedule
{
    private readonly LinkedList<int> _pending;
    private readonly int[] _attempts;
    private readonly int _perSilo;
    private readonly Dictionary<SiloAddress, int> _running = [];
    private readonly HashSet<SiloAddress> _failed = [];

    public WorkSchedule(int itemCount, int perSilo)
    {
        _pending = new LinkedList<int>(Enumerable.Range(0, itemCount));
        _attempts = new int[itemCount];
        _perSilo = perSilo;
    }

    /// <summary>How many times the item has been sent.</summary>
    public int Attempts(int item) => _attempts[item];

    /// <summary>Hands out pending items to the silos with room, in a fixed order (fewest running, then address).</summary>
    public IEnumerable<(int Item, SiloAddress Silo)> Assign(IReadOnlySet<SiloAddress> alive)
    {
        var usable = alive.Where(s => !_failed.Contains(s)).ToList();
        if (usable.Count == 0)
        {
            // Every live silo failed a item once (a transient error, or one silo left): give them another chance.
            usable = [.. alive];
            _failed.Clear();
        }

        usable.Sort((a, b) => string.CompareOrdinal(a.ToParsableString(), b.ToParsableString()));
        var assigned = new List<(int, SiloAddress)>();
        while (_pending.First is { } next)
        {
            var silo = usable.Where(s => Running(s) < _perSilo).OrderBy(Running).FirstOrDefault();
            if (silo is null)
            {
                break;
            }

            _pending.RemoveFirst();
            _running[silo] = Running(silo) + 1;
            _attempts[next.Value]++;
            assigned.Add((next.Value, silo));
        }

        return assigned;
    }

    /// <summary>The item is done.</summary>
    public void Finish(int item, SiloAddress silo) => _running[silo] = Running(silo) - 1;

    /// <summary>The item failed on the silo: it goes first in line again, and the silo gets no more.</summary>
    public void Fail(int item, SiloAddress silo)
    {
        _running[silo] = Running(silo) - 1;
        _failed.Add(silo);
        _pending.AddFirst(item);
    }

    private int Running(SiloAddress silo) => _running.GetValueOrDefault(silo);
}
