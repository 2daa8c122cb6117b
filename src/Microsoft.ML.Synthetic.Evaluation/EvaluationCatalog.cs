using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Detection;
using Microsoft.ML.Synthetic.Evaluation.Fairness;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Privacy;
using Microsoft.ML.Synthetic.Evaluation.Utility;
using Microsoft.ML.Synthetic.Evaluation.Report;
using Microsoft.ML.Synthetic.Evaluation.Tables;

namespace Microsoft.ML.Synthetic.Evaluation;

/// <summary>Adds <c>Evaluate</c> to <c>mlContext.Synthetic()</c>.</summary>
public static class EvaluationCatalog
{
    /// <summary>
    /// Compares a synthetic table with the real one it imitates and returns a <see cref="QualityReport"/>:
    /// fidelity as SDMetrics' QualityReport defines it (column shapes, column pair trends, overall), and — as
    /// <paramref name="options"/> ask and the inputs allow — detection, utility, privacy and fairness.
    /// </summary>
    /// <param name="catalog">The SyntheticML catalog (<c>mlContext.Synthetic()</c>).</param>
    /// <param name="real">The real rows the synthesizer learned from (any scalar number, text, key or Boolean columns).</param>
    /// <param name="synthetic">The synthetic rows: the same column names and kinds as <paramref name="real"/>.</param>
    /// <param name="holdout">Real rows the synthesizer never saw; needed for utility (TSTR) and the holdout-based privacy metrics.</param>
    /// <param name="options">What to compute; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the evaluation between and inside stages.</param>
    /// <exception cref="ArgumentException">The tables' columns differ (the message names them), a table has fewer than two rows,
    /// or a column has only missing values in one table.</exception>
    public static QualityReport Evaluate(this SyntheticCatalog catalog, IDataView real, IDataView synthetic,
        IDataView? holdout = null, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        options ??= new EvaluationOptions();
        options.Fidelity.Validate();
        options.Detection.Validate();
        options.Privacy.Validate();
        int seed = options.Seed ?? catalog.NextSeed();
        var read = options.ReadOptions ?? new TabularDataOptions();
        var realTable = TabularData.FromDataView(real, read);
        var syntheticTable = TabularData.FromDataView(synthetic, read);
        var holdoutTable = holdout is null ? null : TabularData.FromDataView(holdout, read);
        return Evaluate(catalog.Context, realTable, syntheticTable, holdoutTable, options, seed, cancellationToken);
    }

    internal static QualityReport Evaluate(MLContext context, TabularData real, TabularData synthetic, TabularData? holdout,
        EvaluationOptions options, int seed, CancellationToken cancellationToken)
    {
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
        var report = new QualityReport(tables, fidelity, seed);
        var encoding = new MixedEncoding(tables);
        if (options.Detection.Enabled)
        {
            Start("detection");
            report.Detection = DetectionEvaluator.Evaluate(tables, encoding, options.Detection, seed, cancellationToken);
        }

        if (options.Privacy.Enabled)
        {
            Start("privacy");
            report.Privacy = PrivacyEvaluator.Evaluate(tables, encoding, options.Privacy, seed, cancellationToken);
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
