
namespace Microsoft.ML.Synthetic;

/// <summary>The privacy ledger of a fitted chain, reached with <c>mlContext.Synthetic().Privacy.Ledger(model)</c>.</summary>
public static class PrivacyLedgerCatalog
{
    /// <summary>
    /// Every differentially private step of <paramref name="model"/> (noise steps, DP-trained synthesizers), with
    /// its parameters, and the total budget spent on the training data under <paramref name="rule"/>.
    /// </summary>
    /// <param name="catalog">The privacy catalog.</param>
    /// <param name="model">A fitted chain or stage.</param>
    /// <param name="rule">The composition rule of the total (basic by default).</param>
    /// <param name="delta">For <see cref="CompositionRule.ZeroConcentrated"/> and <see cref="CompositionRule.Renyi"/>: the δ of the reported total.</param>
    public static PrivacyLedger Ledger(this PrivacyCatalog catalog, ITransformer model, CompositionRule rule = CompositionRule.Basic, double? delta = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return PrivacyLedger.FromModel(model, rule, delta);
    }

    /// <summary>
    /// Opens a recorder that counts every fit of a DP train-only stage on the calling flow until it is disposed — the
    /// folds of ML.NET's <c>CrossValidate</c> (which refuses a DP stage unless a recorder is open) and any other refit
    /// that no single model reports. Read the total with <see cref="PrivacyReleaseRecorder.Ledger"/>.
    /// </summary>
    /// <param name="catalog">The privacy catalog.</param>
    public static PrivacyReleaseRecorder RecordReleases(this PrivacyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PrivacyReleaseRecorder();
    }
}
