using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic.AutoTrain.Validation;

/// <summary>
/// Fits a flat list of stages the way <c>EstimatorChain.Fit</c> does — each stage's <c>Fit</c> and then its
/// <c>Transform</c> on the very same data object — and checks afterwards that every train-only stage did
/// produce its training rows (so the stages after it were fitted on them).
/// </summary>
internal static class FlatPipeline
{
    /// <summary>
    /// The fitted stages and the data the next stage would be fitted on. The stages are fitted inside a training
    /// scope that closes before this returns, so the fitted train-only stages are the identity afterwards (for the
    /// held-out rows of a fold), while the returned view keeps the training rows they made.
    /// </summary>
    public static (List<ITransformer> Transformers, IDataView Output) Fit(
        IReadOnlyList<(IEstimator<ITransformer> Estimator, TransformerScope Scope)> stages, IDataView input, CancellationToken cancellationToken)
    {
        var transformers = new List<ITransformer>(stages.Count);
        IDataView current = input;
        using (TrainOnlyFitScope.Open())
        {
            foreach (var (estimator, _) in stages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var transformer = estimator.Fit(current);
                current = transformer.Transform(current);
                transformers.Add(transformer);
            }
        }

        foreach (var t in transformers) CheckTrainOnlyStagesFired(t, t);
        return (transformers, current);
    }

    /// <summary>Applies the fitted stages whose scope includes testing (the held-out rows of a fold).</summary>
    public static IDataView TransformForTesting(IReadOnlyList<ITransformer> transformers,
        IReadOnlyList<(IEstimator<ITransformer> Estimator, TransformerScope Scope)> stages, IDataView input)
    {
        IDataView current = input;
        for (int i = 0; i < transformers.Count; i++)
        {
            if ((stages[i].Scope & TransformerScope.Testing) != 0) current = transformers[i].Transform(current);
        }

        return current;
    }

    /// <summary>The fitted chain (ML.NET's own <see cref="TransformerChain{TLastTransformer}"/>) of fitted stages.</summary>
    public static TransformerChain<ITransformer> ToChain(IReadOnlyList<ITransformer> transformers, IReadOnlyList<TransformerScope> scopes) =>
        new([.. transformers], [.. scopes]);

    private static void CheckTrainOnlyStagesFired(ITransformer transformer, ITransformer stage)
    {
        if (transformer is TrainOnlyTransformerBase trainOnly && !trainOnly.HasProducedTrainingRows)
        {
            throw new InvalidOperationException(
                $"The train-only stage {trainOnly.StageName} was fitted but never produced its training rows" +
                (ReferenceEquals(transformer, stage) ? "" : $" (it is inside {stage.GetType().Name}, whose Transform does not apply it)") +
                ", so the stages after it were fitted on unchanged data. Build the prefix with EstimatorChain.Append (or the Append " +
                "extension) so that every stage is visible.");
        }

        if (transformer is IEnumerable<ITransformer> chain)
        {
            foreach (var inner in chain) CheckTrainOnlyStagesFired(inner, stage);
        }
    }
}
