namespace Microsoft.ML.Synthetic.TrainOnly;

/// <summary>Base of the estimators of train-only stages: the output schema is the input schema.</summary>
/// <typeparam name="TTransformer">The fitted stage.</typeparam>
public abstract class TrainOnlyEstimatorBase<TTransformer> : IEstimator<TTransformer>
    where TTransformer : TrainOnlyTransformerBase
{
    /// <summary>Fits the stage on <paramref name="input"/>; the stage changes only that object's rows, once.</summary>
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return FitCore(input);
    }

    /// <summary>The input schema, unchanged: a train-only stage never changes columns.</summary>
    public virtual SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return inputSchema;
    }

    /// <summary>Fits the stage. Implementations validate the input schema and throw errors naming the column.</summary>
    protected abstract TTransformer FitCore(IDataView input);
}
