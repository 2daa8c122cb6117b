using System.Text.Json.Serialization;
using Microsoft.ML.Synthetic.Evaluation.Detection;
using Microsoft.ML.Synthetic.Evaluation.Fairness;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Privacy;
using Microsoft.ML.Synthetic.Evaluation.Utility;
using Microsoft.ML.Synthetic.Evaluation.Tables;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Everything an evaluation measured: fidelity (SDMetrics' quality score and its details), and, where computed,
/// detection, utility, privacy and fairness. <see cref="SaveJson(string)"/> writes it all; <see cref="SaveHtml(string)"/>
/// writes a self-contained page with plots.
/// </summary>
public sealed partial class QualityReport
{
    internal QualityReport(AlignedTables tables, FidelityResult fidelity, int seed)
    {
        Tables = tables;
        Fidelity = fidelity;
        Seed = seed;
        RealRows = tables.Real.RowCount;
        SyntheticRows = tables.Synthetic.RowCount;
        HoldoutRows = tables.Holdout?.RowCount;
    }

    /// <summary>Rows in the real table.</summary>
    public int RealRows { get; }

    /// <summary>Rows in the synthetic table.</summary>
    public int SyntheticRows { get; }

    /// <summary>Rows in the holdout table, when one was given.</summary>
    public int? HoldoutRows { get; }

    /// <summary>The seed the evaluation's random choices used.</summary>
    public int Seed { get; }

    /// <summary>The overall quality score (SDMetrics' definition): mean of column shapes and column pair trends.</summary>
    public double OverallQuality => Fidelity.Overall;

    /// <summary>Fidelity: column shapes, column pair trends, their details, and distances beyond SDMetrics.</summary>
    public FidelityResult Fidelity { get; }

    /// <summary>The classifier two-sample test, when run.</summary>
    public DetectionResult? Detection { get; internal set; }

    /// <summary>The distance-based privacy figures, when computed.</summary>
    public PrivacyResult? Privacy { get; internal set; }

    /// <summary>TSTR, TRTR and TRTS, when a label column and a holdout were given.</summary>
    public UtilityResult? Utility { get; internal set; }

    /// <summary>Group fairness, when a protected attribute was given.</summary>
    public FairnessResult? Fairness { get; internal set; }

    /// <summary>Constraint validity and the declared metadata, when <see cref="EvaluationOptions.ReadOptions"/> declares constraints or metadata.</summary>
    public ConstraintValidityResult? Constraints { get; internal set; }

    /// <summary>
    /// Things that did not stop the evaluation but deserve a look: identifier-like columns, categories only in the
    /// synthetic data, holdout categories unseen in training, rescaled columns, and metrics whose row cap cut a table
    /// (the same list is in the JSON, the HTML page and <see cref="ToString"/>).
    /// </summary>
    public IReadOnlyList<string> Warnings => [.. Tables.Warnings, .. RowSamples.Where(r => r.Sampled).Select(RowCapWarning)];

    /// <summary>
    /// The rows each metric with a row cap used (detection, kernel metrics, DCR queries and references, membership
    /// inference), with the cap and the option that sets it; <see cref="RowSample.Sampled"/> says whether the cap cut a table.
    /// </summary>
    public IReadOnlyList<RowSample> RowSamples
    {
        get
        {
            lock (Tables.RowSamples) return Tables.RowSamples.ToArray();
        }
    }

    /// <summary>
    /// Every headline figure under a dotted name (<c>fidelity.overall</c>, <c>fidelity.column_shapes</c>,
    /// <c>detection.score</c>, <c>utility.tstr_trtr_ratio</c>, <c>privacy.dcr_overfitting_protection</c>, …): what
    /// quality gates compare with their thresholds. Undefined figures are left out.
    /// </summary>
    public IReadOnlyDictionary<string, double> Scores
    {
        get
        {
            var scores = new SortedDictionary<string, double>(StringComparer.Ordinal);
            void Add(string name, double value)
            {
                if (double.IsFinite(value)) scores[name] = value;
            }

            Add("fidelity.overall", Fidelity.Overall);
            Add("fidelity.column_shapes", Fidelity.ColumnShapes);
            Add("fidelity.column_pair_trends", Fidelity.ColumnPairTrends);
            Add("fidelity.mmd", Fidelity.Mmd);
            Add("fidelity.alpha_precision", Fidelity.AlphaPrecision);
            Add("fidelity.beta_recall", Fidelity.BetaRecall);
            if (Constraints is { } constraints) Add("constraints.validity", constraints.Validity);
            if (Detection is { } detection)
            {
                Add("detection.score", detection.Score);
                foreach (var d in detection.Detectors) Add($"detection.{d.Detector.ToLowerInvariant()}.score", d.Score);
            }

            if (Privacy is { } privacy)
            {
                Add("privacy.median_dcr", privacy.MedianDcrToReal);
                Add("privacy.exact_copy_rate", privacy.ExactCopyRate);
                Add("privacy.dcr_baseline_protection", privacy.DcrBaselineProtection);
                Add("privacy.dcr_overfitting_protection", privacy.DcrOverfittingProtection);
                Add("privacy.new_row_synthesis", privacy.NewRowSynthesis);
                Add("privacy.membership_inference_auc", privacy.MembershipInferenceAuc);
            }

            if (Utility is { } utility)
            {
                string metric = utility.PrimaryMetric.ToLowerInvariant();
                Add($"utility.tstr.{metric}", utility.Tstr.Primary(utility.Task));
                Add($"utility.trtr.{metric}", utility.Trtr.Primary(utility.Task));
                Add($"utility.trts.{metric}", utility.Trts.Primary(utility.Task));
                Add("utility.tstr_trtr_ratio", utility.TstrTrtrRatio);
            }

            if (Fairness is { } fairness)
            {
                Add("fairness.real.demographic_parity_difference", fairness.Real.DemographicParityDifference);
                Add("fairness.synthetic.demographic_parity_difference", fairness.Synthetic.DemographicParityDifference);
                Add("fairness.real.disparate_impact_ratio", fairness.Real.DisparateImpactRatio);
                Add("fairness.synthetic.disparate_impact_ratio", fairness.Synthetic.DisparateImpactRatio);
                Add("fairness.tstr.equalized_odds_difference", fairness.TstrEqualizedOddsDifference);
            }

            AddMetadataScores(Add);

            return scores;
        }
    }

    [JsonIgnore]
    internal AlignedTables Tables { get; }

    /// <summary>The headline figures, one per line (<c>name = value</c>), then the <see cref="Warnings"/>, one per line after <c>warning:</c>.</summary>
    public override string ToString() =>
        string.Join(Environment.NewLine, Scores.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Key} = {p.Value:0.####}"))
            .Concat(Warnings.Select(w => "warning: " + w)));

    /// <summary>A warning for a metric whose row cap made it use fewer rows than a table holds.</summary>
    private string RowCapWarning(RowSample r)
    {
        var parts = new List<string>();
        void Part(int used, int? total, string role)
        {
            if (used > 0 && total is { } t && used < t) parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{used:N0} of {t:N0} {role} rows"));
        }

        Part(r.RealRows, RealRows, "real");
        Part(r.SyntheticRows, SyntheticRows, "synthetic");
        Part(r.HoldoutRows, HoldoutRows, "holdout");
        string cap = r.Cap is { } c ? c.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "none";
        return $"Metric '{r.Metric}' used a seeded sample of {string.Join(", ", parts)} (row cap {cap}, {r.Option}); its figures are estimates. Raise {r.Option} (null uses every row) to score the whole tables.";
    }
}
