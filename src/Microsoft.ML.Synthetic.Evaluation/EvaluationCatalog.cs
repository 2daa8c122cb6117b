using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Constraints;
using Microsoft.ML.Synthetic.Evaluation.Detection;
using Microsoft.ML.Synthetic.Evaluation.Fairness;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Metadata;
using Microsoft.ML.Synthetic.Evaluation.Privacy;
using Microsoft.ML.Synthetic.Evaluation.Utility;
using Microsoft.ML.Synthetic.Evaluation.Report;
using Microsoft.ML.Synthetic.Evaluation.Statistics;
using Microsoft.ML.Synthetic.Evaluation.Tables;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Quality evaluation of synthetic data, reached with <c>mlContext.Synthetic().Evaluation</c>: reports
/// (<see cref="Evaluate(IDataView, IDataView, IDataView?, EvaluationOptions?, CancellationToken)"/>) and quality
/// gates for pipelines (<see cref="QualityGate(IDataView, double, double?)"/>).
/// </summary>
public sealed class EvaluationCatalog : SyntheticSubCatalog
{
    internal EvaluationCatalog(SyntheticCatalog owner)
        : base(owner)
    {
    }

    /// <summary>
    /// Compares a synthetic table with the real one it imitates and returns a <see cref="QualityReport"/>:
    /// fidelity as SDMetrics' QualityReport defines it (column shapes, column pair trends, overall), and — as
    /// <paramref name="options"/> ask and the inputs allow — detection, utility, privacy and fairness.
    /// </summary>
    /// <param name="real">The real rows the synthesizer learned from (any scalar number, text, key or Boolean columns).</param>
    /// <param name="synthetic">The synthetic rows: the same column names and kinds as <paramref name="real"/>.</param>
    /// <param name="holdout">Real rows the synthesizer never saw; needed for utility (TSTR) and the holdout-based privacy metrics.</param>
    /// <param name="options">What to compute; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the evaluation between and inside stages.</param>
    /// <exception cref="ArgumentException">The tables' columns differ (the message names them), a table has fewer than two rows,
    /// or a column has only missing values in one table.</exception>
    public QualityReport Evaluate(IDataView real, IDataView synthetic,
        IDataView? holdout = null, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        options ??= new EvaluationOptions();
        options.Fidelity.Validate();
        options.Detection.Validate();
        options.Privacy.Validate();
        int seed = options.Seed ?? Owner.NextSeed();
        var read = options.ReadOptions ?? new TabularDataOptions();
        var realTable = TabularData.FromDataView(real, read);
        var syntheticTable = TabularData.FromDataView(synthetic, read);
        var holdoutTable = holdout is null ? null : TabularData.FromDataView(holdout, read);
        return Evaluate(Owner.Context, realTable, syntheticTable, holdoutTable, options, seed, cancellationToken);
    }

    /// <summary>
    /// The same evaluation on tables already read (for example <c>TabularData.FromDataView</c> or a synthesizer's
    /// <c>SampleTable</c>): nothing is read again.
    /// </summary>
    /// <param name="real">The real rows the synthesizer learned from.</param>
    /// <param name="synthetic">The synthetic rows.</param>
    /// <param name="holdout">Real rows the synthesizer never saw, or null.</param>
    /// <param name="options">What to compute; null for the defaults (<see cref="EvaluationOptions.ReadOptions"/> is not used to read, but its constraints are reported and its <see cref="TabularDataOptions.Metadata"/> is used).</param>
    /// <param name="cancellationToken">Stops the evaluation between and inside stages.</param>
    public QualityReport Evaluate(TabularData real, TabularData synthetic,
        TabularData? holdout = null, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        options ??= new EvaluationOptions();
        options.Fidelity.Validate();
        options.Detection.Validate();
        options.Privacy.Validate();
        return Evaluate(Owner.Context, real, synthetic, holdout, options, options.Seed ?? Owner.NextSeed(), cancellationToken);
    }

    /// <summary>
    /// The quality report's fidelity part — column shapes, column pair trends and the overall quality score, with the
    /// per-column and per-pair details — from mergeable statistics of the real and the synthetic table (each the
    /// <see cref="QualityStatistics.Merge"/> of its partitions' statistics, computed anywhere). Equals the in-memory
    /// <see cref="QualityReport.Fidelity"/> (to rounding) while every continuous column's distinct values fit
    /// <see cref="QualityStatisticsOptions.ExactValueCapacity"/>; past it a column's KSComplement is within
    /// <c>real.CdfErrorBound(column) + synthetic.CdfErrorBound(column)</c>. Kernel metrics (MMD, α-precision, β-recall) are not computed (NaN).
    /// </summary>
    /// <param name="real">Statistics of the real table.</param>
    /// <param name="synthetic">Statistics of the synthetic table (computed with the same options).</param>
    /// <param name="options">Thresholds and bins (must equal the statistics' <see cref="QualityStatistics.Bins"/>); null for the defaults. Pearson only.</param>
    /// <param name="cancellationToken">Stops the comparison.</param>
    /// <exception cref="ArgumentException">The tables' columns or kinds differ (the message names them), a table has fewer than two rows, a column has only missing values in one table, or the bins differ.</exception>
    /// <exception cref="NotSupportedException"><see cref="FidelityOptions.Coefficient"/> is Spearman.</exception>
    public FidelityResult EvaluateQuality(QualityStatistics real, QualityStatistics synthetic, FidelityOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        return QualityComparison.Evaluate(real, synthetic, options ?? new FidelityOptions(), cancellationToken);
    }

    /// <summary>
    /// Column shapes, column pair trends and the overall quality score of two tables too large for memory: two passes
    /// over a cursor of each (<see cref="QualityStatisticsRanges.Compute"/>, then <see cref="QualityStatistics.Compute"/>),
    /// <see cref="QualityStatisticsOptions.BlockRows"/> rows in memory at a time, then
    /// <see cref="EvaluateQuality(QualityStatistics, QualityStatistics, FidelityOptions?, CancellationToken)"/>. Any
    /// <see cref="IDataView"/> streams: Parquet (row group by row group), CSV, or a transform chain.
    /// </summary>
    /// <param name="real">The real rows.</param>
    /// <param name="synthetic">The synthetic rows (the same column names and kinds).</param>
    /// <param name="options">Thresholds and bins; null for the defaults. Pearson only.</param>
    /// <param name="statisticsOptions">How to read and summarize (read options, exact capacity, sketch size, block rows); null: the defaults with <see cref="FidelityOptions.Bins"/>.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    public FidelityResult EvaluateQualityStreaming(IDataView real, IDataView synthetic, FidelityOptions? options = null,
        QualityStatisticsOptions? statisticsOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        options ??= new FidelityOptions();
        options.Validate();
        statisticsOptions ??= new QualityStatisticsOptions { Bins = options.Bins };
        statisticsOptions.Validate();
        var read = statisticsOptions.ReadOptions;
        var realStats = QualityStatistics.Compute(real, QualityStatisticsRanges.ComputeReporting(real, read, statisticsOptions.BlockRows, statisticsOptions.Progress, cancellationToken), statisticsOptions, cancellationToken);
        var syntheticStats = QualityStatistics.Compute(synthetic, QualityStatisticsRanges.ComputeReporting(synthetic, read, statisticsOptions.BlockRows, statisticsOptions.Progress, cancellationToken), statisticsOptions, cancellationToken);
        return EvaluateQuality(realStats, syntheticStats, options, cancellationToken);
    }

    /// <summary>
    /// A quality gate for a pipeline, placed after a synthesizer: its <c>Fit</c> evaluates the samples against
    /// <paramref name="real"/> and throws a <see cref="QualityGateException"/> listing every figure under its
    /// threshold when the overall quality is below <paramref name="minimumQuality"/> or the detection score below
    /// <paramref name="minimumDetection"/>.
    /// </summary>
    /// <param name="real">The real data the synthesizer learns from.</param>
    /// <param name="minimumQuality">Minimum overall quality (<c>fidelity.overall</c>).</param>
    /// <param name="minimumDetection">Minimum detection score (<c>detection.score</c>); null skips detection.</param>
    public QualityGateEstimator QualityGate(IDataView real, double minimumQuality = 0.8, double? minimumDetection = null)
    {
        var options = new QualityGateOptions
        {
            Evaluation = new EvaluationOptions { Detection = { Enabled = minimumDetection is not null }, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false } },
        };
        options.Minimums["fidelity.overall"] = minimumQuality;
        if (minimumDetection is { } d) options.Minimums["detection.score"] = d;
        return QualityGate(real, options);
    }

    /// <summary>A quality gate with any thresholds over <see cref="QualityReport.Scores"/> (see <see cref="QualityGateOptions"/>).</summary>
    /// <param name="real">The real data the synthesizer learns from.</param>
    /// <param name="options">Thresholds and evaluation settings.</param>
    /// <param name="holdout">Real rows the synthesizer never saw (for utility and holdout-based privacy thresholds).</param>
    public QualityGateEstimator QualityGate(IDataView real, QualityGateOptions options, IDataView? holdout = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(options);
        options.Evaluation.Fidelity.Validate();
        options.Evaluation.Detection.Validate();
        options.Evaluation.Privacy.Validate();
        return new QualityGateEstimator(Owner, real, holdout, options);
    }

    internal static QualityReport Evaluate(MLContext context, TabularData real, TabularData synthetic, TabularData? holdout,
        EvaluationOptions options, int seed, CancellationToken cancellationToken)
    {
        (real, synthetic, holdout, var metadataChecks) = GeneratedColumnChecks.Split(real, synthetic, holdout, options.ReadOptions?.Metadata);
        var tables = AlignedTables.Create(real, synthetic, holdout);
        var stages = new List<string> { "fidelity" };
        if (options.Detection.Enabled) stages.Add("detection");
        if (options.Privacy.Enabled) stages.Add("privacy");
        bool utility = options.Utility.LabelColumn is not null;
        if (utility && holdout is null)
        {
            throw new ArgumentException($"Utility for label '{options.Utility.LabelColumn}' needs a holdout: real rows the synthesizer never saw.", nameof(holdout));
        }

        if (utility) stages.Add("utility");
        bool fairness = options.Fairness.ProtectedAttribute is not null;
        if (fairness) stages.Add("fairness");
        int done = 0;
        void Start(string stage)
        {
            cancellationToken.ThrowIfCancellationRequested();
            options.Progress?.Report(new EvaluationProgress(stage, done++ / (double)stages.Count));
        }

        Start("fidelity");
        var fidelity = FidelityEvaluator.Evaluate(tables, options.Fidelity, seed, cancellationToken);
        var report = new QualityReport(tables, fidelity, seed) { MetadataChecks = metadataChecks };
        report.Constraints = ConstraintValidityEvaluator.Evaluate(real, synthetic, options.ReadOptions);
        var encoding = tables.FitEncoding();
        if (options.Detection.Enabled)
        {
            Start("detection");
            report.Detection = DetectionEvaluator.Evaluate(tables, encoding, options.Detection, seed, cancellationToken);
        }

        if (options.Privacy.Enabled)
        {
            Start("privacy");
            report.Privacy = PrivacyEvaluator.Evaluate(tables, options.Privacy, seed, cancellationToken);
        }

        if (utility)
        {
            Start("utility");
            report.Utility = UtilityEvaluator.Evaluate(context, tables, encoding, options.Utility, seed, cancellationToken);
        }

        if (fairness)
        {
            Start("fairness");
            report.Fairness = FairnessEvaluator.Evaluate(tables, options.Fairness, options.Utility, report.Utility);
        }

        options.Progress?.Report(new EvaluationProgress("done", 1.0));
        return report;
    }
}
