namespace Microsoft.ML.Synthetic;

/// <summary>The classifier two-sample test: can a classifier tell real rows from synthetic ones?</summary>
public sealed class DetectionOptions
{
    /// <summary>Run the test. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Stratified folds. Default 3 (as SDMetrics' detection metrics).</summary>
    public int Folds { get; set; } = 3;

    /// <summary>The default of <see cref="MaxRowsPerTable"/>.</summary>
    public const int DefaultMaxRowsPerTable = 20_000;

    /// <summary>
    /// Rows taken from each table (seeded sample; the report records the rows used under <c>RowSamples</c>); null =
    /// every row. Default <see cref="DefaultMaxRowsPerTable"/> (20,000): six classifier fits over every row of large
    /// tables cost minutes and gigabytes while the AUC of 20,000 rows per class is already precise to about ±0.005.
    /// </summary>
    public int? MaxRowsPerTable { get; set; } = DefaultMaxRowsPerTable;

    /// <summary>Train the logistic-regression detector (ML.NET L-BFGS). Default true.</summary>
    public bool LogisticRegression { get; set; } = true;

    /// <summary>Train the gradient-boosted-trees detector (ML.NET LightGBM). Default true.</summary>
    public bool GradientBoostedTrees { get; set; } = true;

    /// <summary>Boosting iterations of the GBDT detector. Default 100.</summary>
    public int Iterations { get; set; } = 100;

    internal void Validate()
    {
        if (Folds < 2) throw new ArgumentOutOfRangeException(nameof(Folds), Folds, "At least two folds are needed.");
        if (MaxRowsPerTable is < 10) throw new ArgumentOutOfRangeException(nameof(MaxRowsPerTable), MaxRowsPerTable, "At least 10 rows per table are needed.");
        if (Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "At least one iteration is needed.");
        if (Enabled && !LogisticRegression && !GradientBoostedTrees) throw new ArgumentException("Detection is enabled but no detector is selected.", nameof(LogisticRegression));
    }
}
