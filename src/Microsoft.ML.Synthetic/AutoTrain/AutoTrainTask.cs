namespace Microsoft.ML.Synthetic;

/// <summary>The kind of model a search trains.</summary>
public enum AutoTrainTask
{
    /// <summary>Two classes; Boolean label.</summary>
    BinaryClassification,

    /// <summary>Several classes; key label.</summary>
    MulticlassClassification,

    /// <summary>A number; Single label.</summary>
    Regression,
}
