using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.TrainOnly;

/// <summary>
/// Reads the current thread's call stack for the frames of ML.NET's <see cref="EstimatorChain{TLastTransformer}"/>
/// <c>Fit</c>. A frame is named by its depth from the bottom of the stack and a hash of every method from the bottom
/// up to it: while a <c>Fit</c> call runs, its frame and every frame below it stay where they are, so the same name
/// found later on the same thread is that same call, still running.
/// </summary>
internal static class ChainFitFrames
{
    /// <summary>One running <c>EstimatorChain.Fit</c> call on one thread.</summary>
    internal readonly record struct Anchor(int ThreadId, int DepthFromBottom, long PathHash);

    /// <summary>The running <c>EstimatorChain.Fit</c> calls on this thread, outermost first (empty outside any chain fit).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Anchor[] Current() => Read(skipFrames: 1).Anchors;

    /// <summary>
    /// The chain fit that called the caller's caller, looking through ML.NET's <c>TransformerChain.Transform</c>
    /// (a nested fitted chain applied by the outer chain's fit) and <c>AutoTrainModel.Transform</c>; null when the
    /// call came from anything else (user code scoring, a cross-validation test fold, a custom estimator).
    /// </summary>
    /// <remarks>Call it directly from the <c>Transform</c> whose caller is asked about; that method must not be inlined.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static (Anchor? DirectFit, Anchor[] Running) CallerFit()
    {
        var (anchors, frames) = Read(skipFrames: 3);   // Read, CallerFit, the Transform: frames[0] is the Transform's caller
        int depth = frames.Length;
        for (int i = 0; i < frames.Length; i++)
        {
            var method = frames[i];
            if (IsChainTransform(method))
            {
                continue;
            }

            int fromBottom = depth - 1 - i;
            var direct = IsEstimatorChainFit(method) ? anchors.FirstOrDefault(a => a.DepthFromBottom == fromBottom) : default;
            return (direct == default ? null : direct, anchors);
        }

        return (null, anchors);
    }

    /// <summary>Whether an ML.NET cross-validation (<c>CrossValidate</c> of any task catalog) is running on this thread.</summary>
    public static bool InsideMlNetCrossValidation() =>
        new StackTrace(1, false).GetFrames().Any(f => f.GetMethod() is { } m && m.DeclaringType is { } t
            && t.Assembly == typeof(EstimatorChain<>).Assembly && m.Name.Contains("CrossValidate", StringComparison.Ordinal));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Anchor[] Anchors, MethodBase?[] Frames) Read(int skipFrames)
    {
        var frames = new StackTrace(skipFrames, false).GetFrames().Select(f => f.GetMethod()).ToArray();
        int thread = Environment.CurrentManagedThreadId;
        var anchors = new List<Anchor>();
        long hash = 17;
        for (int fromBottom = 0; fromBottom < frames.Length; fromBottom++)
        {
            var method = frames[frames.Length - 1 - fromBottom];
            hash = unchecked((hash * 1_000_003) + Identity(method));
            if (IsEstimatorChainFit(method))
            {
                anchors.Add(new Anchor(thread, fromBottom, hash));
            }
        }

        return ([.. anchors], frames);
    }

    /// <summary>A number that names the method within this process (dynamic methods have no metadata token: their name).</summary>
    private static long Identity(MethodBase? method) =>
        method is null ? 0
        : method.HasMetadataToken() ? ((long)method.MetadataToken << 32) ^ method.Module.GetHashCode()
        : StringComparer.Ordinal.GetHashCode(method.Name);

    private static bool IsEstimatorChainFit(MethodBase? method) =>
        method is { Name: "Fit" } && Definition(method.DeclaringType) == typeof(EstimatorChain<>);

    private static bool IsChainTransform(MethodBase? method) =>
        method is { Name: "Transform" }
        && (Definition(method.DeclaringType) == typeof(TransformerChain<>) || method.DeclaringType == typeof(AutoTrainModel));

    private static Type? Definition(Type? type) => type is { IsGenericType: true } ? type.GetGenericTypeDefinition() : type;
}
