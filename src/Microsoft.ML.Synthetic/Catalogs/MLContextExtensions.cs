using System.Runtime.CompilerServices;
using Microsoft.ML.Synthetic;

namespace Microsoft.ML;

/// <summary>Adds <see cref="Synthetic(MLContext)"/> to <see cref="MLContext"/>.</summary>
public static class MLContextExtensions
{
    private static readonly ConditionalWeakTable<MLContext, SyntheticCatalog> Catalogs = new();

    /// <summary>
    /// The SyntheticML catalog of this context. The same context always returns the same catalog, so
    /// seeds drawn from it follow the context's own seed.
    /// </summary>
    public static SyntheticCatalog Synthetic(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return Catalogs.GetValue(mlContext, static c => new SyntheticCatalog(c));
    }
}
