namespace Microsoft.ML.Synthetic;

/// <summary>One detector's outcome.</summary>
/// <param name="Detector">The classifier (<c>LogisticRegression</c>, <c>LightGbm</c>).</param>
/// <param name="FoldAucs">ROC AUC of real-vs-synthetic on each held-out fold.</param>
/// <param name="MeanAuc">The mean of <paramref name="FoldAucs"/>.</param>
/// <param name="Score"><c>1 − mean(max(0.5, AUC)·2 − 1)</c> over folds: 1 = indistinguishable, 0 = perfectly separated.</param>
public sealed record DetectorScore(string Detector, IReadOnlyList<double> FoldAucs, double MeanAuc, double Score);

/// <summary>The classifier two-sample test.</summary>
public sealed class DetectionResult
{
    internal DetectionResult(IReadOnlyList<DetectorScore> detectors, int realRows, int syntheticRows)
    {
        Detectors = detectors;
        Score = detectors.Min(d => d.Score);
        RealRows = realRows;
        SyntheticRows = syntheticRows;
    }

    /// <summary>The lowest detector score: the strongest detector decides. 1 = indistinguishable.</summary>
    public double Score { get; }

    /// <summary>Each detector's folds and score.</summary>
    public IReadOnlyList<DetectorScore> Detectors { get; }

    /// <summary>Real rows used.</summary>
    public int RealRows { get; }

    /// <summary>Synthetic rows used.</summary>
    public int SyntheticRows { get; }
}
