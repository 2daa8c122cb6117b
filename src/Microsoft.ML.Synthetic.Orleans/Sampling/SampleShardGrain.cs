using Microsoft.ML.Synthetic.Orleans.Placement;

namespace Microsoft.ML.Synthetic.Orleans.Sampling;

/// <summary>Writes one shard of a sample on the silo the coordinator placed it on (see <see cref="ISampleShardGrain"/>).</summary>
[SiloTargetedPlacement]
internal sealed class SampleShardGrain : Grain, ISampleShardGrain
{
    /// <summary>Test hook: runs before a shard is sampled, with the shard and the silo (lets a test hold a shard while it kills that silo).</summary>
    internal static Func<ShardRequest, string, Task>? BeforeWrite { get; set; }

    public async Task<ShardResult> WriteAsync(ShardRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string silo = GrainContext.Address.SiloAddress?.ToString() ?? RuntimeIdentity;
        if (BeforeWrite is { } hook)
        {
            await hook(request, silo);
        }

        // Sampling is CPU work: run it off the grain's scheduler so the silo keeps answering while it runs.
        var result = await Task.Run(() => ShardFiles.Write(request, silo, CancellationToken.None));
        DeactivateOnIdle();
        return result;
    }
}
