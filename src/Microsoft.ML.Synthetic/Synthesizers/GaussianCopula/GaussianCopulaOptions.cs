using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>Options of the Gaussian copula synthesizer (<see cref="GaussianCopulaCatalog.GaussianCopula(SynthesizerCatalog, GaussianCopulaOptions)"/>).</summary>
public sealed class GaussianCopulaOptions
{
    /// <summary>Default values of the options.</summary>
    public static class Defaults
    {
        /// <summary>Marginals are chosen by goodness of fit.</summary>
        public const MarginalKind Marginal = MarginalKind.Auto;

        /// <summary>Quantiles an empirical marginal keeps.</summary>
        public const int EmpiricalQuantiles = 1024;

        /// <summary>Gibbs sweeps per row when several coordinates are conditioned.</summary>
        public const int GibbsSweeps = 10;

        /// <summary>Distinct values of a continuous column counted exactly in statistics computed from partitions.</summary>
        public const int DistinctValueCapacity = 65_536;
    }

    /// <summary>How the training data is read (missing tokens, column kinds, columns); null for the defaults.</summary>
    public TabularDataOptions? DataOptions { get; set; }

    /// <summary>The model's default sampling seed; null draws one from the ML.NET context's seed.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// The marginal family of continuous columns. <see cref="MarginalKind.Auto"/> fits uniform, normal, truncated
    /// normal, beta and gamma in that order of simplicity, keeps the first whose Kolmogorov–Smirnov distance D to the
    /// training values passes the KS test at 5 % (D ≤ 1.358/√n), and otherwise uses the empirical marginal. Any other
    /// value forces that family.
    /// </summary>
    public MarginalKind Marginal { get; set; } = Defaults.Marginal;

    /// <summary>Per-column marginal families that override <see cref="Marginal"/> (continuous columns only).</summary>
    public IDictionary<string, MarginalKind> ColumnMarginals { get; init; } = new Dictionary<string, MarginalKind>(StringComparer.Ordinal);

    /// <summary>Quantiles an empirical marginal keeps (all training values when there are fewer). At least 2.</summary>
    public int EmpiricalQuantiles { get; set; } = Defaults.EmpiricalQuantiles;

    /// <summary>
    /// Gibbs sweeps per row when a conditional sample restricts several latent coordinates (several conditions, or a
    /// range on a column with missing values). One restricted coordinate is sampled exactly without sweeps. At most
    /// 1,000 (a loaded model may not make sampling loop without bound).
    /// </summary>
    public int GibbsSweeps { get; set; } = Defaults.GibbsSweeps;

    /// <summary>
    /// Stops <c>Fit</c>: checked before each column's marginal and each pair of the latent correlation; a cancelled
    /// token makes <c>Fit</c> throw <see cref="OperationCanceledException"/>.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// For fits from partition statistics (<see cref="GaussianCopulaEstimator.ComputeMarginalStatistics"/>,
    /// <see cref="GaussianCopulaEstimator.FitStreaming"/>): the most distinct values of a continuous column counted
    /// exactly (then the fit equals the in-memory fit). Past it the column's values go into a mergeable quantile
    /// sketch of about capacity/4 items per level whose ranks are within εn of the truth, ε = ⌈log₂(n/k)⌉/k,
    /// k = capacity/4 (see <see cref="GaussianCopulaMarginalStatistics"/>). At least 8. The in-memory <c>Fit</c> always counts exactly.
    /// </summary>
    public int DistinctValueCapacity { get; set; } = Defaults.DistinctValueCapacity;
}
