
namespace Microsoft.ML.Synthetic.Benchmarks.Evaluation;

/// <summary>Reports progress on the calling thread (<see cref="Progress{T}"/> would post it to the thread pool, late).</summary>
internal sealed class SynchronousProgress(Action<EvaluationProgress> report) : IProgress<EvaluationProgress>
{
    public void Report(EvaluationProgress value) => report(value);
}
