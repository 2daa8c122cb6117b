using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Detection;
using Microsoft.ML.Synthetic.Evaluation.Fairness;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Privacy;
using Microsoft.ML.Synthetic.Evaluation.Utility;

namespace Microsoft.ML.Synthetic;

/// <summary>What <see cref="EvaluationCatalog.Evaluate(IDataView, IDataView, IDataView?, EvaluationOptions?, CancellationToken)"/> computes and how.</summary>
public sealed class EvaluationOptions
{
    /// <summary>
    /// Options for SDMetrics' quality score alone (column shapes and column pair trends): no detection, privacy,
    /// kernel metrics, utility or fairness. The fastest evaluation.
    /// </summary>
    public static EvaluationOptions QualityOnly(int? seed = null) => new()
    {
        Seed = seed,
        Detection = { Enabled = false },
        Privacy = { Enabled = false },
        Fidelity = { KernelMetrics = false },
    };

    /// <summary>Seed for every random choice (subsamples, folds, baselines). Null: drawn from the <see cref="MLContext"/>.</summary>
    public int? Seed { get; set; }

    /// <summary>How the data views are read (missing-value tokens, column kinds, columns). The same options serve every table.</summary>
    public TabularDataOptions? ReadOptions { get; set; }

    /// <summary>Fidelity settings (SDMetrics thresholds, bins, kernel metrics).</summary>
    public FidelityOptions Fidelity { get; set; } = new();

    /// <summary>Detection settings (the classifier two-sample test; on by default).</summary>
    public DetectionOptions Detection { get; set; } = new();

    /// <summary>Privacy settings (DCR, NewRowSynthesis, membership inference; on by default).</summary>
    public PrivacyOptions Privacy { get; set; } = new();

    /// <summary>Utility settings: set <see cref="UtilityOptions.LabelColumn"/> and give a holdout to get TSTR, TRTR and TRTS.</summary>
    public UtilityOptions Utility { get; set; } = new();

    /// <summary>Fairness settings: set <see cref="FairnessOptions.ProtectedAttribute"/> to get group fairness of the data and of the TSTR model.</summary>
    public FairnessOptions Fairness { get; set; } = new();

    /// <summary>Receives the stage being computed and the fraction of the stages done.</summary>
    public IProgress<EvaluationProgress>? Progress { get; set; }
}

/// <summary>Progress of an evaluation.</summary>
/// <param name="Stage">The stage that starts (<c>fidelity</c>, <c>detection</c>, …).</param>
/// <param name="Fraction">The fraction of stages finished, in [0, 1].</param>
public sealed record EvaluationProgress(string Stage, double Fraction);
