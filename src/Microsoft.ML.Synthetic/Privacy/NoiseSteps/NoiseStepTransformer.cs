using Microsoft.ML.Synthetic.Privacy.Ledger;
using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic.Privacy.NoiseSteps;

/// <summary>
/// A fitted DP noise step: train-only (the estimators after it are fitted on the noisy rows; scoring is the
/// identity), and a <see cref="IPrivacyLedgerSource"/> that records the budget the step spends.
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
