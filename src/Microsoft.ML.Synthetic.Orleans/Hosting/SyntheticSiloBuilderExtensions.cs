using Microsoft.ML.Synthetic.Orleans.Placement;
using Orleans.Hosting;

namespace Microsoft.ML.Synthetic;

/// <summary>Configures a silo to run SyntheticML's grains.</summary>
public static class SyntheticSiloBuilderExtensions
{
    /// <summary>
    /// Adds what SyntheticML's grains need on this silo (the placement that lets <see cref="ClusterSampler"/> choose the
    /// silo of each shard). The grains themselves are found in this assembly when the silo references it.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddSyntheticGrains(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPlacementDirector<SiloTargetedPlacement, SiloTargetedPlacementDirector>();
    }
}
