namespace Microsoft.ML.Synthetic.TrainOnly;

/// <summary>
/// Marks a transformer that acts on training data only (oversampling, augmentation, replacement, DP noise).
/// At scoring time such a transformer is the identity: <c>Transform(x)</c> returns the rows of <c>x</c>
/// unchanged for any <c>x</c> other than the data it was fitted on. ONNX export leaves it out, and model
/// files store it as an identity stage.
/// </summary>
public interface ITrainOnlyTransformer : ITransformer
{
}
