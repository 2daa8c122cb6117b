using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;
namespace Microsoft.ML.Synthetic;

/// <summary>Settings of <see cref="TabularEncoder"/>: mode-specific normalization and one-hot layout.</summary>
public sealed class TabularEncoderOptions
{
    /// <summary>The most modes of a continuous column (the Dirichlet-process truncation level). Default 10 (Xu et al. 2019).</summary>
    public int MaxModes { get; set; } = 10;

    /// <summary>Modes whose weight falls below this are dropped. Default 0.005 (Xu et al. 2019).</summary>
    public double ModeWeightThreshold { get; set; } = 0.005;

    /// <summary>The concentration γ of the Dirichlet-process prior on mode weights. Default 0.001.</summary>
    public double WeightConcentration { get; set; } = 1e-3;

    /// <summary>The most variational iterations per column. Default 100.</summary>
    public int MaxIterations { get; set; } = 100;

    /// <summary>
    /// The widest one-hot of a categorical column. A column with more categories keeps the
    /// <c>MaxCategories − 1</c> most frequent ones and groups the rest into one slot, which a decoder turns back
    /// into one of the grouped categories drawn by its training frequency (a warning says so). Default 1000.
    /// </summary>
    public int MaxCategories { get; set; } = 1000;

    internal void Validate()
    {
        if (MaxModes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxModes), MaxModes, "MaxModes must be at least 1.");
        }

        if (!(ModeWeightThreshold >= 0 && ModeWeightThreshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ModeWeightThreshold), ModeWeightThreshold, "ModeWeightThreshold must lie in [0, 1).");
        }

        if (!(WeightConcentration > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightConcentration), WeightConcentration, "WeightConcentration must be positive.");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "MaxIterations must be at least 1.");
        }

        if (MaxCategories < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCategories), MaxCategories, "MaxCategories must be at least 2.");
        }
    }
}
