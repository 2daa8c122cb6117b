namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>What one column looks like in every leaf of the forest (one of the FORDE families).</summary>
internal abstract class ColumnDensity
{
    public abstract int LeafCount { get; }

    /// <summary>Writes the family tag and the parameters of every leaf.</summary>
    public abstract void Write(BinaryWriter writer);
}

/// <summary>The family of a saved column density.</summary>
internal enum DensityKind : byte
{
    /// <summary>Truncated normal (continuous columns).</summary>
    Normal = 1,

    /// <summary>Observed frequencies over codes (categorical and whole-number columns).</summary>
    Discrete = 2,
}
