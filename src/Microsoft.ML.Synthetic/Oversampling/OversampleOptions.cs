using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>Every setting of the <c>Oversample</c> stage, for <see cref="OversamplingCatalog.Oversample(ResamplingCatalog, OversampleOptions)"/>.</summary>
public sealed class OversampleOptions
{
    /// <summary>The class column (text, Boolean, key or number). Default <c>Label</c>.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The oversampler or synthesizer generator; null for SMOTE with k = 5.</summary>
    public SyntheticRowGenerator? Generator { get; set; }

    /// <summary>Which classes grow and how far. Default <see cref="SamplingStrategy.NotMajority"/>.</summary>
    public SamplingStrategy Strategy { get; set; } = SamplingStrategy.NotMajority;

    /// <summary>The seed; null draws one from the ML.NET context at every fit.</summary>
    public int? Seed { get; set; }

    /// <summary>How the rows are read (missing-value tokens, column kinds); null for the defaults.</summary>
    public TabularDataOptions? DataOptions { get; set; }
}
