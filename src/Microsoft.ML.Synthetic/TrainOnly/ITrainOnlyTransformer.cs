namespace Microsoft.ML.Synthetic.TrainOnly;

/// <summary>
/// Marks a transformer that acts on training data only (oversampling, augmentation, replacement, DP noise).
/// While the pipeline that contains it is being fitted, the estimators after it are fitted on the rows it makes
/// (see <see cref="TrainOnlyTransformerBase"/> for the compositions covered and those refused). Once that fit has
/// returned it is the identity: <c>Transform(x)</c> returns the rows of <c>x</c> unchanged for any <c>x</c>, the
/// training data included. ONNX export leaves it out, and model files store it as an identity stage.
/// </summary>
internal interface ITrainOnlyTransformer : ITransformer
{
}
