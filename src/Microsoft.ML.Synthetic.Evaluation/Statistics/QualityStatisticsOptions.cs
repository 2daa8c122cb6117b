namespace Microsoft.ML.Synthetic;

/// <summary>How <see cref="QualityStatistics.Compute"/> summarizes a partition of a table.</summary>
public sealed class QualityStatisticsOptions
{
    /// <summary>The default <see cref="ExactValueCapacity"/>.</summary>
    public const int DefaultExactValueCapacity = 100_000;

    /// <summary>The default <see cref="SketchSize"/>.</summary>
    public const int DefaultSketchSize = 4096;

    /// <summary>How the partitions are read (missing tokens, column kinds, columns, metadata); the same for every partition and table. Null: the defaults.</summary>
    public TabularDataOptions? ReadOptions { get; set; }

    /// <summary>Equal-width bins for continuous columns in contingency pairs; must equal <see cref="FidelityOptions.Bins"/> when the statistics are compared. Default 10.</summary>
    public int Bins { get; set; } = 10;

    /// <summary>
    /// Distinct values of a continuous column counted exactly (then KSComplement equals the in-memory figure). Past it the
    /// column's values go to a mergeable quantile sketch and KSComplement is within
    /// <see cref="QualityStatistics.CdfErrorBound(string)"/> of the real and synthetic tables (summed) of the exact figure.
    /// Default 100,000.
    /// </summary>
    public int ExactValueCapacity { get; set; } = DefaultExactValueCapacity;

    /// <summary>
    /// Values per level of the quantile sketch (k); its CDF error is at most ⌊log₂(n/k)⌋/(2k) of the rows (0.0021 for
    /// k = 4096 at a billion values), and <see cref="QualityStatistics.CdfErrorBound(string)"/> gives the bound actually reached. Default 4096.
    /// </summary>
    public int SketchSize { get; set; } = DefaultSketchSize;

    /// <summary>Rows read into memory at a time while streaming a partition. Default 65,536.</summary>
    public int BlockRows { get; set; } = 1 << 16;

    /// <summary>Receives the rows read so far in the current pass over a partition, after each block (both passes, when streaming with <see cref="EvaluationCatalog.EvaluateQualityStreaming"/>).</summary>
    public IProgress<long>? Progress { get; set; }

    internal void Validate()
    {
        if (Bins < 1) throw new ArgumentOutOfRangeException(nameof(Bins), Bins, "At least one bin is needed.");
        if (ExactValueCapacity < 1) throw new ArgumentOutOfRangeException(nameof(ExactValueCapacity), ExactValueCapacity, "The exact capacity must be at least 1 distinct value.");
        if (SketchSize < 2) throw new ArgumentOutOfRangeException(nameof(SketchSize), SketchSize, "The sketch needs at least 2 values per level.");
        if (BlockRows < 1) throw new ArgumentOutOfRangeException(nameof(BlockRows), BlockRows, "A block holds at least one row.");
    }
}
