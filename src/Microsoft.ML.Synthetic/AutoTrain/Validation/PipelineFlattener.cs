using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.AutoTrain.Validation;

/// <summary>
/// Turns a prefix pipeline into a flat list of (estimator, scope). ML.NET's <c>Append</c> extension on an
/// <see cref="IEstimator{TTransformer}"/> that is itself a chain nests the chain as one stage; fitting the outer chain then
/// calls the inner fitted chain's <c>Transform</c> a second time on the training data, after a train-only stage
/// inside it has already spent its one training-time transform — so the stages after it would see the real
/// rows only. A flat list keeps the contract: every stage's <c>Fit</c> and <c>Transform</c> get the same object.
/// </summary>
internal static class PipelineFlattener
{
    /// <summary>The stages of <paramref name="prefix"/>, with nested <see cref="EstimatorChain{TLastTransformer}"/>s expanded.</summary>
    public static IReadOnlyList<(IEstimator<ITransformer> Estimator, TransformerScope Scope)> Flatten(IEstimator<ITransformer> prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var stages = new List<(IEstimator<ITransformer>, TransformerScope)>();
        Add(prefix, TransformerScope.Everything, stages);
        return stages;
    }

    private static void Add(IEstimator<ITransformer> estimator, TransformerScope scope, List<(IEstimator<ITransformer>, TransformerScope)> stages)
    {
        var type = estimator.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EstimatorChain<>)
            && type.GetField("_estimators", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(estimator) is IEstimator<ITransformer>[] inner
            && type.GetField("_scopes", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(estimator) is TransformerScope[] scopes
            && scopes.Length == inner.Length)
        {
            for (int i = 0; i < inner.Length; i++) Add(inner[i], scopes[i] & scope, stages);
            return;
        }

        stages.Add((estimator, scope));
    }
}
