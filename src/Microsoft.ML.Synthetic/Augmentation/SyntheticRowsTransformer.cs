using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted <c>Oversample</c>, <c>Augment</c> or <c>Replace</c> stage. While its pipeline is being fitted, the
/// training-time <c>Transform</c> calls (those the running <c>EstimatorChain.Fit</c> makes, at any level of nesting;
/// see <see cref="TrainOnlyTransformerBase"/>) return the prepared rows, real first then synthetic
/// (<see cref="AugmentedDataView"/>), the same rows every time; every other call returns its input unchanged, and
/// the stage saves as an identity.
/// </summary>
public sealed class SyntheticRowsTransformer : TrainOnlyTransformerBase, IPrivacyLedgerSource
{
    private AugmentedDataView? _rows;

    internal SyntheticRowsTransformer(MLContext context, IDataView fittedOn, AugmentedDataView rows, TrainingRowsSummary summary,
        IReadOnlyList<PrivacyLedgerEntry>? privacy = null)
        : base(context, fittedOn)
    {
        PrivacyLedgerEntries = privacy ?? [];
        _rows = rows;
        Summary = summary;
    }

    /// <summary>Rows per class, real and synthetic, that the estimators after this stage were fitted on.</summary>
    public TrainingRowsSummary Summary { get; }

    /// <inheritdoc/>
    public override string StageName => LabelOrAllRows(Summary);

    /// <summary>
    /// The privacy budget its generator spent (a DP-trained synthesizer such as DP-TVAE); empty otherwise. Real
    /// rows that a stage keeps (Oversample, Augment) reach later stages without any DP protection.
    /// </summary>
    public IReadOnlyList<PrivacyLedgerEntry> PrivacyLedgerEntries { get; }

    private static string LabelOrAllRows(TrainingRowsSummary s) =>
        s.LabelColumnName is null ? $"{s.Stage}({s.Generator})" : $"{s.Stage}(label: '{s.LabelColumnName}', {s.Generator})";

    /// <inheritdoc/>
    private protected override IDataView TransformTraining(IDataView trainingData)
    {
        var rows = _rows ?? throw new InvalidOperationException("The training rows were already handed on.");
        _rows = null;
        return rows;
    }
}
