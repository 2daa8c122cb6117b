namespace Microsoft.ML.Synthetic;

/// <summary>Settings shared by every oversampler.</summary>
public class OversamplerOptions
{
    /// <summary>
    /// The columns the oversampler measures distances on and generates; null uses every column except the label
    /// (for SMOTE, ADASYN and Borderline-SMOTE: every continuous column; SMOTE-NC: continuous and categorical;
    /// SMOTEN: categorical). A column that is not a feature is copied from the row a new row is built from.
    /// </summary>
    public IReadOnlyList<string>? FeatureColumnNames { get; set; }

    /// <summary>Upper bound on threads for the nearest-neighbour search (default: the processor count).</summary>
    public int MaxThreads { get; set; } = Environment.ProcessorCount;
}

/// <summary>Settings of SMOTE and the variants that interpolate towards k same-class neighbours.</summary>
public class SmoteOptions : OversamplerOptions
{
    /// <summary>Nearest same-class neighbours a new row may be interpolated towards (imbalanced-learn's <c>k_neighbors</c>, default 5).</summary>
    public int KNeighbors { get; set; } = 5;
}
