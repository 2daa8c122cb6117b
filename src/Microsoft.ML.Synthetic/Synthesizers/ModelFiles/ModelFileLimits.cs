namespace Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

/// <summary>
/// The caps a saved synthesizer must respect to be loaded. Every count, length and dimension in a model file is
/// checked against these and against the bytes the file still holds before anything is allocated, so a file can
/// make a loader allocate only in proportion to its own size and never loop beyond these bounds.
/// </summary>
internal static class ModelFileLimits
{
    /// <summary>The largest body a model file may declare (the largest .NET byte array).</summary>
    public static readonly long MaxBodyBytes = Array.MaxLength;

    /// <summary>Columns of a table.</summary>
    public const int MaxColumns = 65_536;

    /// <summary>Categories of one column.</summary>
    public const int MaxCategories = 16_777_216;

    /// <summary>Bytes of one UTF-8 string (a column name, a category, a type code).</summary>
    public const int MaxStringBytes = 1 << 20;

    /// <summary>Gibbs sweeps per conditional copula row (also enforced when fitting).</summary>
    public const int MaxGibbsSweeps = 1_000;

    /// <summary>Components of one column's Gaussian mixture.</summary>
    public const int MaxMixtureComponents = 4_096;

    /// <summary>Hidden layers of one network.</summary>
    public const int MaxLayers = 64;

    /// <summary>Width of one network layer (hidden size, latent size).</summary>
    public const int MaxLayerWidth = 65_536;
}
