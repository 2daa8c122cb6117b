namespace Microsoft.ML.Synthetic.Evaluation.Detection;

/// <summary>
/// ML.NET's LightGBM trainer fails after training when LightGBM returns a tree that is a single leaf (it found no
/// split with positive gain): converting that tree throws <see cref="ArgumentNullException"/> ("items") from
/// <c>RegressionTreeBase</c> (dotnet/machinelearning#5022, still open in ML.NET 6.0.0). For a detector this is not an
/// error but an answer: no split separates real from synthetic rows, so the model scores every row alike.
/// </summary>
internal static class SingleLeafTrees
{
    /// <summary>
    /// Whether <paramref name="exception"/> is that conversion failure. The frame that names <c>RegressionTreeBase</c>
    /// is inlined away when the JIT has optimised the conversion (seen under load), leaving the ensemble's constructor.
    /// </summary>
    public static bool IsConversionFailure(Exception exception) =>
        exception is ArgumentNullException { ParamName: "items" } e
        && e.StackTrace is { } trace
        && (trace.Contains("RegressionTreeBase", StringComparison.Ordinal)
            || trace.Contains("Microsoft.ML.Trainers.FastTree.TreeEnsemble", StringComparison.Ordinal));
}
