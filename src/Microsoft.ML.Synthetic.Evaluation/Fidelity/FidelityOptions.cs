namespace Microsoft.ML.Synthetic;

/// <summary>How fidelity is measured. The defaults reproduce the SDMetrics QualityReport as the TabSyn and TabDDPM papers used it.</summary>
public sealed class FidelityOptions
{
    /// <summary>SDMetrics' current default <c>real_correlation_threshold</c> (0.5).</summary>
    public const double SdMetricsDefaultCorrelationThreshold = 0.5;

    /// <summary>SDMetrics' current default <c>real_association_threshold</c> (0.3).</summary>
    public const double SdMetricsDefaultAssociationThreshold = 0.3;

    /// <summary>The coefficient CorrelationSimilarity compares. Default: Pearson.</summary>
    public CorrelationCoefficient Coefficient { get; set; } = CorrelationCoefficient.Pearson;

    /// <summary>
    /// Continuous pairs count toward the pair-trend average only when |ρ_real| exceeds this. Default 0 (every
    /// pair, as the published numbers used); <see cref="SdMetricsDefaultCorrelationThreshold"/> reproduces current SDMetrics.
    /// </summary>
    public double CorrelationThreshold { get; set; }

    /// <summary>
    /// Categorical and mixed pairs count only when the real table's Cramér's V exceeds this. Default 0;
    /// <see cref="SdMetricsDefaultAssociationThreshold"/> reproduces current SDMetrics.
    /// </summary>
    public double AssociationThreshold { get; set; }

    /// <summary>Equal-width bins for a continuous column in a mixed pair (each table binned over its own range). Default 10.</summary>
    public int Bins { get; set; } = 10;

    /// <summary>Compute MMD and α-precision/β-recall (on at most <see cref="MaxRowsForKernelMetrics"/> rows per table). Default true.</summary>
    public bool KernelMetrics { get; set; } = true;

    /// <summary>The largest <see cref="MaxRowsForKernelMetrics"/> accepted: MMD keeps the pooled squared-distance matrix (4·(2·rows)² bytes, 400 MB at 5,000).</summary>
    public const int KernelMetricsRowLimit = 5_000;

    /// <summary>
    /// Rows sampled per table (seeded) for MMD and α-precision/β-recall, whose cost is quadratic; the report records
    /// the rows used under <c>RowSamples</c>. Default 1000, at most <see cref="KernelMetricsRowLimit"/>.
    /// </summary>
    public int MaxRowsForKernelMetrics { get; set; } = 1000;

    internal void Validate()
    {
        if (!(CorrelationThreshold >= 0 && CorrelationThreshold < 1)) throw new ArgumentOutOfRangeException(nameof(CorrelationThreshold), CorrelationThreshold, "The correlation threshold must be in [0, 1).");
        if (!(AssociationThreshold >= 0 && AssociationThreshold < 1)) throw new ArgumentOutOfRangeException(nameof(AssociationThreshold), AssociationThreshold, "The association threshold must be in [0, 1).");
        if (Bins < 1) throw new ArgumentOutOfRangeException(nameof(Bins), Bins, "At least one bin is needed.");
        if (MaxRowsForKernelMetrics < 10) throw new ArgumentOutOfRangeException(nameof(MaxRowsForKernelMetrics), MaxRowsForKernelMetrics, "At least 10 rows are needed.");
        if (MaxRowsForKernelMetrics > KernelMetricsRowLimit) throw new ArgumentOutOfRangeException(nameof(MaxRowsForKernelMetrics), MaxRowsForKernelMetrics, $"At most {KernelMetricsRowLimit:N0} rows per table: MMD's pairwise matrix grows with the square of the rows.");
    }
}
