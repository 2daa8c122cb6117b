using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.TrainOnly;

namespace Microsoft.ML.Synthetic.Onnx;

/// <summary>
/// The stages a fitted chain runs when it scores, in order: chains (and AutoTrain's models) expanded, an ML.NET
/// chain's stages of scope <see cref="TransformerScope.Training"/> skipped, train-only stages left out (they are
/// identity at scoring time).
/// </summary>
internal static class ScoringStages
{
    /// <summary>The scoring stages of <paramref name="model"/>; a stage that is not a chain is its own only stage.</summary>
    public static IEnumerable<ITransformer> Of(ITransformer model)
    {
        if (model is ITrainOnlyTransformer)
        {
            yield break;
        }

        if (model is AutoTrainModel autoTrain)
        {
            model = autoTrain.Model;
        }

        if (model is not IEnumerable<ITransformer> chain)
        {
            yield return model;
            yield break;
        }

        // An ML.NET chain scores with the stages of scope Scoring only, through its public GetModelFor.
        if (model.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(TransformerChain<>)
            && type.GetMethod(nameof(TransformerChain<ITransformer>.GetModelFor))?.Invoke(model, [TransformerScope.Scoring]) is IEnumerable<ITransformer> scoring)
        {
            chain = scoring;
        }

        foreach (var stage in chain.SelectMany(Of))
        {
            yield return stage;
        }
    }
}
