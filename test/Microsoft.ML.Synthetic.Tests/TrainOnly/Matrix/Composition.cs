namespace Microsoft.ML.Synthetic.Tests.TrainOnly.Matrix;

/// <summary>The ways of composing a train-only stage that the matrix covers.</summary>
public enum Composition
{
    /// <summary><c>stage.Append(spy)</c>.</summary>
    FlatAppend,

    /// <summary>An estimator chain holding the stage, appended to another estimator chain.</summary>
    ChainAppendedToChain,

    /// <summary>The shape: <c>IEstimator&lt;ITransformer&gt; prep = stage.Append(copy); prep.Append(spy)</c>.</summary>
    AppendExtension,

    /// <summary>The stage first in an inner chain that the extension nests.</summary>
    InnerChainFirst,

    /// <summary>The stage in the middle of an inner chain.</summary>
    InnerChainMiddle,

    /// <summary>The stage last in an inner chain.</summary>
    InnerChainLast,

    /// <summary>The stage four chains deep.</summary>
    DeepNesting,

    /// <summary><c>AppendCacheCheckpoint</c> before and after the stage in an inner chain.</summary>
    CacheCheckpoints,

    /// <summary>One pipeline fitted twice on one data object.</summary>
    FitTwiceOnOneDataObject,

    /// <summary><c>model.Transform</c> on the training data after the fit, three times, and a prediction engine.</summary>
    TransformTrainingDataAfterFit,

    /// <summary><c>mlContext.Model.Save</c> and <c>Load</c> of the fitted nested chain.</summary>
    SaveAndLoad,

    /// <summary><c>TrainTestSplit</c>, then <c>Fit</c> on the training part and scoring of the test part.</summary>
    TrainTestSplit,

    /// <summary><c>ml.BinaryClassification.CrossValidate</c> (3 folds) of a nested pipeline with a trainer.</summary>
    CrossValidate,

    /// <summary><c>CrossValidate</c> inside <c>Privacy.RecordReleases()</c>.</summary>
    CrossValidateWithReleaseRecorder,

    /// <summary>AutoTrain (3 folds, one trial) with the stage in its prefix.</summary>
    AutoTrain,

    /// <summary>AutoTrain with <c>SpendPrivacyBudgetInEveryFold</c>.</summary>
    AutoTrainSpendingBudgetInEveryFold,

    /// <summary>Two threads fitting two pipelines on one data object at once.</summary>
    ConcurrentFitsOnOneDataObject,
}
