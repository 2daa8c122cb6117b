using Microsoft.ML.Synthetic.Evaluation.Fidelity;
namespace Microsoft.ML.Synthetic;

/// <summary>The correlation coefficient that <see cref="CorrelationSimilarity"/> compares.</summary>
public enum CorrelationCoefficient
{
    /// <summary>Pearson's product-moment correlation (the SDMetrics default).</summary>
    Pearson,

    /// <summary>Spearman's rank correlation (Pearson on average ranks, ties sharing their mean rank).</summary>
    Spearman,
}
