namespace Microsoft.ML.Synthetic;

/// <summary>
/// A part of <see cref="SyntheticCatalog"/> (<c>Synthesizers</c>, <c>Privacy</c>, <c>Resampling</c>, …) that components
/// extend with extension methods, as ML.NET's sub-catalogs are. Only the libraries create them.
/// </summary>
public abstract class SyntheticSubCatalog
{
    internal SyntheticSubCatalog(SyntheticCatalog owner) => Owner = owner;

    /// <summary>The catalog this one belongs to.</summary>
    public SyntheticCatalog Owner { get; }
}
