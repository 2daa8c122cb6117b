namespace Microsoft.ML.Synthetic;

/// <summary>The variance schedule of the diffusion synthesizer (<see cref="DiffusionOptions.Schedule"/>).</summary>
public enum DiffusionSchedule
{
    /// <summary>Nichol and Dhariwal's (2021) cosine schedule, TabDDPM's default.</summary>
    Cosine,

    /// <summary>Ho et al.'s (2020) linear schedule (β from 10⁻⁴ to 0.02 for 1000 steps, scaled for other step counts).</summary>
    Linear,
}
