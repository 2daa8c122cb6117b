using System.Runtime.CompilerServices;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Adds <c>Evaluation</c> (the <see cref="EvaluationCatalog"/>) to <c>mlContext.Synthetic()</c>, and the
/// <c>synthetic.Evaluate(...)</c> shortcut of the user story. The package that brings the metrics brings the
/// property, as ML.NET's trainer packages extend its catalogs.
/// </summary>
public static class EvaluationCatalogExtensions
{
    private static readonly ConditionalWeakTable<SyntheticCatalog, EvaluationCatalog> Catalogs = new();

    extension(SyntheticCatalog catalog)
    {
        /// <summary>Quality evaluation of synthetic data: reports and quality gates. The same catalog always returns the same instance.</summary>
        public EvaluationCatalog Evaluation
        {
            get
            {
                ArgumentNullException.ThrowIfNull(catalog);
                return Catalogs.GetValue(catalog, static c => new EvaluationCatalog(c));
            }
        }

        /// <summary>Shortcut for <c>synthetic.Evaluation.Evaluate(real, synthetic, holdout, options, cancellationToken)</c>
        /// (<see cref="EvaluationCatalog.Evaluate(IDataView, IDataView, IDataView?, EvaluationOptions?, CancellationToken)"/>).</summary>
        /// <param name="real">The real rows the synthesizer learned from.</param>
        /// <param name="synthetic">The synthetic rows: the same column names and kinds as <paramref name="real"/>.</param>
        /// <param name="holdout">Real rows the synthesizer never saw; needed for utility (TSTR) and the holdout-based privacy metrics.</param>
        /// <param name="options">What to compute; null for the defaults.</param>
        /// <param name="cancellationToken">Stops the evaluation between and inside stages.</param>
        public QualityReport Evaluate(IDataView real, IDataView synthetic, IDataView? holdout = null,
            EvaluationOptions? options = null, CancellationToken cancellationToken = default) =>
            catalog.Evaluation.Evaluate(real, synthetic, holdout, options, cancellationToken);
    }
}
