using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted DP noise step: train-only (the estimators after it are fitted on the noisy rows, drawn once per fit, so
/// every later stage sees the same noisy view; scoring is the identity), and a <see cref="IPrivacyLedgerSource"/>
/// that records the budget the step spends — one entry per fit.
/// </summary>
public abstract class NoiseStepTransformer : TrainOnlyTransformerBase, IPrivacyLedgerSource
{
    private protected NoiseStepTransformer(MLContext context, IDataView fittedOn, string columnName, PrivacyLedgerEntry entry)
        : base(context, fittedOn)
    {
        ColumnName = columnName;
        Entry = entry;
    }

    /// <summary>The column the noise is added to.</summary>
    public string ColumnName { get; }

    /// <summary>What this step spends.</summary>
    public PrivacyLedgerEntry Entry { get; }

    /// <inheritdoc/>
    public IReadOnlyList<PrivacyLedgerEntry> PrivacyLedgerEntries => [Entry];

    /// <inheritdoc/>
    public override string StageName => Entry.Step;
}
