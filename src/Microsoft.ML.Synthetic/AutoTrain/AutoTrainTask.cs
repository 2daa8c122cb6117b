namespace Microsoft.ML.Synthetic.AutoTrain;

/// <summary>The kind of model a search trains.</summary>
public enum AutoTrainTask
{
    /// <summary>Two classes; Boolean label.</summary>
    BinaryClassification,
}
