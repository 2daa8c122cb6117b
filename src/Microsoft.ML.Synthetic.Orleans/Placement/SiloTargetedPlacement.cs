using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Microsoft.ML.Synthetic.Orleans.Placement;

/// <summary>
/// Places a grain on the silo named at the start of its string key (<c>silo|…</c>, <see cref="SiloAddress.ToParsableString"/>),
/// or on a random compatible silo when that silo is gone. The coordinator chooses where each shard runs, so it knows
/// which shards a dead silo held and reassigns exactly those.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
internal sealed class SiloTargetedPlacement : PlacementStrategy
{
    internal static readonly SiloTargetedPlacement Instance = new();

    // Not '@', which a silo's parsable address holds (127.0.0.1:11111@generation).
    private const char Separator = '|';

    /// <summary>The key of a grain placed on <paramref name="silo"/>.</summary>
    internal static string Key(string name, SiloAddress silo) => $"{silo.ToParsableString()}{Separator}{name}";

    /// <summary>The silo named by a key made by <see cref="Key"/>, or null.</summary>
    internal static SiloAddress? SiloOf(string key)
    {
        int at = key.IndexOf(Separator, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        try
        {
            return SiloAddress.FromParsableString(key[..at]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Marks a grain class placed by <see cref="SiloTargetedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class SiloTargetedPlacementAttribute : PlacementAttribute
{
    public SiloTargetedPlacementAttribute()
        : base(SiloTargetedPlacement.Instance)
    {
    }
}

/// <summary>The director of <see cref="SiloTargetedPlacement"/>.</summary>
internal sealed class SiloTargetedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var wanted = SiloTargetedPlacement.SiloOf(target.GrainIdentity.Key.ToString());
        return Task.FromResult(wanted is not null && silos.Contains(wanted) ? wanted : silos[Random.Shared.Next(silos.Length)]);
    }
}
