using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic.Augmentation;

/// <summary>
/// A fitted <c>Oversample</c>, <c>Augment</c> or <c>Replace</c> stage. Its one training-time <c>Transform</c> (the
/// call <c>EstimatorChain.Fit</c> makes with the data the stage was fitted on) returns the prepared rows, real
/// first then synthetic (<see cref="AugmentedDataView"/>); every other call returns its input unchanged, and
/// the stage saves as an identity.
/// </summary>
public sealed class SyntheticRowsTransformer : TrainOnlyTransformerBase
{
    private AugmentedDataView? _rows;

    internal SyntheticRowsTransformer(MLContext context, IDataView fittedOn, AugmentedDataView rows, TrainingRowsSummary summary)
        : base(context, fittedOn)
    {
        _rows = rows;
        Summary = summary;
    }

    /// <summary>Rows per class, real and synthetic, that the estimators after this stage were fitted on.</summary>
    public TrainingRowsSummary Summary { get; }

    /// <inheritdoc/>
    protected override IDataView TransformTraining(IDataView trainingData)
    {
        var rows = _rows ?? throw new InvalidOperationException("The training rows were already handed on.");
        _rows = null;
        return rows;
    }
}
